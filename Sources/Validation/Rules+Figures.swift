import Basics
import Ledger
import Vocabulary

/// The figures a demand or a proposal rests on, beyond the balance: how much is overdue and
/// since when (a proposal's installments: Rules+Installments.swift).
extension Check {
  /// The document's customer, currency and as-of date with the ledger's receivables at that
  /// date, when the check has a ledger that holds the customer; nil otherwise, and nil
  /// receivables when the ledger's figures are too large to compute.
  func ledgerFigures() -> (customer: String, currency: String, asOf: CivilDate, receivables: Receivables?)? {
    guard let ledger = validator.ledger, let id = meta(.customer), validator.customers[id] != nil,
      let currency = meta(.currency), let asOf = meta(.asOf).flatMap({ try? CivilDate(iso: $0) })
    else { return nil }
    return (id, currency, asOf, validator.receivables(ledger, asOf))
  }

  // MARK: overdue

  /// A dunning letter or penalty notice states how much is overdue (`data-field="overdue"`,
  /// required) and how many days the oldest open invoice is overdue (`data-field="days-overdue"`).
  /// Without a ledger, the amount is no more than the open invoices listed add up to (and above
  /// nothing in a dunning letter, which is only for what is past due; a legal demand may claim
  /// interest alone); with one, both are the ledger's at the as-of date.
  mutating func overdue(kind: String?) {
    let figures = field("overdue")
    if figures.isEmpty {
      add("amounts", "the overdue amount is missing (data-field=\"overdue\")", at: body)
    }
    let dunning = kind == DocumentKind.dunning.rawValue
    // The open invoices listed: the data-amount rows naming an invoice (an unapplied credit's
    // row names none). A row that is not a plain decimal was reported by the amounts rule.
    var listed: ExactDecimal? = .zero
    for row in amountRows where row.hasAttribute("data-invoice") {
      listed = Check.decimal(row.attribute("data-amount")).flatMap { amount in try? listed?.adding(amount) }
    }
    let ledger = ledgerFigures()
    let account = ledger.flatMap { $0.receivables?.account(customer: $0.customer, currency: $0.currency) }
    for figure in figures {
      let text = figure.textContent
      guard let shown = Amounts.shown(text), dunning ? shown > .zero : !shown.isNegative else {
        add(
          "amounts",
          "the overdue amount reads '\(text)', not \(dunning ? "an amount above 0 (a dunning letter is for what is past due)" : "an amount of 0 or more")",
          at: figure)
        continue
      }
      if let listed, shown > listed {
        add(
          "amounts",
          "the overdue amount reads '\(text)', more than the open invoices listed add up to (\(listed.formatted(places: 2)))",
          at: figure)
      }
      if let ledger, ledger.receivables != nil {
        let actual = account?.overdueAmount ?? .zero
        if shown != actual {
          add(
            "amounts",
            "the overdue amount reads '\(text)', but the ledger's overdue amount for \(ledger.customer) on \(ledger.asOf.iso) is \(actual.formatted(places: 2)) \(ledger.currency)",
            at: figure)
        }
      }
    }
    for figure in field("days-overdue") {
      let text = figure.textContent.trimmingCharacters(in: " \n\t\u{3000}")
      guard let days = Int(text), dunning ? days > 0 : days >= 0 else {
        add(
          "amounts", "the days overdue read '\(text)', not a whole number of days\(dunning ? " above 0" : "")",
          at: figure)
        continue
      }
      if let ledger, ledger.receivables != nil {
        let actual = account?.maxDaysOverdue ?? 0
        if days != actual {
          add(
            "amounts",
            "the days overdue read '\(text)', but the ledger's oldest open invoice for \(ledger.customer) is \(actual) days overdue on \(ledger.asOf.iso)",
            at: figure)
        }
      }
    }
  }

  // MARK: as-of

  /// The as-of date the text states (`data-field="as-of"`) is the one the figures are computed
  /// at (`ardoc:as-of`): a template that printed another day would date every figure wrongly.
  /// Read as the numbers it holds, in any format a template may choose (`2026年11月30日`,
  /// `30 November 2026`, `2026-11-30`): the year and the day, and the month by number or name.
  mutating func asOfShown() {
    let nodes = field("as-of")
    guard !nodes.isEmpty, let asOf = meta(.asOf).flatMap({ try? CivilDate(iso: $0) }) else { return }
    // The forms ardoc's own templates write, compared first: every letter of a batch passes here.
    let usual = ["\(asOf.year)年\(asOf.month)月\(asOf.day)日", asOf.iso]
    for node in nodes {
      let text = node.textContent
      let bytes = Array(text.utf8)
      if usual.contains(text) || ShownDates.date(utf8: bytes) == asOf { continue }
      let numbers = ShownDates.numbers(utf8: bytes)
      let named = text.lowercased().contains(ShownDates.months[asOf.month - 1])
      guard numbers.contains(asOf.year), numbers.contains(asOf.day), numbers.contains(asOf.month) || named else {
        add(
          "metadata",
          "the as-of date reads '\(text)', but \(MetaName.asOf.rawValue) is \(asOf.iso): the figures are as of that day",
          at: node)
        continue
      }
    }
  }
}
