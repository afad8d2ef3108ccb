/// CSV for finance teams: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark so
/// Excel reads Chinese text correctly, and formula injection neutralised: a cell that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that a
/// spreadsheet shows it as text instead of running it.
///
/// ```swift
/// CSVWriter.document([["customer", "amount"], ["=HYPERLINK(\"x\")", "10.00"]])
/// // "\u{FEFF}customer,amount\r\n\"'=HYPERLINK(\"\"x\"\")\",10.00\r\n"
/// ```
public enum CSVWriter {
  /// Cells that are amounts (plain decimals such as `-1200.00`) are kept as numbers.
  public static func cell(_ text: String) -> String {
    // By bytes: every cell of every manifest row comes here, and each character looked for
    // is ASCII (a "\r\n" is one Character, equal to neither "\r" nor "\n").
    let (formula, special) = text.withUTF8Bytes { bytes -> (Bool, Bool) in
      let formula = bytes.first.map { formulaStarts.contains($0) } ?? false
      let special = bytes.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
      }
      return (formula, special)
    }
    let guarded = formula && !isPlainNumber(text)
    guard guarded || special || text.utf8.first == UInt8(ascii: "'") else { return text }
    return "\"" + (guarded ? "'" : "") + text.replacingAll("\"", with: "\"\"") + "\""
  }

  /// The first bytes a spreadsheet reads as a formula: `=`, `+`, `-`, `@`, tab, carriage return.
  static let formulaStarts: [UInt8] = [
    UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
  ]

  static func isPlainNumber(_ text: String) -> Bool {
    (try? ExactDecimal(parsing: text)) != nil
  }

  public static func row(_ cells: [String]) -> String {
    var row = ""
    for (index, cell) in cells.enumerated() {
      if index > 0 { row.append(",") }
      row.append(Self.cell(cell))
    }
    row.append("\r\n")
    return row
  }

  public static func document(_ rows: [[String]]) -> String {
    "\u{FEFF}" + rows.map(row).joined()
  }
}

extension String {
  /// Every `target` scalar replaced, also one a combining mark follows (the two are one
  /// Character, equal to neither: a quote before an accent went out undoubled and split the
  /// cell).
  public func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if scalar == target { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(scalar) }
    }
    return String(result)
  }

  /// Columns the text takes in a terminal: East Asian wide characters count two.
  public var displayWidth: Int {
    unicodeScalars.reduce(0) { width, scalar in
      switch scalar.value {
      case 0x0300...0x036F, 0x200B...0x200F, 0x202A...0x202E, 0xFE00...0xFE0F: return width
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return width + 2
      default: return width + 1
      }
    }
  }

  /// Padded with spaces to `width` terminal columns (left-aligned, or right-aligned).
  public func padded(to width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - displayWidth))
    return right ? padding + self : self + padding
  }
}

/// A plain-text table with columns aligned for CJK text.
public enum TextTable {
  public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    var widths = header.map(\.displayWidth)
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.displayWidth)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { $0.element.padded(to: widths[$0.offset], right: rightAligned.contains($0.offset)) }
        .joined(separator: "  ").trimmingTrailingSpaces
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
