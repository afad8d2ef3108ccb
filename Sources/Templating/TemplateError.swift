/// A place in a template file, with the text of its line for error reports.
public struct SourceLocation: Sendable, Equatable, Hashable {
  public let file: String
  /// 1-based line.
  public let line: Int
  /// 1-based column, in Unicode scalars.
  public let column: Int
  /// Where the line's text comes from: given, or read from the template's source when a
  /// report needs it. A compiled template keeps a location per expression, and a minified
  /// template puts thousands on one long line: a copy of the line in each would hold the line
  /// thousands of times.
  private let text: Text

  private enum Text: Sendable {
    case given(String)
    case source(SourceText)
  }

  /// The whole source line, without its line break.
  public var lineText: String {
    switch text {
    case .given(let line): return line
    case .source(let source): return source.lineText(line)
    }
  }

  public init(file: String, line: Int, column: Int, lineText: String) {
    self.file = file
    self.line = line
    self.column = column
    self.text = .given(lineText)
  }

  private init(file: String, line: Int, column: Int, text: Text) {
    self.file = file
    self.line = line
    self.column = column
    self.text = text
  }

  init(file: String, line: Int, column: Int, source: SourceText) {
    self.file = file
    self.line = line
    self.column = column
    self.text = .source(source)
  }

  public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    lhs.file == rhs.file && lhs.line == rhs.line && lhs.column == rhs.column && lhs.lineText == rhs.lineText
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(file)
    hasher.combine(line)
    hasher.combine(column)
  }

  /// The location `text.prefix(offset)` further on, following line breaks inside `text`.
  func advanced(over text: Substring, lines: SourceText?) -> SourceLocation {
    var line = self.line
    var column = self.column
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    if line == self.line { return SourceLocation(file: file, line: line, column: column, text: self.text) }
    if let lines { return SourceLocation(file: file, line: line, column: column, source: lines) }
    return SourceLocation(file: file, line: line, column: column, lineText: lineText)
  }
}

/// One problem in a template, located in its source.
///
/// Printed like a compiler message, with the source line and a caret:
/// ```
/// letter.xhtml:12:18: error: undefined name 'custmer'; did you mean 'customer'?
///     <p>尊敬的 ${custmer.name}：</p>
///                  ^
/// ```
public struct TemplateDiagnostic: Sendable, Equatable, Hashable, CustomStringConvertible {
  public let location: SourceLocation
  public let message: String

  public init(_ message: String, at location: SourceLocation) {
    self.location = location
    self.message = message
  }

  /// `FILE:LINE:COL: error: MESSAGE` alone, without the source excerpt.
  public var summary: String {
    guard location.line > 0 else { return "\(location.file): error: \(message)" }
    return "\(location.file):\(location.line):\(location.column): error: \(message)"
  }

  /// Source lines longer than this are shown as a window around the column.
  static let excerptWidth = 120

  public var description: String {
    guard !location.lineText.isEmpty else { return summary }
    var scalars = Array(location.lineText.unicodeScalars)
    var column = location.column
    if scalars.count > Self.excerptWidth {
      let start = max(0, min(column - 1 - Self.excerptWidth / 2, scalars.count - Self.excerptWidth))
      let end = min(scalars.count, start + Self.excerptWidth)
      scalars = (start > 0 ? ["…"] : []) + Array(scalars[start..<end]) + (end < scalars.count ? ["…"] : [])
      column -= start - (start > 0 ? 1 : 0)
    }
    var line = String.UnicodeScalarView()
    line.append(contentsOf: scalars)
    var caret = ""
    for (index, scalar) in scalars.enumerated() {
      if index >= column - 1 { break }
      if scalar == "\t" {
        caret += "\t"
      } else if scalar.isWide {
        caret += "  "
      } else {
        caret += " "
      }
    }
    return "\(summary)\n\(String(line))\n\(caret)^"
  }
}

/// Everything wrong with a template or a render, in source order.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
  public let diagnostics: [TemplateDiagnostic]

  public init(_ diagnostics: [TemplateDiagnostic]) {
    var seen = Set<TemplateDiagnostic>()
    self.diagnostics = diagnostics.filter { seen.insert($0).inserted }
  }

  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}

extension Unicode.Scalar {
  /// East Asian wide and fullwidth characters take two terminal columns.
  var isWide: Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
