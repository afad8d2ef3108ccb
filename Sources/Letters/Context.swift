import Basics
import Ledger
import LedgerStore
import Templating

/// The template context: the same names for every kind, plus each kind's own.
extension LetterFactory {
  static func money(_ value: ExactDecimal) -> TemplateValue { .number(value.rounded(scale: 2).withTwoPlaces) }
  static func date(_ value: CivilDate?) -> TemplateValue { value.map { .string($0.iso) } ?? .null }

  func baseContext(
    _ request: LetterRequest, customer: Customer, owner: Contact, confirmation: PaymentOwnerConfirmation,
    account: Account
  ) -> [String: TemplateValue] {
    let issuer = ledger.issuer
    var rows: [TemplateValue] = account.openInvoices.sorted {
      ($0.invoice.issuedOn, $0.invoice.number) < ($1.invoice.issuedOn, $1.invoice.number)
    }.map { status in
      [
        "number": .string(status.invoice.number), "contract": .string(status.invoice.contract),
        "issuedOn": .string(status.invoice.issuedOn.iso), "dueOn": .string(status.invoice.dueOn.iso),
        "amount": Self.money(status.invoice.amount), "credited": Self.money(status.credited),
        "paid": Self.money(status.paid), "open": Self.money(status.open),
        "daysOverdue": .number(ExactDecimal(status.daysOverdue)), "overdue": .bool(status.daysOverdue > 0),
        "deliveryReceipt": .string(status.invoice.deliveryReceipt),
      ]
    }
    _ = rows
    rows = rows.isEmpty ? [] : rows
    let replyBy = request.date.adding(days: policy.replyDays)
    let payBy = request.date.adding(days: policy.paymentDeadlineDays)
    let meta: [TemplateValue] = [
      ["name": "ardoc:kind", "content": .string(request.kind.rawValue)],
      ["name": "ardoc:customer", "content": .string(customer.id)],
      ["name": "ardoc:date", "content": .string(request.date.iso)],
      ["name": "ardoc:as-of", "content": .string(request.asOf.iso)],
      ["name": "ardoc:currency", "content": .string(account.currency)],
      ["name": "ardoc:balance", "content": Self.money(account.balance)],
      ["name": "ardoc:payment-owner", "content": .string(owner.name)],
      ["name": "ardoc:locale", "content": .string(request.locale)],
    ]
    return [
      "doc": [
        "kind": .string(request.kind.rawValue), "date": .string(request.date.iso), "asOf": .string(request.asOf.iso),
        "currency": .string(account.currency), "locale": .string(request.locale), "meta": .array(meta),
        "zh": .bool(request.locale == "zh-CN"),
        "moneyStyle": .string(request.locale == "zh-CN" ? "symbol" : "code"),
      ],
      "issuer": [
        "name": .string(issuer.name), "taxId": .string(issuer.taxId), "address": .string(issuer.address),
        "phone": .string(issuer.phone),
        "bank": [
          "name": .string(issuer.bank.name), "account": .string(issuer.bank.account),
          "accountName": .string(issuer.bank.accountName.isEmpty ? issuer.name : issuer.bank.accountName),
        ],
        "contact": [
          "name": .string(issuer.contact.name), "title": .string(issuer.contact.title),
          "phone": .string(issuer.contact.phone), "email": .string(issuer.contact.email),
        ],
        "legal": issuer.legal.map { legal -> TemplateValue in
          ["firm": .string(legal.firm), "lawyer": .string(legal.lawyer), "license": .string(legal.license)]
        } ?? .null,
      ],
      "customer": [
        "id": .string(customer.id), "name": .string(customer.name), "taxId": .string(customer.taxId),
        "address": .string(customer.address), "nonMalicious": .bool(customer.nonMalicious),
      ],
      "owner": [
        "name": .string(owner.name), "title": .string(owner.title), "phone": .string(owner.phone),
        "email": .string(owner.email), "address": .string(owner.address.isEmpty ? customer.address : owner.address),
        "confirmedOn": .string(confirmation.confirmedOn.iso), "method": .string(confirmation.method.rawValue),
      ],
      "account": [
        "currency": .string(account.currency), "balance": Self.money(account.balance),
        "credit": Self.money(account.unappliedCredit), "hasCredit": .bool(!account.unappliedCredit.isZero),
        "negativeCredit": Self.money(account.unappliedCredit.negated),
        // A credit balance: the customer has paid more than is invoiced, so we owe it.
        "isCredit": .bool(account.balance.isNegative), "owedToCustomer": Self.money(account.balance.magnitude),
        "overdue": Self.money(account.overdueAmount), "maxDaysOverdue": .number(ExactDecimal(account.maxDaysOverdue)),
        "rows": .array(rows),
        "overdueCount": .number(ExactDecimal(account.openInvoices.filter { $0.daysOverdue > 0 }.count)),
      ],
      "terms": [
        "replyDays": .number(ExactDecimal(policy.replyDays)), "replyBy": .string(replyBy.iso),
        "paymentDeadlineDays": .number(ExactDecimal(policy.paymentDeadlineDays)), "payBy": .string(payBy.iso),
      ],
    ]
  }

