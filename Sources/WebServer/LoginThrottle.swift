import Foundation

/// Failed logins, counted per user name and per address: after ``limit`` failures within
/// ``window`` the next attempts are refused (429) until the oldest failure is that old.
actor LoginThrottle {
  static let limit = 5
  static let window: Duration = .seconds(15 * 60)

  private var failures: [String: [ContinuousClock.Instant]] = [:]

  /// How long until `keys` may try again, or nil when they may now.
  func wait(for keys: [String], now: ContinuousClock.Instant = .now) -> Duration? {
    var longest: Duration?
    for key in keys {
      let recent = (failures[key] ?? []).filter { now - $0 < Self.window }
      failures[key] = recent
      if recent.count >= Self.limit, let oldest = recent.first {
        let left = Self.window - (now - oldest)
        longest = max(longest ?? .zero, left)
      }
    }
    return longest
  }

  func failed(_ keys: [String], now: ContinuousClock.Instant = .now) {
    for key in keys { failures[key, default: []].append(now) }
  }

  func succeeded(_ keys: [String]) {
    for key in keys { failures[key] = nil }
  }
}
