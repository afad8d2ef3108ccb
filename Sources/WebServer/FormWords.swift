import Foundation

/// A message the CLI and the page share, in the page's words: each option it names becomes the
/// form's field, and advice to pass an option the page does not offer is left out (a user
/// would look for `--despite-threshold` on a form without it).
enum FormWords {
  /// The reply form's fields by the `ardoc reply` options that give them.
  static let reply: [(option: String, field: String)] = [
    ("--their-balance", "theirBalance"), ("--received", "received"), ("--signed-by", "signedBy"),
    ("--note", "note"), ("--disputed", "answer disputed"), ("--agreed", "answer agreed"),
  ]

  /// The document form's fields by the document commands' options.
  static let document: [(option: String, field: String)] = [
    ("--as-of", "asOf"), ("--date", "date"), ("--level", "level"), ("--measure", "measure"),
    ("--installments", "installments"), ("--currency", "currency"), ("--collect", "collect"),
    ("--locale", "locale"),
  ]

  /// Advice that only the CLI can follow.
  static let cliOnly = [
    ", or pass --despite-threshold to issue it anyway (the register records that)",
    "; pass --despite-threshold to issue it anyway (the register records that)",
    ", or pass --despite-dispute",
  ]

  /// `message` with `fields` named instead of their options and the CLI's own advice left out.
  ///
  /// ```swift
  /// FormWords.page("error: --received 2027-12-03 is after today", FormWords.reply)
  /// // "error: received 2027-12-03 is after today"
  /// ```
  static func page(_ message: String, _ fields: [(option: String, field: String)]) -> String {
    var text = message
    for advice in cliOnly { text = text.replacingOccurrences(of: advice, with: "") }
    text = pageCommands(text)
    // A command the page cannot do is quoted as the CLI takes it: its options stay options.
    var result = ""
    var rest = Substring(text)
    while let start = rest.range(of: "'ardoc "), let end = rest[start.upperBound...].firstIndex(of: "'") {
      result += fieldNames(String(rest[..<start.lowerBound]), fields) + rest[start.lowerBound...end]
      rest = rest[rest.index(after: end)...]
    }
    return result + fieldNames(String(rest), fields)
  }

  /// `text` with each option of `fields` named as its field.
  static func fieldNames(_ text: String, _ fields: [(option: String, field: String)]) -> String {
    var text = text
    // Longest first: --date must not turn --date-from's start into a field.
    for (option, field) in fields.sorted(by: { $0.option.count > $1.option.count }) {
      text = replacing(option, with: field, in: text)
    }
    return text
  }

  /// Commands the message quotes that the page does with a form or a page: recording a reply
  /// is the reply form on the letter's page (a statement's stamp, on the statement's), listing
  /// the register the documents page. A reply with an option the form has not (a differences
  /// file, a withdrawal) stays a command, as does one the page cannot do (`ardoc reconcile`).
  ///
  /// ```swift
  /// FormWords.pageCommands("record it with 'ardoc reply DZ-202611-0001 --agreed --received DATE'")
  /// // "record it with the reply form on DZ-202611-0001's page"
  /// ```
  static func pageCommands(_ text: String) -> String {
    var text = text
    var from = text.startIndex
    while let start = text.range(of: "'ardoc reply ", range: from..<text.endIndex) {
      guard let end = text[start.upperBound...].firstIndex(of: "'") else { break }
      let command = text[start.upperBound..<end]
      let options = command.split(separator: " ").filter { $0.hasPrefix("--") }
      guard options.allSatisfy({ option in reply.contains { $0.option == option } }) else {
        from = text.index(after: end)
        continue
      }
      let number = command.prefix { !$0.isWhitespace }
      text.replaceSubrange(start.lowerBound...end, with: "the reply form on \(number)'s page")
      from = text.startIndex
    }
    while let start = text.range(of: "'ardoc register list") {
      guard let end = text[start.upperBound...].firstIndex(of: "'") else { break }
      text.replaceSubrange(start.lowerBound...end, with: "the documents page")
    }
    return text
  }

  /// Every `option` that stands as a word (not followed by a letter or `-`) replaced.
  static func replacing(_ option: String, with field: String, in text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: option) {
      let after = rest[range.upperBound...].first
      let whole = after.map { !($0.isLetter || $0 == "-") } ?? true
      result += rest[..<range.lowerBound] + (whole ? field : option)
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
