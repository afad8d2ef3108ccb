/// Numbers and strings: read as written (a number's text is kept, never converted), or only
/// checked while a deferred list is checked.
extension JSONReader {
  mutating func parseNumber() throws(JSONError) -> String {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
        index += 1
      }
      return index - from
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let intStart = index
    let intDigits = digits()
    guard intDigits > 0 else { throw error("a number needs digits after '-'") }
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
      index = intStart
      throw error("numbers may not have leading zeros")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("a number needs digits after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits() > 0 else { throw error("a number needs digits in its exponent") }
    }
    return building ? String(decoding: bytes[start..<index], as: UTF8.self) : ""
  }

  /// A string; without `keep` it is checked (escapes, control characters) but not made.
  mutating func parseString(keep: Bool) throws(JSONError) -> String {
    index += 1
    // Fast path: no escape before the closing quote (already checked to be valid UTF-8).
    var end = index
    while end < bytes.count {
      let b = bytes[end]
      if b == UInt8(ascii: "\"") {
        let text = keep ? String(decoding: bytes[index..<end], as: UTF8.self) : ""
        index = end + 1
        return text
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      end += 1
    }
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flush(_ reader: JSONReader, _ end: Int) {
      guard keep else { return }
      scalars.append(
        contentsOf: String(decoding: reader.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
    }
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        flush(self, index)
        index += 1
        return String(scalars)
      }
      if b < 0x20 {
        throw error(b == 0x0A ? "line break inside a string (write \\n)" : "control character inside a string")
      }
      if b == UInt8(ascii: "\\") {
        flush(self, index)
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800...0xDBFF).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw error("unpaired surrogate in \\u escape") }
          scalars.append(scalar)
        default:
          index -= 1
          throw error("unknown escape '\\\(currentCharacter)' in a string")
        }
        runStart = index
        continue
      }
      index += 1
    }
    throw error("unterminated string")
  }

  mutating func hex4() throws(JSONError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("\\u needs four hex digits")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}
