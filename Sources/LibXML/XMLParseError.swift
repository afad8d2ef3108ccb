/// One problem libxml2 reported, at a place in a named input.
public struct XMLDiagnostic: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case warning, error }
  public let file: String
  public let line: Int
  public let column: Int
  public let severity: Severity
  public let message: String

  public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  public var description: String {
    line > 0
      ? "\(file):\(line):\(column): \(severity.rawValue): \(message)"
      : "\(file): \(severity.rawValue): \(message)"
  }
}

/// A document that could not be read: every problem found, with positions.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public let diagnostics: [XMLDiagnostic]

  public init(_ diagnostics: [XMLDiagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Limits applied before and while parsing untrusted XML.
public struct XMLParseLimits: Sendable {
  /// Inputs larger than this are refused unread.
  public var maxBytes: Int
  /// Element nesting deeper than this is refused (libxml2's own limit without XML_PARSE_HUGE
  /// is 256; a lower value here is checked after parsing).
  public var maxDepth: Int
  /// Elements with more attributes than this are refused before parsing: libxml2 2.9 checks
  /// each new attribute against all earlier ones, so a 16 MB start tag would take hours.
  public var maxAttributes: Int

  public init(maxBytes: Int = 16 << 20, maxDepth: Int = 256, maxAttributes: Int = 1000) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxAttributes = maxAttributes
  }

  public static let `default` = XMLParseLimits()
}
