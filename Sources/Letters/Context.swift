import Basics
import Ledger
import Templating
import Vocabulary

/// The template context: the same names for every kind, plus each kind's own.
extension LetterFactory {
  /// Decimal arithmetic on a letter's figures. Import bounds every amount, so this fails only
  /// for figures built beyond that bound; the letter is then refused, never computed with a
  /// silently wrong figure.
  func exact<T>(_ customer: String, _ body: () throws(DecimalError) -> T) throws(LetterRefusal) -> T {
    do {
      return try body()
    } catch {
      throw LetterRefusal(
        customer: customer, "the figures are too large to compute exactly (\(error)); check the ledger's amounts")
    }
  }

  static func money(_ value: ExactDecimal) -> TemplateValue { .number(value.rounded(scale: 2).withTwoPlaces) }
  static func date(_ value: CivilDate?) -> TemplateValue { value.map { .string($0.iso) } ?? .null }

  func baseContext(
    _ request: LetterRequest, customer: Customer, owner: Contact, confirmation: PaymentOwnerConfirmation,
    account: Account
  ) -> TemplateMembers {
    let issuer = ledger.issuer
    let rows: [TemplateValue] = account.openInvoices.sorted {
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
    let replyBy = request.date.adding(days: policy.replyDays)
    let payBy = request.paymentDeadline(policy)
    let meta: [TemplateValue] = [
      ["name": .string(MetaName.kind.rawValue), "content": .string(request.kind.rawValue)],
      ["name": .string(MetaName.customer.rawValue), "content": .string(customer.id)],
      ["name": .string(MetaName.date.rawValue), "content": .string(request.date.iso)],
      ["name": .string(MetaName.asOf.rawValue), "content": .string(request.asOf.iso)],
      ["name": .string(MetaName.currency.rawValue), "content": .string(account.currency)],
      ["name": .string(MetaName.balance.rawValue), "content": Self.money(account.balance)],
      ["name": .string(MetaName.paymentOwner.rawValue), "content": .string(owner.name)],
      ["name": .string(MetaName.locale.rawValue), "content": .string(request.locale)],
    ]
    let zh = request.locale == DocumentLocale.zhCN.rawValue
    return [
      "doc": [
        "kind": .string(request.kind.rawValue), "date": .string(request.date.iso), "asOf": .string(request.asOf.iso),
        "currency": .string(account.currency), "locale": .string(request.locale), "meta": .array(meta),
        "zh": .bool(zh),
        "moneyStyle": .string(zh ? "symbol" : "code"),
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
  func discount(level: Int, account: Account, request: LetterRequest) throws(LetterRefusal) -> TemplateValue {
    guard level == 1, policy.earlyPaymentDiscount > .zero else { return .null }
    let amount = try exact(request.customer) { () throws(DecimalError) in
      try account.overdueAmount.multiplied(by: policy.earlyPaymentDiscount).rounded(
        scale: CurrencyCode.places(account.currency))
    }
    let net = try exact(request.customer) { () throws(DecimalError) in try account.overdueAmount.subtracting(amount) }
    return [
      "rate": .number(policy.earlyPaymentDiscount), "amount": Self.money(amount),
      "net": Self.money(net),
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
    } else if let days = Int(options.every), (1...366).contains(days) {
      // At most a year apart: a plan of 120 installments then ends within the dates a letter
      // can state.
      schedule = .everyDays(start: start, days: days)
    } else {
      throw LetterRefusal(
        customer: request.customer, "--every '\(options.every)': use month or a number of days from 1 to 366")
    }
    let installments: [Installment]
    do {
      installments = try InstallmentPlan.make(
        total: account.balance, count: options.count, firstPercent: options.firstPercent, schedule: schedule,
        places: CurrencyCode.places(account.currency))
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

  /// Stage results achieved so far: what was invoiced, credited and paid (so that invoiced
  /// less credited less paid is the balance the plan splits: a payment not yet applied to an
  /// invoice is paid too), and which milestones were accepted.
  func achieved(account: Account, customer: String, asOf: CivilDate) throws(LetterRefusal) -> TemplateValue {
    let paid = try exact(customer) { () throws(DecimalError) in
      try ExactDecimal.sum(account.invoices.map(\.paid) + [account.unappliedCredit])
    }
    let credited = try exact(customer) { () throws(DecimalError) in
      try ExactDecimal.sum(account.invoices.map(\.credited))
    }
    let invoiced = try exact(customer) { () throws(DecimalError) in
      try ExactDecimal.sum(account.invoices.map(\.invoice.amount))
    }
    let accepted: [TemplateValue] = ledger.contracts.filter {
      $0.customer == customer && $0.currency == account.currency
    }
    .compactMap { contract in
      guard let on = contract.acceptance?.acceptedOn, on <= asOf else { return nil }
      return ["contract": .string(contract.id), "project": .string(contract.project), "acceptedOn": .string(on.iso)]
    }
    return [
      "invoiced": Self.money(invoiced), "credited": credited.isZero ? .null : Self.money(credited),
      "paid": Self.money(paid), "accepted": .array(accepted),
    ]
  }
}

extension ExactDecimal {
  /// The value written with exactly two decimal places (amounts in documents).
  var withTwoPlaces: ExactDecimal { (try? withScale(atLeast: 2)) ?? self }
}
