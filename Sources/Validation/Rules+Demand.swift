import Basics
import Ledger
import LibXML
import Vocabulary

/// The `amounts` rule on a legal demand's claim table: each period's product, each invoice's
/// sum of periods, the totals in figures and words, and with a ledger each claim against the
/// ledger's late interest (docs/design.md section 4).
///
/// A claim row is `<tr data-claim="INVOICE" data-due data-principal data-rate data-basis
/// data-interest>`; its periods are `<tr data-period-of="INVOICE" data-from data-to data-days
/// data-principal data-interest>`, oldest first.
extension Check {
  struct Claim {
    let invoice: String
    let due: CivilDate
    let principal: ExactDecimal
    let interest: ExactDecimal
    let rate: ExactDecimal
    let periods: [Period]
    let node: Node
  }

  struct Period: Equatable {
    let from: CivilDate
    let to: CivilDate
    let principal: ExactDecimal
    let interest: ExactDecimal
  }

  mutating func demand() {
    let isDemand = meta(.measure) == PenaltyMeasure.legalDemand.rawValue
    guard isDemand || !claimRows.isEmpty else { return }
    if claimRows.isEmpty {
      add("amounts", "a legal demand has no claim rows (data-claim) for its principal and interest", at: body)
      return
    }
    var periodsOf: [String: [Node]] = [:]
    for row in periodRows { periodsOf[row.attribute("data-period-of") ?? "", default: []].append(row) }
    var claims: [Claim] = []
    for row in claimRows {
      if let claim = checkClaim(row, periods: periodsOf.removeValue(forKey: row.attribute("data-claim") ?? "") ?? []) {
        claims.append(claim)
      }
    }
    for (invoice, rows) in periodsOf {
      add("amounts", "interest periods of '\(invoice)' belong to no claim row (data-claim)", at: rows.first)
    }
    guard let principal = try? ExactDecimal.sum(claims.map(\.principal)),
      let interest = try? ExactDecimal.sum(claims.map(\.interest)), let total = try? principal.adding(interest)
    else {
      add("amounts", "the claims add up to more than an amount can hold; check their figures", at: body)
      return
    }
    if isDemand && meta(.interest) == nil {
      add(
        "amounts", "a legal demand needs <meta name=\"\(MetaName.interest.rawValue)\"> with its interest total",
        at: head)
    }
    if let declared = Check.decimal(meta(.interest)), declared != interest {
      add(
        "amounts",
        "the claims' interest adds up to \(interest.formatted(places: 2)), but \(MetaName.interest.rawValue) is \(declared.formatted(places: 2))",
        at: claims.first?.node.parent)
    }
    // A claim row refused above is reported once: its rate is not held against the notes.
    if claims.count == claimRows.count { rateNotes(claims) }
    shown("principal", principal, what: "the claims' principal")
    shown("interest-total", interest, what: "the claims' interest")
    shown("demand-total", total, what: "principal plus interest")
    shown("demand-total-figure", total, what: "principal plus interest")
    for words in field("demand-total-in-words") {
      let expected = amountInWords(total)
      if words.textContent != expected {
        add(
          "amounts",
          "the demanded total in words reads '\(words.textContent)', but \(total.formatted(places: 2)) is '\(expected ?? "?")'",
          at: words)
      }
    }
    if isDemand && field("demand-total-in-words").isEmpty {
      add("amounts", "the demanded total in words is missing (data-field=\"demand-total-in-words\")", at: body)
    }
    crossCheck(claims)
  }

