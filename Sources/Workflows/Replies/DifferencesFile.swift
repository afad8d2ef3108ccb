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

  /// The items of the file at `path`, checked against the letter they answer: `listed` is
  /// each invoice the letter lists with its open amount there. An invoice the customer has not
  /// booked is one of those, for no more than it had open, and like a payment they made that
  /// we have not received it makes their balance lower than ours (a negative amount); the same
  /// item twice is refused rather than counted twice. Amounts are in the letter's `currency`,
  /// and in its unit.
  static func read(
    _ path: String, encoding: TextEncoding?, currency: String, listed: [(invoice: String, open: ExactDecimal)]
  )
    throws(ReplyError) -> [ReconcilingItem]
  {
    let rows: [CSVFile.Row]
    do {
      rows = try CSVFile.read(path, columns: columns, required: ["type", "amount"], encoding: encoding, limit: 1 << 20)
    } catch {
      throw problems(error.issues)
    }
    var lines: [(line: Int, item: ReconcilingItem)] = []
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
        row.cells[column].flatMap { cell in ReplyText.problem(cell.text, oneLine: true).map { (column, $0) } }
      }
      for (column, message) in unshowable { problem(column, message) }
      guard unshowable.isEmpty else { continue }
      guard let typeCell = row.cells["type"] else {
        problem("type", "is empty; write one of \(kinds)")
        continue
      }
      guard let kind = ReconcilingItem.Kind(rawValue: typeCell.text.trimmingCharacters(in: .whitespaces)) else {
        let near = closestMatch(
          typeCell.text.trimmingCharacters(in: .whitespaces), in: ReconcilingItem.Kind.allCases.map(\.rawValue),
          ignoringCase: true)
        problem("type", "'\(typeCell.text)' is not one of \(kinds)\(near.map { "; did you mean '\($0)'?" } ?? "")")
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
      let amount: ExactDecimal
      switch Amount.read(amountText, allowNegative: true, allowZero: false, currency: currency) {
      case .success(let value): amount = value
      case .failure(let failure):
        problem("amount", failure.message)
        continue
      }
      if let lower = Self.lowersTheirBalance[kind], !amount.isNegative {
        problem(
          "amount",
          "'\(amountText)' is positive, but \(lower) makes their balance lower than ours; write it negative (-\(amountText))"
        )
        continue
      }
      if kind == .invoiceNotBooked {
        guard let open = listed.first(where: { $0.invoice == reference })?.open else {
          let names = listed.prefix(6).map(\.invoice).joined(separator: ", ") + (listed.count > 6 ? ", …" : "")
          problem(
            "reference",
            listed.isEmpty
              ? "'\(reference)' is not an invoice of the letter, which lists none; an invoice not booked is one the letter lists"
              : "'\(reference)' is not an invoice the letter lists (\(names)); an invoice not booked is one of them")
          continue
        }
        if amount.magnitude > open {
          problem(
            "amount",
            "'\(amountText)' is more than invoice '\(reference)' has open on the letter (\(open.formatted(places: 2))); an invoice not booked accounts for at most what it has open"
          )
          continue
        }
        // Split over several rows, the invoice still accounts for no more than it has open.
        let earlier = lines.filter { $0.item.kind == .invoiceNotBooked && $0.item.reference == reference }
        let together = earlier.reduce(amount.magnitude) { sum, line in
          (try? sum.adding(line.item.amount.magnitude)) ?? sum
        }
        if !earlier.isEmpty, together > open {
          problem(
            "amount",
            "with line\(earlier.count == 1 ? "" : "s") \(earlier.map { String($0.line) }.joined(separator: ", ")), invoice '\(reference)' is said not booked for \(together.formatted(places: 2)), more than it has open on the letter (\(open.formatted(places: 2))); an invoice not booked accounts for at most what it has open"
          )
          continue
        }
      }
      let item = ReconcilingItem(
        kind: kind, reference: reference, amount: amount,
        note: row.cells["note"]?.text.trimmingCharacters(in: .whitespaces) ?? "")
      if let first = lines.first(where: {
        $0.item.kind == kind && $0.item.reference == reference && $0.item.amount == amount
      }) {
        problem(
          "reference",
          "repeats line \(first.line) (the same type, reference and amount); an item is listed once, or each under its own reference"
        )
        continue
      }
      lines.append((row.line, item))
    }
    guard issues.isEmpty else { throw problems(issues) }
    guard !lines.isEmpty else {
      throw ReplyError("error: --differences \(path) has no items; list one row per reconciling item under its header")
    }
    return lines.map(\.item)
  }

  /// The kinds of item that can only make the customer's balance lower than ours, with what
  /// each is, for the message.
  static let lowersTheirBalance: [ReconcilingItem.Kind: String] = [
    .invoiceNotBooked: "an invoice the customer has not booked",
    .paymentInTransit: "a payment the customer made that we have not received",
  ]

  static func problems(_ issues: [LedgerIssue]) -> ReplyError {
    let count = issues.count
    return ReplyError(
      issues.map(\.description).joined(separator: "\n")
        + "\n\(count) problem\(count == 1 ? "" : "s") in the differences file; no reply was recorded")
  }
}
