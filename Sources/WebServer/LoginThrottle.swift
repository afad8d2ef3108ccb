import Foundation

/// Failed logins, counted per user name and per address: after ``limit`` failures within
/// ``window`` the next attempts are refused (429) until the oldest failure is that old.
actor LoginThrottle {
  static let limit = 5
  static let window: Duration = .seconds(15 * 60)

  private var failures: [String: [ContinuousClock.Instant]] = [:]

  /// Starts an attempt: how long until `keys` may try again, or nil, in which case the attempt
  /// counts as a failure at once (until ``succeeded(user:address:attempt:)`` takes it back), so that attempts sent
  /// together cannot all pass before any has failed.
  func attempt(_ keys: [String], now: ContinuousClock.Instant = .now) -> Duration? {
    var longest: Duration?
    for key in keys {
      let recent = (failures[key] ?? []).filter { now - $0 < Self.window }
      failures[key] = recent.isEmpty ? nil : recent
      if recent.count >= Self.limit, let oldest = recent.first {
        longest = max(longest ?? .zero, Self.window - (now - oldest))
      }
    }
    if longest == nil {
      for key in keys { failures[key, default: []].append(now) }
    }
    return longest
  }

  /// A login that succeeded: its user name's failures are forgiven, but the address keeps
  /// those of other names, less this attempt's own (made at `instant`), so that an account of
  /// one's own buys no more guesses at other users' passwords.
  func succeeded(user: String, address: String, attempt instant: ContinuousClock.Instant) {
    failures[user] = nil
    if let index = failures[address]?.lastIndex(of: instant) { failures[address]?.remove(at: index) }
    if failures[address]?.isEmpty == true { failures[address] = nil }
  }
}
