import Basics

/// The byte scan that tells whether a render could hide anything from a reader: `hidden` (the
/// attribute, or `visibility: hidden`), `display` or `visibility` set to `none`, `collapse` or
/// a `var()` (comments and character references between them too), an element hidden by default or showing only fallback (`video`, `iframe`, …), a
/// CDATA section, a stylesheet from elsewhere, a CSS escape, or a name in capitals that a
/// browser reads in lower case, in any case. Without them nothing is hidden, and the outline a
/// render records stands (ardoc's own letters have none of them); the validator parses the
/// bytes of any other render.
///
/// The writer runs it on the pieces a document is made of: each static run and tag once, when
/// the template is compiled, and, as a render writes them, the start tags with computed
/// attributes, the content of `<style>` and `<script>` and comments. Escaped text needs no
/// scan: it cannot open a tag, and outside a stylesheet no text hides anything.
///
/// ```swift
/// HidingScan.mayHide(Array(#"<p style="display: none">"#.utf8))  // true
/// ```
public enum HidingScan {
  /// Whether `raw` could hide anything (see ``HidingScan``), read from its first byte.
  public static func mayHide(_ raw: [UInt8]) -> Bool {
    raw.withUnsafeBufferPointer { mayHide($0) }
  }

  /// Whether the bytes could hide anything, read from their first byte.
  static func mayHide(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    /// Whether `word` (lower case) starts at `index`, in any case.
    func at(_ index: Int, _ word: StaticString) -> Bool {
      word.withUTF8Buffer { wanted in
        guard index >= 0, index + wanted.count <= count else { return false }
        for offset in 0..<wanted.count where bytes[index + offset] | 0x20 != wanted[offset] { return false }
        return true
      }
    }
    /// Whether `marker` is at `index`, byte for byte.
    func exactly(_ index: Int, _ marker: StaticString) -> Bool {
      marker.withUTF8Buffer { wanted in
        index >= 0 && index + wanted.count <= count
          && (0..<wanted.count).allSatisfy { bytes[index + $0] == wanted[$0] }
      }
    }
    /// Where the comment that `closer` (at `close`) ends opens: the first `opener` before it
    /// with no other `closer` between, as a browser reads a comment from its first opener.
    func opening(_ opener: StaticString, _ closer: StaticString, closingAt close: Int) -> Int? {
      var found: Int?
      var index = close - opener.utf8CodeUnitCount
      while index >= 0 {
        if exactly(index, closer), index + closer.utf8CodeUnitCount <= (found ?? close) { break }
        if exactly(index, opener) { found = index }
        index -= 1
      }
      return found
    }
    /// Whether `property` ends just before `index`, with what a browser reads as a space or
    /// as nothing between: spaces and a colon, a character reference (the writer's `&#10;` in
    /// an attribute), a CSS comment, an XML comment in a stylesheet.
    func after(_ property: StaticString, _ index: Int) -> Bool {
      var end = index
      while end > 0 {
        switch bytes[end - 1] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":"): end -= 1
        case UInt8(ascii: ";"):
          // `&` and one to eight letters, digits or `#` before it.
          let lowest = max(0, end - 10)
          var start = end - 2
          while start >= lowest, bytes[start] != UInt8(ascii: "&"),
            bytes[start] == UInt8(ascii: "#") || (bytes[start] | 0x20 >= 97 && bytes[start] | 0x20 <= 122)
              || (48...57).contains(bytes[start])
          {
            start -= 1
          }
          guard start >= lowest, start < end - 2, bytes[start] == UInt8(ascii: "&") else {
            return at(end - property.utf8CodeUnitCount, property)
          }
          end = start
        case UInt8(ascii: "/") where exactly(end - 2, "*/"):
          guard let open = opening("/*", "*/", closingAt: end - 2) else {
            return at(end - property.utf8CodeUnitCount, property)
          }
          end = open
        case UInt8(ascii: ">") where exactly(end - 3, "-->"):
          guard let open = opening("<!--", "-->", closingAt: end - 3) else {
            return at(end - property.utf8CodeUnitCount, property)
          }
          end = open
        default: return at(end - property.utf8CodeUnitCount, property)
        }
      }
      return false
    }
    // Every word starts with a letter, `<` or `@` whose next byte (in lower case) is the
    // second one below: most bytes of a letter are passed on the first two comparisons.
    var index = 0
    // Inside a tag, outside its attribute values: where a name in capitals would be read
    // otherwise by a browser (see ``BrowserReading``).
    var inTag = false
    var quote: UInt8 = 0
    while index < count {
      let byte = bytes[index]
      // A CSS escape (`display:\\6e one`) can spell anything.
      if byte == UInt8(ascii: "\\") { return true }
      if inTag {
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          inTag = false
        } else if (65...90).contains(byte), index > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]) {
          return true
        }
      }
      let next = index + 1 < count ? bytes[index + 1] | 0x20 : 0
      switch byte | 0x20 {
      case UInt8(ascii: "h") where next == UInt8(ascii: "i"):
        if at(index, "hidden") { return true }
      case UInt8(ascii: "n") where next == UInt8(ascii: "o"):
        if at(index, "none"), after("display", index) { return true }
      case UInt8(ascii: "c") where next == UInt8(ascii: "o"):
        if at(index, "collapse"), after("visibility", index) { return true }
      case UInt8(ascii: "v") where next == UInt8(ascii: "a"):
        if at(index, "var("), after("display", index) || after("visibility", index) { return true }
      case UInt8(ascii: "<"):
        if index + 1 < count, (65...90).contains(bytes[index + 1]) { return true }
        inTag = next != 0x21 && next != UInt8(ascii: "?") | 0x20
        switch next {
        case UInt8(ascii: "t"): if at(index, "<template") { return true }
        case UInt8(ascii: "d"): if at(index, "<details") || at(index, "<dialog") { return true }
        case UInt8(ascii: "n"): if at(index, "<noscript") { return true }
        case UInt8(ascii: "l"): if at(index, "<link") { return true }
        case UInt8(ascii: "v"): if at(index, "<video") { return true }
        case UInt8(ascii: "a"): if at(index, "<audio") { return true }
        case UInt8(ascii: "c"): if at(index, "<canvas") { return true }
        case UInt8(ascii: "i"): if at(index, "<iframe") { return true }
        case UInt8(ascii: "o"): if at(index, "<object") { return true }
        // A CDATA section (0x21 is '!' with the case bit): a browser reads it as a comment.
        case 0x21: if index + 2 < count, bytes[index + 2] == UInt8(ascii: "[") { return true }
        default: break
        }
      case UInt8(ascii: "`") where next == UInt8(ascii: "i"):
        // `@` is 0x40, and 0x60 with the case bit.
        if at(index + 1, "import") { return true }
      default: break
      }
      index += 1
    }
    return false
  }
}

/// The verdict on the last stylesheet or script that renders of one template scanned whole:
/// every letter's `<style>` holds the same print.css, scanned once instead of per letter.
final class RawTextVerdict: Sendable {
  private let last = Locked<(text: String, mayHide: Bool)?>(nil)

  /// Whether `text` could hide anything: the last verdict when it is the same text, else
  /// `scan`'s.
  func mayHide(_ text: String, scan: () -> Bool) -> Bool {
    // Byte for byte: `==` on strings is canonical equivalence, and the scan reads bytes.
    if let last = last.withLock({ $0 }), last.text.utf8.elementsEqual(text.utf8) { return last.mayHide }
    let verdict = scan()
    last.withLock { $0 = (text, verdict) }
    return verdict
  }
}
