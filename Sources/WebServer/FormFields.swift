import Basics
import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string: what every
/// form of the page posts, and what any HTTP client can send.
struct FormFields: Sendable {
  private(set) var values: [String: String] = [:]
  /// The first field that cannot be read as sent, with why: its text is not UTF-8 (raw or
  /// percent-encoded), or it is given twice (which copy was meant is not the page's guess).
  private(set) var problem: (field: String, message: String)?

  /// - Parameter replaced: the text was made from bytes with U+FFFD for those that are not
  ///   UTF-8, so a U+FFFD in a field stands for bytes that were not text. A body that is UTF-8
  ///   throughout may hold the character itself, percent-encoded or not.
  init(_ text: String, replaced: Bool = true) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else {
        problem =
          problem ?? (
            String(parts[0]),
            "is not a field name as a form sends one (a '%' without two hex digits, or bytes that are not UTF-8); send the form as the page's forms are"
          )
        continue
      }
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      // A U+FFFD in the text as it came stands for bytes that were not UTF-8 (when the text
      // was made with replacements); one spelled %EF%BF%BD is the character itself.
      let notText = replaced && pair.unicodeScalars.contains("\u{FFFD}")
      guard let value, !notText else {
        problem =
          problem
          ?? (
            name,
            notText
              ? "is not UTF-8 text; send the form in UTF-8, as the page's forms are"
              : "is not text as a form sends it (a '%' without two hex digits, or bytes that are not UTF-8); send the form in UTF-8, as the page's forms are"
          )
        continue
      }
      if values[name] == nil {
        values[name] = value
      } else {
        problem = problem ?? (name, "is given twice; send it once")
      }
    }
  }

  /// The fields of a body as it came: bytes that are not UTF-8 are the problem of their field.
  init(body bytes: [UInt8]) {
    if let text = String(validating: bytes, as: UTF8.self) {
      self.init(text, replaced: false)
    } else {
      self.init(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// The value exactly as sent (a password keeps its spaces).
  func raw(_ name: String) -> String? { values[name] }

  /// The first field (by name) that is not one of `known`, with the known name nearest to it:
  /// a misspelt field (`asof`) would otherwise be read as absent, its default used unsaid.
  func unknown(among known: [String]) -> (field: String, nearest: String?)? {
    let allowed = Set(known)
    guard let name = values.keys.sorted().first(where: { !allowed.contains($0) }) else { return nil }
    return (name, closestMatch(name, in: known, ignoringCase: true))
  }

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

  /// The text of a name or value: `+` a space, `%XX` its byte; nil when those bytes are not
  /// UTF-8 (`%E9` for é in Latin-1) or a `%` is not followed by two hex digits.
  static func decode(_ text: Substring) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}
