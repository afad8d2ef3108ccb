import Basics
import LibXML

#if canImport(Glibc)
  import Glibc
#endif

/// Searching a document for text: its bytes for a fast answer, and the elements that show a
/// word a reader sees.
extension Check {
  /// Whether the document's bytes hold `text` (see ``Swift/Array/holds(_:)``).
  func contains(_ text: String) -> Bool { raw.holds(text) }

  /// The elements that show `text`: the deepest whose text, with their descendants', holds
  /// it, anywhere a reader sees text (head and stray content included, styles and scripts
  /// not), by XPath on a parsed document.
  mutating func elementsShowing(_ text: String) -> [Node] {
    let literal = xpathLiteral(text)
    return select(
      "\(ShownXPath.elements)[contains(., \(literal))][not(*[\(ShownXPath.notHidden)][contains(., \(literal))])]")
  }
}

/// XPath for the elements whose text a reader sees.
enum ShownXPath {
  /// A test for an element that is not one of ``RenderedText/hiddenElements``.
  static let notHidden =
    "not(" + RenderedText.hiddenElements.map { "local-name()='\($0)'" }.joined(separator: " or ") + ")"

  /// Every element whose text a reader sees: neither hidden nor inside a hidden one.
  static let elements = "//*[not(ancestor-or-self::*[not(\(notHidden))])]"
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    // Most texts have nothing to trim: no copy then, and, for a set of ASCII characters, the
    // end bytes tell without breaking the text into characters.
    guard let (firstByte, lastByte) = withUTF8Bytes({ $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }) else {
      return self
    }
    let untouched = set.withUTF8Bytes { set in
      set.allSatisfy { $0 < 0x80 } && !set.contains(firstByte) && !set.contains(lastByte)
    }
    if untouched { return self }
    guard let first = first, let last = last, set.contains(first) || set.contains(last) else { return self }
    var s = Substring(self)
    while let first = s.first, set.contains(first) { s = s.dropFirst() }
    while let last = s.last, set.contains(last) { s = s.dropLast() }
    return String(s)
  }
}

extension [UInt8] {
  /// A byte search: glibc's vectorised memchr finds each place the needle's rarest byte is,
  /// memcmp the rest. Far cheaper than a Unicode-aware String search, and the bytes are
  /// searched where they lie, NUL bytes and all.
  func holds(_ text: String) -> Bool {
    guard !text.isEmpty else { return false }
    return withUnsafeBytes { hay in
      var needle = text
      return needle.withUTF8 { wanted in
        guard let haystack = hay.baseAddress, let base = wanted.baseAddress, wanted.count <= hay.count else {
          return false
        }
        let pivot = Self.rarest(wanted)
        let byte = Int32(wanted[pivot])
        // The pivot's first possible place, and the last one that leaves room for the rest.
        var offset = pivot
        let last = hay.count - wanted.count + pivot
        while offset <= last, let hit = memchr(haystack + offset, byte, last - offset + 1) {
          let at = haystack.distance(to: UnsafeRawPointer(hit))
          if memcmp(haystack + at - pivot, base, wanted.count) == 0 { return true }
          offset = at + 1
        }
        return false
      }
    }
  }

  /// The position of the needle's byte least likely in a letter: in CSS and HTML, digits,
  /// punctuation and lower case are everywhere; in Chinese text every character starts with
  /// one of a few lead bytes, while each continuation byte value is rarer.
  static func rarest(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    func commonness(_ byte: UInt8) -> Int {
      switch byte {
      case UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "|"),
        UInt8(ascii: "\\"), UInt8(ascii: "@"):
        return 0
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 1
      case 0x80...0xBF: return 2
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: " "): return 4
      default: return 3
      }
    }
    var best = bytes.count - 1
    for index in stride(from: bytes.count - 1, through: 0, by: -1)
    where commonness(bytes[index]) < commonness(bytes[best]) {
      best = index
    }
    return best
  }
}