  /// Level 1 may offer the policy's early-payment discount on the overdue amount.
  func discount(level: Int, account: Account, request: LetterRequest) -> TemplateValue {
    guard level == 1, policy.earlyPaymentDiscount > .zero else { return .null }
    let raw = (try? account.overdueAmount.multiplied(by: policy.earlyPaymentDiscount)) ?? .zero
    let amount = raw.rounded(scale: 2)
    return [
      "rate": .number(policy.earlyPaymentDiscount), "amount": Self.money(amount),
      "net": Self.money(account.overdueAmount.minus(amount)),
      "payBy": .string(request.date.adding(days: policy.paymentDeadlineDays).iso),
    ]
  }

  func plan(_ request: LetterRequest, account: Account) throws(LetterRefusal) -> TemplateValue {
    guard account.balance > .zero else {
      throw LetterRefusal(
        customer: request.customer,
        "the balance is \(account.balance.formatted(places: 2)); there is nothing to split into installments")
    }
    let options = request.installments ?? InstallmentOptions(count: 3)
    let start = options.start ?? request.date.adding(days: policy.paymentDeadlineDays)
    // An installment due before the proposal is even dated would be overdue on signing, and
    // its acceleration clause would make the whole debt due at once.
    guard start > request.date else {
      throw LetterRefusal(
        customer: request.customer,
        "--start \(start.iso) is not after the proposal's date \(request.date.iso); the first installment must fall after it (default: \(policy.paymentDeadlineDays) days after)"
      )
    }
    let schedule: InstallmentPlan.Schedule
    if options.every == "month" {
      schedule = .monthly(start: start)
    } else if let days = Int(options.every), days > 0 {
      schedule = .everyDays(start: start, days: days)
    } else {
      throw LetterRefusal(customer: request.customer, "--every '\(options.every)': use month or a number of days")
    }
    let installments: [Installment]
    do {
      installments = try InstallmentPlan.make(
        total: account.balance, count: options.count, firstPercent: options.firstPercent, schedule: schedule)
    } catch {
      throw LetterRefusal(customer: request.customer, error.description)
    }
    return [
      "total": Self.money(account.balance), "count": .number(ExactDecimal(options.count)),
      "firstPercent": options.firstPercent.map { TemplateValue.number($0) } ?? .null,
      "last": .string(installments.last?.dueOn.iso ?? start.iso),
      "installments": .array(
        installments.map {
          ["number": .number(ExactDecimal($0.number)), "dueOn": .string($0.dueOn.iso), "amount": Self.money($0.amount)]
        }),
    ]
  }

  /// Stage results achieved so far: what was paid and which milestones were accepted.
  func achieved(account: Account, customer: String, asOf: CivilDate) -> TemplateValue {
    let paid = account.invoices.reduce(ExactDecimal.zero) { $0.plus($1.paid) }
    let invoiced = account.invoices.reduce(ExactDecimal.zero) { $0.plus($1.invoice.amount) }
    let accepted: [TemplateValue] = ledger.contracts.filter {
      $0.customer == customer && $0.currency == account.currency
    }
    .compactMap { contract in
      guard let on = contract.acceptance?.acceptedOn, on <= asOf else { return nil }
      return ["contract": .string(contract.id), "project": .string(contract.project), "acceptedOn": .string(on.iso)]
    }
    return [
      "invoiced": Self.money(invoiced), "paid": Self.money(paid), "accepted": .array(accepted),
    ]
  }

  struct Demand {
    let context: [String: TemplateValue]
    let total: ExactDecimal
  }

