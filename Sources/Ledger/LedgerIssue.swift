/// One problem in a ledger or policy file: where it is, what is wrong, how to fix it.
///
/// Printed as `FILE:LINE[:COL]: error: FIELD: MESSAGE`, e.g.
/// `ledger/invoices.csv:7: error: amount: '1,000.00' is not a plain decimal number ...`.
public struct LedgerIssue: Sendable, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int?
  /// The field: a JSON path (`customers[2].finance.creditLimit`) or a CSV column.
  public let field: String
  public let message: String

  public init(file: String, line: Int, column: Int? = nil, field: String, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  public var description: String {
    var place = file
    if line > 0 { place += ":\(line)" }
    if let column, line > 0 { place += ":\(column)" }
    return field.isEmpty ? "\(place): error: \(message)" : "\(place): error: \(field): \(message)"
  }
}

/// A ledger or policy that was not loaded, with every problem found in one pass.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
  public let issues: [LedgerIssue]
  /// Whether the message ends with the count of problems and "nothing was loaded": so for a
  /// ledger file read in full, not for a store that could not be opened or read at all.
  public let tally: Bool

  public init(_ issues: [LedgerIssue], tally: Bool = true) {
    self.issues = issues
    self.tally = tally
  }

  /// A store that has no ledger to read, or cannot be read: one problem, said alone.
  public static func store(_ path: String, _ message: String) -> LedgerError {
    LedgerError([LedgerIssue(file: path, line: 0, field: "", message: message)], tally: false)
  }

  public var description: String {
    let count = issues.count
    let listed = issues.map(\.description).joined(separator: "\n")
    return tally ? listed + "\n\(count) problem\(count == 1 ? "" : "s") found; nothing was loaded." : listed
  }
}
