import Basics
import Foundation
import Testing

@testable import Ledger

/// What a CSV folder saved by hand or by a spreadsheet gets wrong, and what the error says:
/// each names the file, the line (and the column where there is one) and the fix.
@Suite struct CSVMessageTests {
  /// Replaces a file's lines (CRLF, as Excel writes them) by what `change` makes of them.
  func rewrite(_ folder: String, _ file: String, _ change: (inout [String]) -> Void) throws {
    var lines = try FileBytes.text(folder + "/" + file).components(separatedBy: "\r\n")
    if lines.last == "" { lines.removeLast() }
    change(&lines)
    try FileBytes.writeAtomically(Array((lines.joined(separator: "\r\n") + "\r\n").utf8), to: folder + "/" + file)
  }

  func problems(_ folder: String) -> [String] {
    do {
      _ = try LedgerReader.load(folder)
      return []
    } catch {
      return error.issues.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
    }
  }

  /// A UTF-8 file with a row pasted in from a GB18030 one: the row's line, and why, rather
  /// than "not valid GB18030" for the whole file (or the whole file read garbled).
  @Test func aRowInAnotherEncodingIsNamedByItsLine() throws {
    let folder = try copyOfExampleCSV()
    var lines = try FileBytes.text(folder + "/contacts.csv").components(separatedBy: "\r\n")
    let pasted = try #require(lines[3].data(using: String.Encoding(rawValue: 0x8000_0632)))
    lines[3] = ""
    var bytes = Array(lines[0..<3].joined(separator: "\r\n").utf8) + Array("\r\n".utf8) + Array(pasted)
    bytes += Array(("\r\n" + lines[4...].joined(separator: "\r\n")).utf8)
    try FileBytes.writeAtomically(bytes, to: folder + "/contacts.csv")
    let others = lines.enumerated().filter { $0.offset != 3 && $0.element.utf8.contains { $0 >= 0x80 } }.count
    #expect(
      problems(folder) == [
        "contacts.csv:4: error: is not UTF-8, but \(others) other lines of the file with Chinese or other non-ASCII text are (this line alone is not): the file mixes two encodings, as when rows are pasted in from another file; save the whole file as UTF-8 (\"CSV UTF-8\"), or pass --encoding gb18030 if it is all GB18030"
      ])
    // The same file read as GB18030 by choice is the user's call: no mixing is guessed then.
    #expect(TextEncoding.mixedLines(Array(pasted)) == nil)
  }

  /// Headers as spreadsheets write them: a column twice, the JSON form's name, a separator
  /// other than the comma, trailing columns without a name; and rows of empty cells.
  @Test func headersAndRowsSpreadsheetsWrite() throws {
    let folder = try copyOfExampleCSV()
    try rewrite(folder, "contracts.csv") { lines in
      lines[0] = lines[0].replacingOccurrences(of: "interestRate", with: "annualRate")
    }
    try rewrite(folder, "payments.csv") { lines in
      lines[0] += ",amount"
      for index in 1..<lines.count { lines[index] += "," }
    }
    try rewrite(folder, "credits.csv") { lines in
      lines = lines.map { $0.replacingOccurrences(of: ",", with: ";") }
    }
    let contractColumns =
      "id, customer, project, salesperson, signedOn, currency, amount, acceptanceCriteria, acceptanceMethod, acceptedOn, acceptedBy, dunningDaysOverdue, dunningMinAmount, interestRate, interestBasis, interestClause, interestDailyRate, installment"
    #expect(
      problems(folder) == [
        "contracts.csv:1:14: error: annualRate: unknown column; the JSON ledger's 'annualRate' is the column 'interestRate' here (columns: \(contractColumns))",
        "credits.csv:1: error: the first row is one cell, 'number;invoice;issuedOn;amount': its columns are separated by ';', but a CSV ledger separates them with commas; save the file as \"CSV UTF-8 (comma delimited)\"",
        "payments.csv:1:8: error: amount: the column appears twice in the first row (columns 4 and 8); keep one",
      ])

    let clean = try copyOfExampleCSV()
    try rewrite(clean, "invoices.csv") { lines in
      lines[0] += ",,"
      for index in 1..<lines.count { lines[index] += ",," }
      lines[2] += "x"
      // Rows of empty cells, as a sheet formatted below its data exports them.
      lines += [",,,,,,,", ",,,,,,,"]
    }
    #expect(
      problems(clean) == [
        "invoices.csv:3:8: error: a value in a column the first row gives no name; name the column, or delete the value"
      ])
  }

  /// A payment's currency written as people say it is told as such, once, not as a currency
  /// the customer has no contract in plus a mismatch with each invoice it pays.
  @Test func aPaymentInRMBIsToldRenminbiIsCNY() throws {
    let folder = try copyOfExampleCSV()
    try rewrite(folder, "payments.csv") { lines in
      var cells = lines[1].components(separatedBy: ",")
      cells[4] = "RMB"
      lines[1] = cells.joined(separator: ",")
    }
    #expect(
      problems(folder) == [
        "payments.csv:2:5: error: currency: 'RMB' is not an ISO 4217 currency code; renminbi is CNY"
      ])
  }
}