  /// Principal and interest per invoice, the evidence list and the limitation facts.
  func legalDemand(account: Account, receivables: Receivables, request: LetterRequest) -> Demand {
    let lines = receivables.lateInterest(account, ledger: ledger, policy: policy)
    let byInvoice = Dictionary(lines.map { ($0.invoice, $0) }, uniquingKeysWith: { a, _ in a })
    let overdue = account.openInvoices.filter { $0.daysOverdue > 0 }.sorted {
      ($0.invoice.dueOn, $0.invoice.number) < ($1.invoice.dueOn, $1.invoice.number)
    }
    var principal = ExactDecimal.zero
    var interest = ExactDecimal.zero
    let contracts = Dictionary(ledger.contracts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var demandRows: [TemplateValue] = []
    var limitationRows: [TemplateValue] = []
    // A demand interrupts only periods still running (第195条); one that has run out is not
    // revived by it, and the notice must not say so (第192条 says what then still counts).
    var anyRunning = false
    var anyExpired = false
    for status in overdue {
      let line = byInvoice[status.invoice.number]
      principal = principal.plus(status.open)
      interest = interest.plus(line?.interest ?? .zero)
      demandRows.append([
        "number": .string(status.invoice.number), "contract": .string(status.invoice.contract),
        "dueOn": .string(status.invoice.dueOn.iso), "principal": Self.money(status.open),
        "days": .number(ExactDecimal(line?.days ?? 0)),
        "rate": line.map { TemplateValue.number($0.annualRate) } ?? .null,
        "basis": .string(line?.basis.rawValue ?? policy.interest.basis.rawValue),
        "interest": Self.money(line?.interest ?? .zero),
        "total": Self.money(status.open.plus(line?.interest ?? .zero)),
      ])
      var interruptions = Limitation.paymentInterruptions(for: status.invoice.number, in: receivables)
      interruptions += history.filter { $0.customer == request.customer && $0.asOf >= status.invoice.dueOn }
        .filter {
          ($0.status == .issued || $0.status == .superseded)
            && ($0.kind == "dunning" || $0.kind == "penalty-notice" || $0.detail == "collect")
        }
        .map { Interruption(date: $0.documentDate, kind: .demand, evidence: $0.number) }
      let facts = Limitation.facts(
        for: status.invoice, contract: contracts[status.invoice.contract], interruptions: interruptions,
        asOf: request.date)
      let basis: String
      let from: CivilDate
      switch facts.basis {
      case .dueDate(let d):
        basis = "188"
        from = d
      case .lastInstallment(let d):
        basis = "189"
        from = d
      }
      if facts.expired { anyExpired = true } else { anyRunning = true }
      limitationRows.append([
        "number": .string(status.invoice.number), "article": .string(basis), "from": .string(from.iso),
        "runsFrom": .string(facts.runsFrom.iso), "expiresOn": .string(facts.expiresOn.iso),
        "daysLeft": .number(ExactDecimal(facts.daysLeft)), "expired": .bool(facts.expired),
        "interruptions": .array(
          facts.interruptions.map {
            ["date": .string($0.date.iso), "kind": .string($0.kind.rawValue), "evidence": .string($0.evidence)]
          }),
      ])
    }
    let total = principal.plus(interest)
    let rates = Set(lines.map { "\($0.annualRate.normalized)|\($0.basis.rawValue)" })
    var evidence: [TemplateValue] = []
    let customerContracts = ledger.contracts.filter {
      $0.customer == request.customer && $0.currency == account.currency
    }
    for contract in customerContracts {
      evidence.append([
        "kind": "contract", "id": .string(contract.id), "date": Self.date(contract.signedOn),
        "text": .string(contract.project),
      ])
    }
    for status in overdue {
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
    for entry in history
    where entry.customer == request.customer && entry.documentDate <= request.date
      && (entry.status == .issued || entry.status == .superseded)
    {
      let kind = entry.kind == "confirmation" ? "confirmation" : "demand"
      evidence.append([
        "kind": .string(kind), "id": .string(entry.number), "date": .string(entry.documentDate.iso),
        "text": .string(entry.kind),
      ])
    }
    return Demand(
      context: [
        "demand": [
          "rows": .array(demandRows), "principal": Self.money(principal), "interest": Self.money(interest),
          "total": Self.money(total), "singleRate": .bool(rates.count == 1),
          "rate": lines.first.map { TemplateValue.number($0.annualRate) } ?? .number(policy.interest.annualRate),
          "basis": .string(lines.first?.basis.rawValue ?? policy.interest.basis.rawValue),
          "policyRate": [
            "lpr": .number(policy.interest.lpr), "markup": .number(policy.interest.markup),
          ],
          "evidence": .array(evidence), "limitation": .array(limitationRows),
          "limitationRunning": .bool(anyRunning), "limitationExpired": .bool(anyExpired),
        ]
      ], total: total)
  }
}

extension ExactDecimal {
  /// The value written with exactly two decimal places (amounts in documents).
  var withTwoPlaces: ExactDecimal { (try? withScale(atLeast: 2)) ?? self }
}