  /// Every figure of one claim and its periods; nil when the row cannot be read.
  mutating func checkClaim(_ row: Node, periods: [Node]) -> Claim? {
    let invoice = row.attribute("data-claim") ?? ""
    guard let principal = Check.decimal(row.attribute("data-principal")),
      let interest = Check.decimal(row.attribute("data-interest")),
      let rate = Check.decimal(row.attribute("data-rate")),
      let basis = DayCountBasis(rawValue: row.attribute("data-basis") ?? ""),
      let due = row.attribute("data-due").flatMap({ try? CivilDate(iso: $0) })
    else {
      add(
        "amounts",
        "claim '\(invoice)' needs data-due (a date), data-principal, data-interest, data-rate (decimals) and data-basis (ACT/365 or ACT/360)",
        at: row)
      return nil
    }
    for cell in row.elements(where: { $0.attribute("data-field") == "interest" })
    where Check.displayedAmount(cell.textContent) != interest {
      add(
        "amounts", "claim '\(invoice)' shows interest '\(cell.textContent)', but its data-interest is \(interest)",
        at: cell)
    }
    shownCells(
      of: row, claim: invoice, due: due, principal: principal, interest: interest, rate: rate, periods: periods)
    let year = ExactDecimal(basis.daysInYear)
    // Rounded as the ledger's figures are: to the document's currency's smallest unit.
    let places = CurrencyCode.places(meta(.currency) ?? "CNY")
    var read: [Period] = []
    var next = due.adding(days: 1)
    var cumulative = ExactDecimal.zero
    var roundedSoFar = ExactDecimal.zero
    var sum = ExactDecimal.zero
    for period in periods {
      guard let from = period.attribute("data-from").flatMap({ try? CivilDate(iso: $0) }),
        let to = period.attribute("data-to").flatMap({ try? CivilDate(iso: $0) }),
        let days = period.attribute("data-days").flatMap({ Int($0) }),
        let amount = Check.decimal(period.attribute("data-principal")),
        let shownInterest = Check.decimal(period.attribute("data-interest"))
      else {
        add(
          "amounts",
          "a period of '\(invoice)' needs data-from, data-to (dates), data-days, data-principal, data-interest",
          at: period)
        return nil
      }
      // In order, none before the first overdue day and none over another; a gap is days
      // nothing was owed (an invoice paid, then owing again when a payment went to another).
      if from < next {
        add(
          "amounts",
          "the periods of '\(invoice)' should go on from \(next.iso) or later, but one starts on \(from.iso)",
          at: period)
      }
      if days != from.days(until: to) + 1 || days < 1 {
        add(
          "amounts",
          "the period \(from.iso) to \(to.iso) of '\(invoice)' has \(from.days(until: to) + 1) days, not \(days)",
          at: period)
      }
      next = to.adding(days: 1)
      guard let added = try? sum.adding(shownInterest) else {
        add("amounts", "the periods of '\(invoice)' have figures too large to check", at: period)
        return nil
      }
      sum = added
      read.append(Period(from: from, to: to, principal: amount, interest: shownInterest))
      guard let product = try? amount.multiplied(by: ExactDecimal(days)), let added = try? cumulative.adding(product),
        let rounded = try? added.multiplied(by: rate).divided(by: year, scale: places)
      else {
        add("amounts", "the period \(from.iso) to \(to.iso) of '\(invoice)' has figures too large to check", at: period)
        return nil
      }
      cumulative = added
      guard let expected = try? rounded.subtracting(roundedSoFar) else {
        add("amounts", "the period \(from.iso) to \(to.iso) of '\(invoice)' has figures too large to check", at: period)
        return nil
      }
      roundedSoFar = rounded
      if shownInterest != expected {
        add(
          "amounts",
          "the period \(from.iso) to \(to.iso) of '\(invoice)' shows interest \(shownInterest.formatted(places: 2)); \(amount.formatted(places: 2)) × \(days) days × \(rate) ÷ \(basis.daysInYear), rounded cumulatively, is \(expected.formatted(places: 2))",
          at: period)
      }
      for cell in period.elements(where: { $0.attribute("data-field") == "period-interest" })
      where Check.displayedAmount(cell.textContent) != shownInterest {
        add(
          "amounts", "a period of '\(invoice)' shows '\(cell.textContent)', but its data-interest is \(shownInterest)",
          at: cell)
      }
    }
    if sum != interest {
      add(
        "amounts",
        "the periods of '\(invoice)' add up to \(sum.formatted(places: 2)), but its interest is \(interest.formatted(places: 2))",
        at: row)
    }
    return Claim(
      invoice: invoice, due: due, principal: principal, interest: interest, rate: rate, periods: read, node: row)
  }

  /// A figure the document shows in one or more `data-field` elements.
  mutating func shown(_ name: String, _ value: ExactDecimal, what: String) {
    for node in field(name) where Check.displayedAmount(node.textContent) != value {
      add("amounts", "\(name) reads '\(node.textContent)', but \(what) is \(value.formatted(places: 2))", at: node)
    }
  }

