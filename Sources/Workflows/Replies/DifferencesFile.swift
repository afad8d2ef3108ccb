import Basics
import Foundation
import Ledger
import Vocabulary

/// The reconciling items of a disputed reply, from a CSV file of rows
/// `type,reference,amount,note` (UTF-8 or GB18030, read by the ledger's CSV rules). Each
/// amount is what the item accounts for of their balance minus ours: negative where the
/// customer's books show less.
enum DifferencesFile {
  static let columns = ["type", "reference", "amount", "note"]

  static func read(_ path: String, encoding: TextEncoding?) throws(ReplyError) -> [ReconcilingItem] {
    let rows: [CSVFile.Row]
    do {
      rows = try CSVFile.read(path, columns: columns, required: ["type", "amount"], encoding: encoding, limit: 1 << 20)
    } catch {
      throw problems(error.issues)
    }
    var items: [ReconcilingItem] = []
    var issues: [LedgerIssue] = []
    let kinds = ReconcilingItem.Kind.allCases.map(\.rawValue).joined(separator: ", ")
    for row in rows {
      func problem(_ column: String, _ message: String) {
        issues.append(
          LedgerIssue(file: path, line: row.line, column: row.cells[column]?.column, field: column, message: message))
      }
      // A cell a reconciliation statement could not show as it is stored is refused here,
      // with its place, rather than when the statement is written.
      let unshowable = columns.compactMap { column in
        row.cells[column].flatMap { cell in ReplyText.problem(cell.text, oneLine: false).map { (column, $0) } }
      }
      for (column, message) in unshowable { problem(column, message) }
      guard unshowable.isEmpty else { continue }
      guard let typeCell = row.cells["type"] else {
        problem("type", "is empty; write one of \(kinds)")
        continue
      }
      guard let kind = ReconcilingItem.Kind(rawValue: typeCell.text.trimmingCharacters(in: .whitespaces)) else {
        problem("type", "'\(typeCell.text)' is not one of \(kinds)")
        continue
      }
      let reference = row.cells["reference"]?.text.trimmingCharacters(in: .whitespaces) ?? ""
      if reference.isEmpty && kind != .other {
        problem("reference", "is empty; name the invoice, payment or credit note the item is about")
        continue
      }
      guard let amountCell = row.cells["amount"] else {
        problem("amount", "is empty; write what the item accounts for, negative where their books show less")
        continue
      }
      let amountText = amountCell.text.trimmingCharacters(in: .whitespaces)
      if let zero = try? ExactDecimal(parsing: amountText), zero.isZero {
        // Negative amounts are items too: the message of the ledger's amounts would say otherwise.
        problem("amount", "'\(amountText)' is zero; an item accounts for an amount, positive or negative")
        continue
      }
      switch Amount.read(amountText, allowNegative: true, allowZero: false) {
      case .success(let amount):
        items.append(
          ReconcilingItem(
            kind: kind, reference: reference, amount: amount,
            note: row.cells["note"]?.text.trimmingCharacters(in: .whitespaces) ?? ""))
      case .failure(let failure):
        problem("amount", failure.message)
      }
    }
    guard issues.isEmpty else { throw problems(issues) }
    guard !items.isEmpty else {
      throw ReplyError("error: --differences \(path) has no items; list one row per reconciling item under its header")
    }
    return items
  }

  static func problems(_ issues: [LedgerIssue]) -> ReplyError {
    let count = issues.count
    return ReplyError(
      issues.map(\.description).joined(separator: "\n")
        + "\n\(count) problem\(count == 1 ? "" : "s") in the differences file; no reply was recorded")
  }
}
