import Basics

/// What a browser reads otherwise than the XML parser the validator reads a document with: a
/// letter is saved as `.html`, so a browser, and the PDF printed from it, read it as HTML. Names
/// there ignore case (`STYLE` is `style`, which could hide what the validator saw), `/>` closes
/// only a void element (`<div/>` holds everything after it), and a CDATA section is a comment
/// (its text is not shown). ardoc's own letters have none of these; a document that does is
/// refused rather than read two ways.
enum BrowserReading {
  /// The elements that take no content, whose `/>` a browser honours.
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  ]

  /// The findings for bytes the XML parser read (at most `limit` of them).
  static func findings(_ raw: [UInt8], limit: Int = 5) -> [Finding] {
    var found: [Finding] = []
    func add(_ line: Int, _ message: String) {
      if found.count < limit { found.append(Finding(rule: "markup", message: message, line: line)) }
    }
    let count = raw.count
    var index = 0
    var line = 1
    func starts(_ text: StaticString, at position: Int) -> Bool {
      text.withUTF8Buffer { wanted in
        position + wanted.count <= count && (0..<wanted.count).allSatisfy { raw[position + $0] == wanted[$0] }
      }
    }
    func skip(to end: StaticString) {
      while index < count, !starts(end, at: index) {
        if raw[index] == 0x0A { line += 1 }
        index += 1
      }
      index += end.utf8CodeUnitCount
    }
    func isNameByte(_ byte: UInt8) -> Bool {
      !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "="))
    }
    func name() -> String {
      let start = index
      while index < count, isNameByte(raw[index]) { index += 1 }
      return String(decoding: raw[start..<index], as: UTF8.self)
    }
    func hasUpper(_ text: String) -> Bool { text.utf8.contains { (65...90).contains($0) } }
    while index < count {
      let byte = raw[index]
      if byte == 0x0A { line += 1 }
      guard byte == UInt8(ascii: "<") else {
        index += 1
        continue
      }
      if starts("<!--", at: index) {
        skip(to: "-->")
        continue
      }
      if starts("<![CDATA[", at: index) {
        add(
          line,
          "a CDATA section, which a browser reading the file as HTML takes for a comment: its text would not show; write the text itself, with &lt; and &amp;"
        )
        skip(to: "]]>")
        continue
      }
      index += 1
      guard index < count, raw[index] != UInt8(ascii: "!"), raw[index] != UInt8(ascii: "?"),
        raw[index] != UInt8(ascii: "/")
      else { continue }
      let tagLine = line
      let tag = name()
      if hasUpper(tag) {
        add(tagLine, "<\(tag)>: element names are lower case in XHTML; a browser reads it as <\(tag.lowercased())>")
      }
      // The attributes, to the tag's end.
      while index < count {
        while index < count, [0x20, 0x09, 0x0A, 0x0D].contains(raw[index]) {
          if raw[index] == 0x0A { line += 1 }
          index += 1
        }
        guard index < count else { break }
        if raw[index] == UInt8(ascii: ">") {
          index += 1
          break
        }
        if raw[index] == UInt8(ascii: "/") {
          if index + 1 < count, raw[index + 1] == UInt8(ascii: ">"), !voidElements.contains(tag.lowercased()) {
            add(
              tagLine,
              "<\(tag) … />: a browser reading the file as HTML ignores '/>' on <\(tag.lowercased())>, which then holds everything after it; write <\(tag)></\(tag)>"
            )
          }
          index += 1
          continue
        }
        let attribute = name()
        if hasUpper(attribute) && !attribute.contains(":") {
          add(
            tagLine,
            "<\(tag) \(attribute)=…>: attribute names are lower case in XHTML; a browser reads it as '\(attribute.lowercased())', which the document would then mean otherwise"
          )
        }
        if attribute.isEmpty { index += 1 }
        guard index < count, raw[index] == UInt8(ascii: "=") else { continue }
        index += 1
        guard index < count else { break }
        let quote = raw[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
          index += 1
          while index < count, raw[index] != quote {
            if raw[index] == 0x0A { line += 1 }
            index += 1
          }
          index += 1
        } else {
          while index < count, isNameByte(raw[index]) { index += 1 }
        }
      }
    }
    return found
  }
}
