import Basics
import Ledger

/// What a reader sees of the open-invoice table: a row's cells (`row-amount` invoiced,
/// `row-paid` received or credited, `row-open` still open) must say what its `data-amount`
/// says and add up, its number (`row-invoice`) its `data-invoice`, and the table's total
/// (`total`) must be the balance; with a ledger, each row is that invoice as the ledger has it
/// on the document's as-of date, its dates (`row-issued`, `row-due`) included. A figure changed in
/// a cell by hand is refused even when the attributes were left alone. Cells a template does
/// not mark are not read.
extension Check {
  mutating func shownRows(balance: ExactDecimal, account: Account?, asOf: CivilDate?) {
    for row in amountRows {
      guard let amount = Check.decimal(row.attribute("data-amount")) else { continue }
      let cells = Check.cells(of: row)
      let invoice = row.attribute("data-invoice")
      let what = invoice.map { "invoice '\($0)'" } ?? "the row"
      // Read without closures: a closure over `Check`'s own functions captures its generic type.
      let openText = cells["row-open"]
      let open = openText.flatMap { text -> ExactDecimal? in Amounts.shown(text) }
      if let text = openText, open != amount {
        add("amounts", "\(what) shows '\(text)' open, but its data-amount is \(amount.formatted(places: 2))", at: row)
      }
      if let invoicedText = cells["row-amount"], let invoiced = Amounts.shown(invoicedText),
        let paidText = cells["row-paid"], let paid = Amounts.shown(paidText), let text = openText, let shown = open,
        (try? invoiced.subtracting(paid)) != shown
      {
        add(
          "amounts",
          "\(what) shows \(invoiced.formatted(places: 2)) invoiced and \(paid.formatted(places: 2)) received, which leaves \((try? invoiced.subtracting(paid))?.formatted(places: 2) ?? "?"), not '\(text)'",
          at: row)
      }
      if let invoice, let text = cells["row-invoice"], !Check.readsAs(text, invoice) {
        add("amounts", "\(what) shows the number '\(text)', another invoice's than its data-invoice", at: row)
      }
      guard let account, let invoice, let asOf else { continue }
      guard let status = account.invoices.first(where: { $0.invoice.number == invoice }) else {
        add(
          "amounts",
          "\(what) is not an invoice of \(account.customer) in \(account.currency) on \(asOf.iso) in the ledger",
          at: row)
        continue
      }
      if status.open != amount {
        add(
          "amounts",
          "\(what) is \(amount.formatted(places: 2)) open, but the ledger's open amount for it on \(asOf.iso) is \(status.open.formatted(places: 2))",
          at: row)
      }
      for (cell, name, date) in [
        ("row-issued", "issued", status.invoice.issuedOn), ("row-due", "due", status.invoice.dueOn),
      ] {
        // A date written in a form no reader can be sure of (20/08/2026) is not compared.
        if let text = cells[cell], text != date.iso, let shown = ShownDates.date(text), shown != date {
          add("amounts", "\(what) shows '\(text)' \(name), but the ledger's invoice is \(name) \(date.iso)", at: row)
        }
      }
      if let text = cells["row-amount"], Check.displayedAmount(text) != status.invoice.amount {
        add(
          "amounts",
          "\(what) shows '\(text)' invoiced, but the ledger's invoice is for \(status.invoice.amount.formatted(places: 2))",
          at: row)
      }
    }
    for total in field("total") where Check.displayedAmount(total.textContent) != balance {
      add(
        "amounts", "the table's total reads '\(total.textContent)', but the balance is \(balance.formatted(places: 2))",
        at: total)
    }
  }
}
