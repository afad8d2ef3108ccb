import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string: what every
/// form of the page posts, and what any HTTP client can send.
struct FormFields: Sendable {
  private(set) var values: [String: String] = [:]

  init(_ text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      if values[name] == nil { values[name] = value }
    }
  }

  subscript(_ name: String) -> String? {
    guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    return value
  }

  static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
