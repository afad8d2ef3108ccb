import Basics
import Ledger
import Vocabulary

/// A phased-payment proposal's schedule as a reader sees it: the installments (rows with
/// `data-installment`, each a plain decimal above 0) add up to the balance and to the plan's
/// total (`plan-total`); each row's amount cell (`installment-amount`) shows its
/// `data-installment`; its due dates (`installment-due`) come one after another, all after the
/// proposal's date; the count it states (`plan-count`) is the rows'; and a first payment's
/// stated share (`plan-first-percent`) is the first row's amount, rounded as the plan rounds
/// it (``Ledger/InstallmentPlan/firstShare(of:percent:places:)``). The other installments'
/// split is not read: a plan from elsewhere may divide the rest as it likes, and what it
/// states is checked.
extension Check {
  mutating func installments() {
    guard let balance = Check.decimal(meta(.balance)) else { return }
    guard !installmentRows.isEmpty else {
      add("amounts", "the proposal lists no installments (rows with data-installment)", at: body)
      return
    }
    var sum = ExactDecimal.zero
    var amounts: [ExactDecimal] = []
    for row in installmentRows {
      let text = row.attribute(MarkedAttribute.installment.rawValue) ?? ""
      guard let amount = Check.decimal(text), amount > .zero else {
        add("amounts", "data-installment '\(text)' is not a plain decimal above 0", at: row)
        return
      }
      guard let added = try? sum.adding(amount) else {
        add("amounts", "the installments add up to more than an amount can hold; check their figures", at: row)
        return
      }
      sum = added
      amounts.append(amount)
    }
    if sum != balance {
      add(
        "amounts",
        "the installments add up to \(sum.formatted(places: 2)), but the balance is \(balance.formatted(places: 2))",
        at: installmentRows.first?.parent)
    }
    for total in field("plan-total") where Amounts.shown(total.textContent) != sum {
      add(
        "amounts",
        "the plan's total reads '\(total.textContent)', but the installments add up to \(sum.formatted(places: 2))",
        at: total)
    }
    installmentCells(amounts)
    statedPlan(amounts, balance: balance)
  }

  /// Each row's amount and due date as printed.
  mutating func installmentCells(_ amounts: [ExactDecimal]) {
    let issued = meta(.date).flatMap { try? CivilDate(iso: $0) }
    var previous: CivilDate?
    for (index, row) in installmentRows.enumerated() {
      let cells = Check.cells(of: row)
      let what = "installment \(index + 1)"
      if let text = cells["installment-amount"], Amounts.shown(text) != amounts[index] {
        add(
          "amounts", "\(what) shows '\(text)', but its data-installment is \(amounts[index].formatted(places: 2))",
          at: row)
      }
      // A date no reader can be sure of (03/04/2027) is not compared.
      guard let text = cells["installment-due"], let due = ShownDates.date(text) else { continue }
      if let issued, due <= issued {
        add("amounts", "\(what) is due \(due.iso), not after the proposal's date \(issued.iso)", at: row)
      }
      if let previous, due <= previous {
        add("amounts", "\(what) is due \(due.iso), not after the installment before it (\(previous.iso))", at: row)
      }
      previous = due
    }
  }

  /// What the text says of the plan: how many installments, and the first one's share.
  mutating func statedPlan(_ amounts: [ExactDecimal], balance: ExactDecimal) {
    for count in field("plan-count") {
      let text = count.textContent.trimmingCharacters(in: " \n\t")
      if Int(text) != amounts.count {
        add("amounts", "the plan says '\(text)' installments, but lists \(amounts.count)", at: count)
      }
    }
    let places = CurrencyUnits.places(meta(.currency) ?? "")
    for share in field("plan-first-percent") {
      let text = share.textContent.trimmingCharacters(in: " \n\t%")
      guard let percent = try? ExactDecimal(parsing: text), let first = amounts.first,
        let expected = try? InstallmentPlan.firstShare(of: balance, percent: percent, places: places),
        expected == first
      else {
        add(
          "amounts",
          "the first payment is said to be '\(text)%' of \(balance.formatted(places: 2)), but the first installment is \(amounts.first?.formatted(places: 2) ?? "missing")",
          at: share)
        continue
      }
    }
  }
}
