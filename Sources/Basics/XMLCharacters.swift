/// The characters no XML or XHTML document can hold, even escaped (XML 1.0): every input that
/// ends up in a document or a page (ledger fields, form fields, paths, replies) refuses them
/// where it comes in, with its place, rather than fail when the document is written.
extension Unicode.Scalar {
  /// A control other than tab, line feed and carriage return, or U+FFFE/U+FFFF.
  ///
  /// ```swift
  /// "a\u{7}b".unicodeScalars.contains(where: \.isForbiddenInXML)  // true
  /// ```
  public var isForbiddenInXML: Bool {
    switch value {
    case 0x09, 0x0A, 0x0D: false
    case 0x00...0x1F, 0xFFFE, 0xFFFF: true
    default: false
    }
  }

  /// What an input refuses: ``isForbiddenInXML``, DEL and the C1 controls (U+0080–U+009F),
  /// which no form or file a person writes means to hold (a C1 control is what a text in one
  /// encoding read as another leaves, and prints as nothing or as a box).
  public var isRefusedInText: Bool { isForbiddenInXML || (0x7F...0x9F).contains(value) }

  /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): it
  /// reorders what prints, so a name stored as one company prints as another. Marks (U+200E,
  /// U+200F) and joiners are not: scripts need them.
  public var isDirectionOverride: Bool {
    (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }

  /// The character's code as messages name it, at least four hex digits: `U+0007`, `U+FFFE`.
  public var codeName: String {
    let code = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
  }

  /// How a message names it: "the control character U+0007", or "the character U+FFFE" for
  /// one that is no control.
  public var refusedName: String {
    (value < 0x20 || value == 0x7F ? "the control character " : "the character ") + codeName
  }
}
