import Basics
import LibXML

/// What a reader of a legal demand sees: the cells of each claim and period row must say
/// what their `data-*` figures say, which the arithmetic and the ledger cross-check read.
/// A court reads the text, so a changed rate, principal, date or day count in a cell is
/// refused even when the attributes were left alone.
///
/// Claim cells: `claim-invoice`, `claim-due`, `claim-principal`, `claim-days` (the days
/// principal was owed: the sum of the periods'), `claim-rate` (a percentage), `claim-total`
/// (principal plus interest) and, for an invoice paid in full, `claim-paid-on`. Period cells:
/// `period-dates` (starting with the first day and ending with the last, ISO), `period-principal`,
/// `period-days`, `period-interest`.
extension Check {
  static var claimCells: [String] {
    ["claim-invoice", "claim-due", "claim-principal", "claim-days", "claim-rate", "claim-total"]
  }
  static var periodCells: [String] { ["period-dates", "period-principal", "period-days", "period-interest"] }

  mutating func shownCells(
    of row: Node, claim invoice: String, due: CivilDate, principal: ExactDecimal, interest: ExactDecimal,
    rate: ExactDecimal, periods: [Node]
  ) {
    let cells = Check.cells(of: row)
    let missing = Check.claimCells.filter { cells[$0] == nil }
    if !missing.isEmpty {
      add(
        "amounts",
        "claim '\(invoice)' does not mark what it shows: add data-field \(missing.joined(separator: ", ")) to its cells",
        at: row)
      return
    }
    func differs(_ name: String, shows text: String, expected: String) {
      add("amounts", "claim '\(invoice)' shows \(name) '\(text)', but its figures give \(expected)", at: row)
    }
    if let text = cells["claim-invoice"], text != invoice { differs("the invoice", shows: text, expected: invoice) }
    if let text = cells["claim-due"], text != due.iso { differs("the due date", shows: text, expected: due.iso) }
    if let text = cells["claim-principal"], Check.displayedAmount(text) != principal {
      differs("principal", shows: text, expected: principal.formatted(places: 2))
    }
    let days = periods.compactMap { $0.attribute("data-days").flatMap { Int($0) } }.reduce(0, +)
    if let text = cells["claim-days"], Int(text) != days { differs("the days", shows: text, expected: String(days)) }
    if let text = cells["claim-rate"], Check.percentage(text) != rate {
      differs("the rate", shows: text, expected: "\(rate) a year")
    }
    if let text = cells["claim-total"], let total = try? principal.adding(interest),
      Check.displayedAmount(text) != total
    {
      differs("the total", shows: text, expected: total.formatted(places: 2))
    }
    for period in periods { shownCells(of: period, claim: invoice) }
  }

  mutating func shownCells(of period: Node, claim invoice: String) {
    let cells = Check.cells(of: period)
    let missing = Check.periodCells.filter { cells[$0] == nil }
    if !missing.isEmpty {
      add(
        "amounts",
        "a period of '\(invoice)' does not mark what it shows: add data-field \(missing.joined(separator: ", ")) to its cells",
        at: period)
      return
    }
    let from = period.attribute("data-from") ?? ""
    let to = period.attribute("data-to") ?? ""
    func differs(_ name: String, shows text: String, expected: String) {
      add(
        "amounts",
        "the period \(from) to \(to) of '\(invoice)' shows \(name) '\(text)', but its figures give \(expected)",
        at: period)
    }
    if let text = cells["period-dates"], !(text.hasPrefix(from) && text.hasSuffix(to)) {
      differs("the dates", shows: text, expected: "\(from) to \(to)")
    }
    if let text = cells["period-principal"], let value = Check.decimal(period.attribute("data-principal")),
      Check.displayedAmount(text) != value
    {
      differs("principal", shows: text, expected: value.formatted(places: 2))
    }
    if let text = cells["period-days"], let days = period.attribute("data-days"), text != days {
      differs("the days", shows: text, expected: days)
    }
  }

  /// An invoice paid in full says so, with the ledger's day; one still owed does not.
  mutating func checkPaidOn(_ claim: Claim, _ paidOn: CivilDate?) {
    let shown = Check.cells(of: claim.node)["claim-paid-on"]
    switch (paidOn, shown) {
    case (let day?, nil):
      add(
        "amounts", "claim '\(claim.invoice)' was paid in full on \(day.iso) in the ledger; the row must say so",
        at: claim.node)
    case (let day?, let text?) where !text.contains(day.iso):
      add(
        "amounts", "claim '\(claim.invoice)' says '\(text)', but the ledger has it paid in full on \(day.iso)",
        at: claim.node)
    case (nil, let text?):
      add("amounts", "claim '\(claim.invoice)' says '\(text)', but the ledger has principal still owed", at: claim.node)
    default: break
    }
  }

  /// The text of each marked cell of a row, by its data-field (the first of each name).
  static func cells(of row: Node) -> Cells {
    var found = Cells()
    for node in row.elements(where: { $0.attribute("data-field") != nil }) {
      if let name = node.attribute("data-field"), found[name] == nil {
        found.pairs.append((name, node.textContent.trimmingCharacters(in: " \n\t")))
      }
    }
    return found
  }

  /// A row's cells, by name. A row has a handful: kept as pairs and found by comparing
  /// names, which costs less than hashing them.
  struct Cells {
    var pairs: [(name: String, text: String)] = []

    subscript(name: String) -> String? {
      for pair in pairs where pair.name == name { return pair.text }
      return nil
    }
  }

  /// "4.50%" as the rate 0.045; nil for anything else.
  static func percentage(_ text: String) -> ExactDecimal? {
    guard text.hasSuffix("%"), let value = try? ExactDecimal(parsing: String(text.dropLast())) else { return nil }
    return try? value.divided(by: ExactDecimal(100), scale: 12)
  }

  static func describe(_ periods: [Period]) -> String {
    periods.isEmpty
      ? "none"
      : periods.map {
        "\($0.from.iso)–\($0.to.iso) \($0.principal.formatted(places: 2)) → \($0.interest.formatted(places: 2))"
      }.joined(separator: "; ")
  }
}
