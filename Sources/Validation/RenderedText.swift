import Basics

#if canImport(Glibc)
  import Glibc
#endif

/// The text of bytes ardoc's renderer wrote, read back from the bytes: tags and comments left
/// out, CDATA kept, entities and character references decoded. A render keeps the same text as
/// it writes it (``Templating/RenderedDocument/text``), which the rules search; this reading is
/// for the text around a stretch of bytes (``Validator/textTouches(_:_:at:length:)``) and is
/// what the tests hold the kept text to. Exact for this
/// writer's output, which escapes `<`, `>` and `&` in text and attribute values alike, so the
/// first `>` after a `<` ends the tag. The content of `<style>` and `<script>` is not text a
/// reader sees and is left out; the writer writes it raw and refuses `<` in it, so the first
/// `<` after the start tag is its end tag.
enum RenderedText {
  /// Elements whose content a browser does not show as text.
  static let hiddenElements = ["style", "script"]

  /// The text between two offsets, as UTF-8. Every letter's body goes through it (words are
  /// searched in its text), so the ends of tags and escapes are found with `memchr` and runs
  /// of text are copied whole; with `limit`, it stops once it has that many bytes.
  static func text(_ bytes: [UInt8], from start: Int, to end: Int, limit: Int = .max) -> [UInt8] {
    guard start < end, end <= bytes.count else { return [] }
    var out: [UInt8] = []
    out.reserveCapacity(min(end - start, limit))
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      /// The offset of the first `byte` in `from..<end`, or `end`.
      func next(_ byte: UInt8, from: Int) -> Int {
        guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      var index = start
      while index < end, out.count < limit {
        let byte = base[index]
        if byte == UInt8(ascii: "<") {
          // A comment or CDATA section starts `<!`; every tag is turned away by that byte.
          let bang = index + 1 < end && base[index + 1] == UInt8(ascii: "!")
          if bang, starts(with: "<!--", at: index, in: buffer) {
            index = (find("-->", from: index + 4, before: end, in: buffer) ?? end - 3) + 3
          } else if bang, starts(with: "<![CDATA[", at: index, in: buffer) {
            let close = find("]]>", from: index + 9, before: end, in: buffer) ?? end
            // A section cut off by `end` keeps what lies before it.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[min(index + 9, close)..<close]))
            index = close + 3
          } else {
            // This writer escapes `>` in text and attribute values: the first one ends the tag.
            let close = next(UInt8(ascii: ">"), from: index)
            let hidden = close < end && base[close - 1] != UInt8(ascii: "/") && opensHidden(at: index, in: buffer)
            index = close + 1
            // A hidden element's content is skipped up to its end tag (the first `<`, as the
            // writer refuses `<` there), which the loop reads next.
            if hidden { index = next(UInt8(ascii: "<"), from: index) }
          }
        } else if byte == UInt8(ascii: "&") {
          let close = next(UInt8(ascii: ";"), from: index)
          if let decoded = escape(bytes[(index + 1)..<close]) {
            out.append(contentsOf: decoded)
          } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<min(close + 1, end)]))
          }
          index = close + 1
        } else {
          // The run up to the next tag or escape, copied whole: found eight bytes at a time
          // while none is `<` or `&` (a byte equal to one is a zero byte of the word xor-ed
          // with it), then byte by byte.
          var stop = index + 1
          let ones: UInt64 = 0x0101_0101_0101_0101
          let highs: UInt64 = 0x8080_8080_8080_8080
          while stop + 8 <= end {
            let word = UnsafeRawPointer(base + stop).loadUnaligned(as: UInt64.self)
            let lt = word ^ (ones &* UInt64(UInt8(ascii: "<")))
            let amp = word ^ (ones &* UInt64(UInt8(ascii: "&")))
            if ((lt &- ones) & ~lt | (amp &- ones) & ~amp) & highs != 0 { break }
            stop += 8
          }
          while stop < end, base[stop] != UInt8(ascii: "<"), base[stop] != UInt8(ascii: "&") { stop += 1 }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<stop]))
          index = stop
        }
      }
    }
    return out
  }

  /// Whether the start tag at `index` (its `<`) opens one of ``hiddenElements``, in any case.
  private static func opensHidden(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Every tag of a letter comes here: most are turned away by their first letter.
    guard index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "s") else { return false }
    return hiddenElements.contains { name in
      let after = index + 1 + name.utf8.count
      guard after < bytes.count else { return false }
      for (offset, wanted) in name.utf8.enumerated() where bytes[index + 1 + offset] | 0x20 != wanted {
        return false
      }
      switch bytes[after] {
      case UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: " "), 0x09, 0x0A, 0x0D: return true
      default: return false
      }
    }
  }

  /// The text of the whole document, as ``text(_:from:to:limit:)`` reads it, from the root
  /// element's start tag to the last `>`: the line breaks this writer puts around the root are
  /// outside any element, and a parser keeps no text there.
  static func shown(_ bytes: [UInt8]) -> [UInt8] {
    // Past the prolog (a declaration, a DOCTYPE or a comment before the root) to the root's `<`.
    var start = bytes.firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
    while start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "?") || bytes[start + 1] == UInt8(ascii: "!"),
      let close = bytes[start...].firstIndex(of: UInt8(ascii: ">"))
    {
      start = bytes[close...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
    }
    let end = (bytes.lastIndex(of: UInt8(ascii: ">")) ?? -1) + 1
    return text(bytes, from: start, to: end)
  }

  private static func starts(with prefix: StaticString, at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    prefix.withUTF8Buffer { wanted in
      index + wanted.count <= bytes.count && bytes[index..<(index + wanted.count)].elementsEqual(wanted)
    }
  }

  private static func find(_ needle: StaticString, from: Int, before end: Int, in bytes: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    var index = from
    while index < end {
      if starts(with: needle, at: index, in: bytes) { return index }
      index += 1
    }
    return nil
  }

  /// What stands around a stretch of text (a filled-in number, at `start` for `length` bytes)
  /// in the text a reader sees.
  enum Surroundings: Equatable {
    /// Up to `reach` text bytes on each side: `before` ends where the stretch starts.
    case text(before: [UInt8], after: [UInt8])
    /// The stretch is inside a tag (an attribute value): no part of the text.
    case tag
    /// Inside or next to a comment or CDATA: not worked out here.
    case unknown
  }

  static func around(_ bytes: [UInt8], start: Int, length: Int, reach: Int) -> Surroundings {
    guard start >= 0, start + length <= bytes.count else { return .unknown }
    // Text or an attribute value: the nearest `<` or `>` before it says (text holds neither raw).
    let mark = bytes[..<start].lastIndex { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    if let mark, bytes[mark] == UInt8(ascii: "<") { return .tag }
    var before: [UInt8] = []
    var index = start - 1
    while index >= 0, before.count < reach {
      let byte = bytes[index]
      // Text holds no raw `<`: the stretch is in a tag's attribute value.
      if byte == UInt8(ascii: "<") { return .tag }
      if byte == UInt8(ascii: ">") {
        if index >= 2, bytes[index - 1] == bytes[index - 2], bytes[index - 1] == UInt8(ascii: "-") { return .unknown }
        if index >= 2, bytes[index - 1] == bytes[index - 2], bytes[index - 1] == UInt8(ascii: "]") { return .unknown }
        // A tag: from the `<` that opens it (attribute values hold no raw `<`).
        guard let open = bytes[..<index].lastIndex(of: UInt8(ascii: "<")) else { return .unknown }
        index = open - 1
        continue
      }
      // An escape ends with `;`; the longest, `&#x10FFFF;`, starts nine bytes before it.
      if byte == UInt8(ascii: ";"), let amp = bytes[max(0, index - 9)..<index].lastIndex(of: UInt8(ascii: "&")),
        let decoded = escape(bytes[(amp + 1)..<index])
      {
        before.append(contentsOf: decoded.reversed())
        index = amp - 1
        continue
      }
      before.append(byte)
      index -= 1
    }
    // Forward, the number ends in text: the text after it is read as the body's is.
    let after = text(bytes, from: start + length, to: bytes.count, limit: reach)
    return .text(before: before.reversed(), after: after)
  }

  /// The UTF-8 an escape stands for (`lt` for `&lt;`, `#35785` for `&#35785;`), or nil: the
  /// five XML entities and character references, decimal or hexadecimal. This writer uses
  /// only `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#9;`, `&#10;`, `&#13;`; the rest are decoded
  /// as a parser would, so that no spelling of a word hides it.
  static func escape(_ name: ArraySlice<UInt8>) -> [UInt8]? {
    switch String(decoding: name, as: UTF8.self) {
    case "lt": return [UInt8(ascii: "<")]
    case "gt": return [UInt8(ascii: ">")]
    case "amp": return [UInt8(ascii: "&")]
    case "quot": return [UInt8(ascii: "\"")]
    case "apos": return [UInt8(ascii: "'")]
    case let reference where reference.hasPrefix("#"):
      // `&#65;` or `&#x41;`, digits only (no sign, no capital X), as XML has them.
      let hex = reference.hasPrefix("#x")
      let digits = reference.dropFirst(hex ? 2 : 1)
      guard !digits.isEmpty, digits.allSatisfy({ hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }) else {
        return nil
      }
      let value = UInt32(digits, radix: hex ? 16 : 10)
      guard let value, let scalar = Unicode.Scalar(value) else { return nil }
      return Array(String(Character(scalar)).utf8)
    default: return nil
    }
  }
}