  func amountInWords(_ amount: ExactDecimal) -> String? {
    let currency = meta(.currency) ?? "CNY"
    return DocumentLocale.isEnglish(meta(.locale) ?? DocumentLocale.standard.rawValue)
      ? try? AmountInWords.english(amount, currency: currency)
      : try? AmountInWords.chinese(amount, currency: currency)
  }

  /// The claims against the ledger: every invoice with open principal past due or with late
  /// interest at the as-of date has its row, with the ledger's principal, rate and interest.
  mutating func crossCheck(_ claims: [Claim]) {
    guard let ledger = validator.ledger, let (id, currency, asOf, computed) = ledgerFigures(),
      let receivables = computed, let account = receivables.account(customer: id, currency: currency)
    else { return }
    guard
      let lines = try? receivables.lateInterest(
        account, ledger: ledger, policy: validator.policy)
    else {
      add("amounts", "the ledger's late interest for \(id) cannot be computed (figures too large)", at: body)
      return
    }
    let byInvoice = Dictionary(lines.map { ($0.invoice, $0) }, uniquingKeysWith: { a, _ in a })
    let expected = account.invoices.filter { $0.isClaimed(byInvoice[$0.invoice.number]) }
    let expectedNumbers = Set(expected.map(\.invoice.number))
    let claimed = Dictionary(claims.map { ($0.invoice, $0) }, uniquingKeysWith: { a, _ in a })
    for status in expected where claimed[status.invoice.number] == nil {
      let interest = byInvoice[status.invoice.number]?.interest ?? .zero
      add(
        "amounts",
        "invoice \(status.invoice.number) has \(status.open.formatted(places: 2)) open and \(interest.formatted(places: 2)) of late interest in the ledger on \(asOf.iso), but no claim row",
        at: claims.first?.node.parent)
    }
    let statuses = Dictionary(account.invoices.map { ($0.invoice.number, $0) }, uniquingKeysWith: { a, _ in a })
    for claim in claims {
      guard let status = statuses[claim.invoice] else {
        add(
          "amounts", "claim '\(claim.invoice)' is not an invoice of \(id) in \(currency) in the ledger", at: claim.node)
        continue
      }
      guard expectedNumbers.contains(claim.invoice) else {
        add(
          "amounts",
          "claim '\(claim.invoice)' has neither principal overdue nor late interest in the ledger on \(asOf.iso); remove the row",
          at: claim.node)
        continue
      }
      let line = byInvoice[claim.invoice]
      if status.invoice.dueOn != claim.due {
        add(
          "amounts",
          "claim '\(claim.invoice)' states the due date \(claim.due.iso), but the ledger has \(status.invoice.dueOn.iso)",
          at: claim.node)
      }
      let ledgerPeriods = (line?.periods ?? []).map {
        Period(from: $0.from, to: $0.to, principal: $0.principal, interest: $0.interest)
      }
      if claim.periods != ledgerPeriods {
        add(
          "amounts",
          "claim '\(claim.invoice)' shows the periods \(Check.describe(claim.periods)), but the ledger's are \(Check.describe(ledgerPeriods))",
          at: claim.node)
      }
      checkPaidOn(claim, line?.paidOn)
      if status.open != claim.principal {
        add(
          "amounts",
          "claim '\(claim.invoice)' states principal \(claim.principal.formatted(places: 2)), but the ledger has \(status.open.formatted(places: 2)) open on \(asOf.iso)",
          at: claim.node)
      }
      if let line, line.annualRate != claim.rate {
        add(
          "amounts",
          "claim '\(claim.invoice)' uses the rate \(claim.rate), but the ledger and policy give \(line.annualRate)",
          at: claim.node)
      } else if (line?.interest ?? .zero) != claim.interest {
        add(
          "amounts",
          "claim '\(claim.invoice)' states interest \(claim.interest.formatted(places: 2)), but the ledger gives \((line?.interest ?? .zero).formatted(places: 2)) to \(asOf.iso)",
          at: claim.node)
      }
    }
  }
}
