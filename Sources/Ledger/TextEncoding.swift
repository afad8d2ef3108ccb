import Foundation

/// The text encoding of a CSV file. Chinese Excel saves CSV as GB18030, not UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case gb18030

  /// Decodes bytes; nil when they are not valid in this encoding.
  func decode(_ bytes: [UInt8]) -> String? {
    switch self {
    case .utf8:
      var body = bytes[...]
      if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
      return String(validating: body, as: UTF8.self)
    case .gb18030:
      // Foundation's CFStringEncoding for GB18030 (kCFStringEncodingGB_18030_2000).
      return String(data: Data(bytes), encoding: String.Encoding(rawValue: 0x8000_0632))
    }
  }

  /// UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (every other encoding Chinese
  /// Excel writes is a subset of it).
  static func detect(_ bytes: [UInt8]) -> TextEncoding {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    return String(validating: body, as: UTF8.self) != nil ? .utf8 : .gb18030
  }

  /// The lines of a file that is not UTF-8 whole, when it looks like UTF-8 with some lines in
  /// another encoding: lines with non-ASCII text that are valid UTF-8 beside lines that are
  /// not (a row pasted in from a GB18030 file). Nil when no line with non-ASCII text is valid
  /// UTF-8, as in a GB18030 file, whose Chinese text is hardly ever valid UTF-8 by chance.
  static func mixedLines(_ bytes: [UInt8]) -> (first: Int, otherLines: [Int], utf8Lines: Int)? {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var utf8Lines = 0
    var others: [Int] = []
    for (index, line) in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
    where line.contains(where: { $0 >= 0x80 }) {
      if String(validating: line, as: UTF8.self) != nil { utf8Lines += 1 } else { others.append(index + 1) }
    }
    guard utf8Lines > 0, let first = others.first else { return nil }
    return (first, others, utf8Lines)
  }

  /// The first private-use character of `text` (U+E000–U+F8FF and the two private planes), with
  /// its line: what a file in another encoding read as GB18030 gives.
  static func firstPrivateUse(_ text: String) -> (line: Int, scalar: Unicode.Scalar)? {
    var line = 1
    for scalar in text.unicodeScalars {
      if scalar == "\n" { line += 1 }
      if (0xE000...0xF8FF).contains(scalar.value) || scalar.value >= 0xF0000 { return (line, scalar) }
    }
    return nil
  }

  /// The first line (1-based) that is not valid UTF-8, if any.
  public static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    for (index, line) in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
    where String(validating: line, as: UTF8.self) == nil {
      return index + 1
    }
    return nil
  }
}
