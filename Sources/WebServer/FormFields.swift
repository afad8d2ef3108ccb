import Basics
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

  /// The value exactly as sent (a password keeps its spaces).
  func raw(_ name: String) -> String? { values[name] }

  /// The first field whose value holds a character no page may show (a control other than
  /// tab, line feed and carriage return, DEL, U+FFFE or U+FFFF): its name, and the character as
  /// a message names it.
  var controlCharacter: (field: String, scalar: String)? {
    for (name, value) in values.sorted(by: { $0.key < $1.key }) {
      if let bad = value.unicodeScalars.first(where: Self.refused) { return (name, bad.refusedName) }
    }
    return nil
  }

  /// Whether a page cannot show the character (``Swift/Unicode/Scalar/isRefusedInText``).
  static func refused(_ scalar: Unicode.Scalar) -> Bool { scalar.isRefusedInText }

  subscript(_ name: String) -> String? {
    guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    return value
  }

  static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
