import Basics
import CLibXML2

#if canImport(Glibc)
  import Glibc
#endif

/// ardoc's own message, with the place in the file, for the refusals libxml2 reports in its
/// own words ("Input is not proper UTF-8, indicate encoding !", "AttValue length too long"):
/// what is wrong, measured in the input, and the fix.
enum InputRefusal {
  /// libxml2's longest attribute value without `XML_PARSE_HUGE`, which ardoc never sets.
  static let maxAttributeBytes = Int(XML_MAX_TEXT_LENGTH)

  static func diagnose(_ e: xmlError, in state: ParseState) -> XMLDiagnostic? {
    let bytes = state.bytes
    let file = state.file
    switch e.code {
    case Int32(XML_ERR_INVALID_CHAR.rawValue), Int32(XML_ERR_INVALID_ENCODING.rawValue):
      // The same codes serve a valid character XML does not allow (U+0001): only input that
      // is not UTF-8 up to the reported line is an encoding problem.
      guard let offset = state.firstInvalidUTF8 else { return nil }
      let place = position(ofByte: offset, in: bytes)
      guard place.line <= Int(e.line) else { return nil }
      let byte = "0x" + String(bytes[offset], radix: 16, uppercase: true)
      return XMLDiagnostic(
        file: file, line: place.line, column: place.column,
        message:
          "the file is not UTF-8 (byte \(byte) at this position); ardoc reads XML as UTF-8 only: save it as UTF-8")
    case Int32(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue):
      // Also the code of a value that is never closed; only a measured value over the limit
      // is the size refusal.
      guard let at = offset(line: Int(e.line), column: Int(e.int2), in: bytes),
        let value = longAttributeValue(around: at, in: bytes)
      else { return nil }
      let place = position(ofByte: value.start - 1, in: bytes)
      return XMLDiagnostic(
        file: file, line: place.line, column: place.column,
        message:
          "an attribute value of \(value.count.grouped) bytes is over libxml2's \(maxAttributeBytes.grouped)-byte limit; shorten it"
      )
    default:
      return nil
    }
  }

  /// The offset of the first byte that does not start a well-formed UTF-8 sequence (an
  /// overlong form, a surrogate or a value past U+10FFFF included), or nil.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { bytes -> Int? in
      let n = bytes.count
      var i = 0
      while i < n {
        let lead = bytes[i]
        if lead < 0x80 {
          i += 1
          continue
        }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xED: (length, high) = (3, 0x9F)
        case 0xE1...0xEF: length = 3
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF4: (length, high) = (4, 0x8F)
        case 0xF1...0xF3: length = 4
        default: return i
        }
        guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return i }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
        i += length
      }
      return nil
    }
  }

  /// Line and column (in characters, as libxml2 and ardoc's carets count) of a byte; like
  /// libxml2, a byte order mark is not counted.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    for b in bytes[min(start, offset)..<min(offset, bytes.count)] {
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  /// The byte at a line and column, or nil past the end.
  static func offset(line: Int, column: Int, in bytes: [UInt8]) -> Int? {
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var current = 1
    while current < line {
      guard let newline = bytes[i...].firstIndex(of: 0x0A) else { return nil }
      i = newline + 1
      current += 1
    }
    var characters = 1
    while i < bytes.count, characters < column {
      i += 1
      while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
      characters += 1
    }
    return i < bytes.count ? i : nil
  }

  /// The first attribute value over the limit in the start tag around `offset`: libxml2 stops
  /// inside the value or at its quote, and no `<` can occur between the tag's start and there.
  static func longAttributeValue(around offset: Int, in bytes: [UInt8]) -> (start: Int, count: Int)? {
    bytes.withUnsafeBufferPointer { buffer -> (start: Int, count: Int)? in
      guard let base = buffer.baseAddress, offset < buffer.count else { return nil }
      var open = offset
      while open >= 0, base[open] != UInt8(ascii: "<") { open -= 1 }
      guard open >= 0 else { return nil }
      let n = buffer.count
      var i = open + 1
      while i < n {
        let b = buffer[i]
        if b == UInt8(ascii: ">") { return nil }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
          let start = i + 1
          // glibc's memchr crosses a 15 MB value many bytes at a time.
          let end =
            memchr(base + start, Int32(b), n - start).map {
              base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            } ?? n
          if end - start > maxAttributeBytes { return (start, end - start) }
          i = end + 1
          continue
        }
        i += 1
      }
      return nil
    }
  }
}
