import Basics
import Ledger
import Templating
import Vocabulary

/// The legal demand: every invoice with a claim (open principal past due, or late interest),
/// its interest period by period, the rate and where it comes from, the evidence and the
/// limitation facts, and warnings when a period runs out around the deadline or an agreed rate
/// is one a court may reduce.
extension LetterFactory {
  struct Demand {
    let context: TemplateMembers
    let total: ExactDecimal
    let warnings: [LetterWarning]
    /// The register's documents the evidence leaves out as recorded long after their date.
    let recordedLate: [RegisterEntry]
  }

  /// A claim whose limitation period ends this close after the payment deadline (or before
  /// it) is warned about: a demand served late interrupts nothing.
  static let limitationMarginDays = 30

  func legalDemand(account: Account, receivables: Receivables, request: LetterRequest) throws(LetterRefusal)
    -> Demand
  {
    let lines: [InterestLine]
    do {
      lines = try receivables.lateInterest(account, ledger: ledger, policy: policy)
    } catch {
      throw LetterRefusal(customer: request.customer, "the late interest cannot be computed: \(error)")
    }
    let byInvoice = Dictionary(lines.map { ($0.invoice, $0) }, uniquingKeysWith: { a, _ in a })
    // Open principal past due, and interest already accrued on invoices since paid (docs/design.md
    // section 4: it is not lost when the principal is paid).
    let claims = account.invoices.filter { $0.isClaimed(byInvoice[$0.invoice.number]) }
      .sorted { ($0.invoice.dueOn, $0.invoice.number) < ($1.invoice.dueOn, $1.invoice.number) }
    let contracts = Dictionary(ledger.contracts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    // The policy's rate is the loan prime rate, a renminbi rate: a debt in another currency is
    // claimed interest only at a rate its contract agrees, which the ledger must give.
    if !CurrencyCode.renminbi.contains(account.currency),
      let unagreed = claims.map(\.invoice.contract).first(where: { contracts[$0]?.lateInterest == nil })
    {
      throw LetterRefusal(
        customer: request.customer,
        "contract \(unagreed) is in \(account.currency) and agrees no late-interest rate, and the policy's rate (LPR × (1 + markup)) is a renminbi rate; add the contract's late-interest rate and clause to the ledger (lateInterest.annualRate and .clause in JSON, interestRate and interestClause in contracts.csv) and import it again"
      )
    }
    // With the LPR of each breach's day, every breach the policy's rate applies to falls within
    // the figures it lists: an earlier one would bear a figure published after it began.
    if let first = policy.interest.history.first?.from,
      let early = claims.first(where: {
        contracts[$0.invoice.contract]?.lateInterest == nil && $0.invoice.dueOn.adding(days: 1) < first
      })
    {
      throw LetterRefusal(
        customer: request.customer,
        "the policy's lprHistory begins on \(first.iso), but invoice \(early.invoice.number)'s breach began on \(early.invoice.dueOn.adding(days: 1).iso); add the LPR figure in force that day to lprHistory"
      )
    }
    let deadline = request.paymentDeadline(policy)
    var principal = ExactDecimal.zero
    var interest = ExactDecimal.zero
    var rows: [TemplateValue] = []
    var sources: [TemplateValue] = []
    var sourceIndex: [String: Int] = [:]
    var sourceContractOf: [String] = []
    var sourceInvoices: [[String]] = []
    var bases: Set<DayCountBasis> = []
    var limitationRows: [TemplateValue] = []
    var atRisk: [(invoice: String, facts: LimitationFacts)] = []
    // A demand interrupts only periods still running (第195条); one that has run out is not
    // revived by it, and the notice must not say so (第192条 says what then still counts).
    var anyRunning = false
    var anyExpired = false
    for status in claims {
      let number = status.invoice.number
      let line = byInvoice[number]
      let lineInterest = line?.interest ?? .zero
      (principal, interest) = try exact(request.customer) { () throws(DecimalError) in
        (try principal.adding(status.open), try interest.adding(lineInterest))
      }
      let rowTotal = try exact(request.customer) { () throws(DecimalError) in try status.open.adding(lineInterest) }
      let rate: ExactDecimal
      if let line {
        rate = line.annualRate
      } else {
        rate = try exact(request.customer) { () throws(DecimalError) in
          try policy.interest.inForce(breachingOn: status.invoice.dueOn.adding(days: 1)).annualRate()
        }
      }
      let ratePercent = try exact(request.customer) { () throws(DecimalError) in try rate.percentFigure() }
      let basis = line?.basis ?? policy.interest.basis
      bases.insert(basis)
      // What a credit note took off was never owed: a row settled with one says it was
      // reduced by it and the rest paid, never that the invoice was paid in full.
      let credits = Self.credits(receivables.creditsByInvoice[number] ?? [])
      rows.append(
        [
          "number": .string(number), "contract": .string(status.invoice.contract),
          "dueOn": .string(status.invoice.dueOn.iso), "principal": Self.money(status.open),
          "paidOn": Self.date(line?.paidOn), "credits": credits, "days": .number(ExactDecimal(line?.interestDays ?? 0)),
          "rate": .number(rate), "ratePercent": .number(ratePercent), "basis": .string(basis.rawValue),
          "interest": Self.money(lineInterest), "total": Self.money(rowTotal),
          "periods": .array(
            (line?.periods ?? []).map { period -> TemplateValue in
              [
                "from": .string(period.from.iso), "to": .string(period.to.iso),
                "days": .number(ExactDecimal(period.days)), "principal": Self.money(period.principal),
                "interest": Self.money(period.interest),
              ]
            }),
        ])
      // One note per contract and rate: with the LPR of each breach's day, a contract's
      // invoices may bear several, each note then naming its invoices.
      if let line {
        let key = "\(status.invoice.contract)|\(line.annualRate)"
        if let at = sourceIndex[key] {
          sourceInvoices[at].append(number)
        } else {
          let source = try exact(request.customer) { () throws(DecimalError) in
            try Self.rateSource(line, contract: status.invoice.contract)
          }
          sourceIndex[key] = sources.count
          sources.append(source)
          sourceContractOf.append(status.invoice.contract)
          sourceInvoices.append([number])
        }
      }
      // The interest of an invoice paid late has the invoice's own limitation facts: each
      // payment restarted the period, the payment in full last (see docs/decisions.md).
      // Earlier demands do not count: a demand interrupts the period when it reaches the
      // customer (第195条), and the register records when it was issued, not delivered. A
      // stamped confirmation does, from the day the reply arrived: the customer acknowledged
      // the invoices its balance included.
      let interruptions =
        Limitation.paymentInterruptions(for: number, in: receivables, ledger: ledger)
        + acknowledgments(of: number, currency: account.currency)
      let facts = Limitation.facts(
        for: status.invoice, contract: contracts[status.invoice.contract], contractInvoices: ledger.invoices,
        interruptions: interruptions,
        asOf: request.date)
      if facts.expired { anyExpired = true } else { anyRunning = true }
      if Self.limitationAtRisk(facts, deadline: deadline) { atRisk.append((number, facts)) }
      limitationRows.append(Self.limitationRow(number, facts: facts, paidOn: line?.paidOn, credits: credits))
    }
    // One warning per end date, naming its invoices.
    var warnings: [LetterWarning] = []
    var ends: [CivilDate] = []
    for claim in atRisk where !ends.contains(claim.facts.expiresOn) { ends.append(claim.facts.expiresOn) }
    for end in ends.sorted() {
      let group = atRisk.filter { $0.facts.expiresOn == end }
      if let facts = group.first?.facts {
        warnings.append(Self.limitationWarning(group.map(\.invoice), facts: facts, deadline: deadline))
      }
    }
    // An agreed rate is claimed as the contract states it, with a warning where a court may
    // reduce it.
    warnings += try exact(request.customer) { () throws(DecimalError) in
      try agreedRateWarnings(claims.compactMap { byInvoice[$0.invoice.number] }, currency: account.currency)
    }
    let total = try exact(request.customer) { () throws(DecimalError) in try principal.adding(interest) }
    let singleBasis = bases.count <= 1 ? (bases.first ?? policy.interest.basis) : nil
    return Demand(
      context: [
        "demand": [
          "rows": .array(rows), "principal": Self.money(principal), "interest": Self.money(interest),
          "total": Self.money(total),
          "rateSources": .array(Self.namingInvoices(sources, contracts: sourceContractOf, invoices: sourceInvoices)),
          "divisor": singleBasis.map { TemplateValue.number(ExactDecimal($0.daysInYear)) } ?? .null,
          // Interest in a currency without a minor unit is rounded to whole units, not cents.
          "wholeUnits": .bool(CurrencyCode.places(account.currency) == 0),
          "evidence": .array(evidence(account, claims: claims, receivables: receivables, request: request)),
          "limitation": .array(limitationRows), "limitationRunning": .bool(anyRunning),
          "limitationExpired": .bool(anyExpired), "deadline": .string(deadline.iso),
        ]
      ], total: total, warnings: warnings,
      recordedLate: registerDocuments(account, request: request).filter(Self.recordedLate))
  }

  /// The rate notes, each naming its invoices where its contract has more than one note (its
  /// invoices bear the LPR of different days); a contract's only note applies to all of them.
  static func namingInvoices(_ sources: [TemplateValue], contracts: [String], invoices: [[String]]) -> [TemplateValue] {
    var notes: [String: Int] = [:]
    for contract in contracts { notes[contract, default: 0] += 1 }
    return sources.indices.map { index in
      guard notes[contracts[index], default: 0] > 1, case .object(var fields) = sources[index] else {
        return sources[index]
      }
      fields["invoices"] = .array(invoices[index].map { .string($0) })
      return .object(fields)
    }
  }

  static func rateSource(_ line: InterestLine, contract: String) throws(DecimalError) -> TemplateValue {
    let common: TemplateMembers = [
      "contract": .string(contract), "ratePercent": .number(try line.annualRate.percentFigure()),
      "basis": .string(line.basis.rawValue), "invoices": .null,
    ]
    switch line.source {
    case .contract(_, let clause, let daily):
      var dailyPercent = TemplateValue.null
      if let daily { dailyPercent = .number(try daily.percentFigure()) }
      return .object(
        common.merging([
          "kind": "contract", "clause": .string(clause),
          "dailyPercent": dailyPercent,
        ]) { a, _ in a })
    case .policy(let terms):
      return .object(
        common.merging([
          "kind": "policy", "lprPercent": .number(try terms.lpr.percentFigure()), "atBreach": .bool(terms.atBreach),
          "markupPercent": .number(((try? terms.markup.multiplied(by: ExactDecimal(100))) ?? terms.markup).normalized),
          "lprDate": date(terms.lprDate),
        ]) { a, _ in a })
    }
  }

  /// An invoice's credit notes, oldest first, as a row names them: number, date and amount.
  static func credits(_ notes: [CreditNote]) -> TemplateValue {
    .array(
      notes.sorted { ($0.issuedOn, $0.number) < ($1.issuedOn, $1.number) }.map {
        ["number": .string($0.number), "date": .string($0.issuedOn.iso), "amount": money($0.amount)]
      })
  }

  static func limitationRow(_ number: String, facts: LimitationFacts, paidOn: CivilDate?, credits: TemplateValue)
    -> TemplateValue
  {
    let (article, from, lastInvoice): (String, CivilDate, String?)
    switch facts.basis {
    case .dueDate(let d): (article, from, lastInvoice) = ("188", d, nil)
    case .lastInstallment(let d): (article, from, lastInvoice) = ("189", d, nil)
    case .lastInvoicedInstallment(let d, let invoice): (article, from, lastInvoice) = ("189", d, invoice)
    }
    return [
      "number": .string(number), "article": .string(article), "from": .string(from.iso),
      // The invoice due last under an installment contract whose terms date none: the period
      // runs from its due date, and the notice names it.
      "lastInvoice": lastInvoice.map { TemplateValue.string($0) } ?? .null,
      "runsFrom": .string(facts.runsFrom.iso), "expiresOn": .string(facts.expiresOn.iso),
      "daysLeft": .number(ExactDecimal(facts.daysLeft)), "expired": .bool(facts.expired), "paidOn": date(paidOn),
      "credits": credits,
      "interruptions": .array(
        facts.interruptions.map {
          ["date": .string($0.date.iso), "kind": .string($0.kind.rawValue), "evidence": .string($0.evidence)]
        }),
    ]
  }

  /// A period that has ended, or that ends within ``limitationMarginDays`` of the deadline.
  static func limitationAtRisk(_ facts: LimitationFacts, deadline: CivilDate) -> Bool {
    facts.expired || deadline.days(until: facts.expiresOn) <= limitationMarginDays
  }

  /// The warning for claims whose periods end on the same day (`facts` is one of them).
  static func limitationWarning(_ invoices: [String], facts: LimitationFacts, deadline: CivilDate) -> LetterWarning {
    let ends = facts.expiresOn
    let which =
      invoices.count == 1
      ? "the limitation period of invoice \(invoices[0])"
      : "the limitation periods of invoices \(invoices.joined(separator: ", "))"
    if facts.expired {
      return LetterWarning(
        .limitation,
        "\(which) ended on \(ends.iso), before this demand's date \(facts.asOf.iso): the demand does not interrupt \(invoices.count == 1 ? "it" : "them") and the customer may refuse to pay on that ground (民法典 第192条); the letter says so"
      )
    }
    let after = deadline.days(until: ends)
    let when =
      after < 0
      ? "before the payment deadline \(deadline.iso)"
      : after == 0 ? "on the payment deadline" : "\(after) days after the payment deadline \(deadline.iso)"
    return LetterWarning(
      .limitation,
      "\(which) \(invoices.count == 1 ? "ends" : "end") on \(ends.iso), \(when): the demand interrupts \(invoices.count == 1 ? "it" : "them") only if it reaches the customer by that day; serve it at once with proof of delivery, or file suit before \(ends.iso) (--deadline sets an earlier payment deadline)"
    )
  }

  /// Contracts, the claimed invoices with their delivery receipts, the payments that fix the
  /// periods of interest, stamped confirmations of the payment owner, and the documents of the
  /// register that stand.
  func evidence(_ account: Account, claims: [InvoiceStatus], receivables: Receivables, request: LetterRequest)
    -> [TemplateValue]
  {
    var evidence: [TemplateValue] = []
    for contract in ledger.contracts
    where contract.customer == request.customer && contract.currency == account.currency {
      evidence.append([
        "kind": "contract", "id": .string(contract.id), "date": Self.date(contract.signedOn),
        "text": .string(contract.project),
      ])
    }
    let payments = Dictionary(ledger.payments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var listedPayments: Set<String> = []
    for status in claims {
      evidence.append([
        "kind": "invoice", "id": .string(status.invoice.number), "date": .string(status.invoice.issuedOn.iso),
        "text": Self.money(status.invoice.amount),
      ])
      if !status.invoice.deliveryReceipt.isEmpty {
        evidence.append([
          "kind": "receipt", "id": .string(status.invoice.deliveryReceipt), "date": .null,
          "text": .string(status.invoice.number),
        ])
      }
      // A credit note lowers the claim and marks a period's end: the court sees it too.
      for credit in receivables.creditsByInvoice[status.invoice.number] ?? [] where credit.issuedOn <= request.date {
        evidence.append([
          "kind": "credit", "id": .string(credit.number), "date": .string(credit.issuedOn.iso),
          "text": Self.money(credit.amount), "invoice": .string(status.invoice.number),
        ])
      }
      for allocation in receivables.allocations(toInvoice: status.invoice.number)
      where allocation.effectiveOn > status.invoice.dueOn {
        guard let payment = payments[allocation.payment], listedPayments.insert(payment.id).inserted else { continue }
        evidence.append([
          "kind": "payment", "id": .string(payment.id), "date": .string(payment.receivedOn.iso),
          "text": Self.money(payment.amount),
        ])
      }
    }
    if let customer = ledger.customer(request.customer) {
      for contact in customer.contacts {
        if let c = contact.paymentOwnerConfirmation, c.method == .stampedLetter, c.confirmedOn <= request.date {
          evidence.append([
            "kind": "stamped", "id": .string(c.evidence.isEmpty ? contact.name : c.evidence),
            "date": .string(c.confirmedOn.iso), "text": .string(contact.name),
          ])
        }
      }
    }
    // The stamped replies: the customer's own acknowledgment of the balance, on the document
    // they stamped: the letter, or the second notice that asked about it again (`of`: the letter).
    // A stamped reconciliation statement is cited as the statement, not as a stamp on the letter
    // the customer had disputed.
    for reply in agreedReplies(currency: account.currency) where reply.receivedOn <= request.date {
      evidence.append([
        "kind": isStatement(reply.notice) ? "reconciled" : "acknowledged", "id": .string(reply.notice ?? reply.letter),
        "date": .string(reply.receivedOn.iso), "text": Self.money(reply.ourBalance),
        "of": reply.notice == nil ? .null : .string(reply.letter),
      ])
    }
    // A statement the customer stamped is cited above, with its stamp.
    let stamped = Set(
      agreedReplies(currency: account.currency).filter { $0.receivedOn <= request.date && isStatement($0.notice) }
        .compactMap(\.notice))
    for entry in registerDocuments(account, request: request)
    where !Self.recordedLate(entry) && !stamped.contains(entry.number) {
      let kind: String
      if Self.isDemand(entry) {
        kind = "demand"
      } else {
        switch entry.kind {
        case .installmentProposal: kind = "proposal"
        case .reconciliation: kind = "reconciliation"
        case .confirmation: kind = "confirmation"
        case .dunning, .penaltyNotice: kind = "demand"
        }
      }
      evidence.append([
        "kind": .string(kind), "id": .string(entry.number), "date": .string(entry.documentDate.iso),
        "text": .string(entry.kind.rawValue),
      ])
    }
    return evidence
  }

  /// The account's own documents that stand, dated by the demand's: another currency's
  /// letters are about another debt (a number reserved for a document written by hand
  /// records no currency, and is kept).
  func registerDocuments(_ account: Account, request: LetterRequest) -> [RegisterEntry] {
    history.filter { entry in
      entry.customer == request.customer && (entry.currency == account.currency || entry.currency.isEmpty)
        && entry.documentDate <= request.date && entry.status == .issued
    }
  }
}
