import Basics
import Ledger
import Templating
import Vocabulary

/// What a dunning letter or penalty notice may say about the past, and when a notice may be
/// sent at all: the customer's earlier demands from the register, and the policy's thresholds.
extension LetterFactory {
  /// Whether a register entry asked the customer to pay: a dunning letter, a penalty notice,
  /// or a confirmation with a payment request (`--collect`). A proposal offers terms; a plain
  /// confirmation asks for the balance to be confirmed.
  static func isDemand(_ entry: RegisterEntry) -> Bool {
    entry.kind == .dunning || entry.kind == .penaltyNotice
      || (entry.kind == .confirmation && entry.detail == LetterRequest.collectDetail)
  }

  /// The customer's earlier demands for the amounts an account's notice is about that stand in
  /// the register, oldest first: in the account's currency, dated before `date` and after
  /// `since` (the earliest due date of what is overdue: a demand made before any of it fell
  /// due did not ask for it). A superseded document was replaced by its reissue, and one
  /// written invalid was refused by the validator: neither counts as a demand made.
  func priorDemands(customer: String, currency: String, since: CivilDate?, before date: CivilDate) -> [RegisterEntry] {
    history.filter { entry in
      entry.customer == customer && entry.currency == currency && entry.status == .issued && Self.isDemand(entry)
        && entry.documentDate < date && since.map { entry.documentDate > $0 } ?? true
    }
    .sorted {
      $0.documentDate != $1.documentDate
        ? $0.documentDate < $1.documentDate : NumberOrder.precedes($0.number, $1.number)
    }
  }

  /// The earlier demands for what is overdue on `account` (``priorDemands(customer:currency:since:before:)``
  /// from the earliest due date of an overdue invoice), as the `priorDemands` a dunning letter
  /// or penalty notice may cite: number, date, kind and detail of each.
  func priorDemands(_ account: Account, customer: String, before date: CivilDate) -> TemplateValue {
    let since = account.invoices.filter { $0.daysOverdue > 0 && $0.open > .zero }.map(\.invoice.dueOn).min()
    return .array(
      priorDemands(customer: customer, currency: account.currency, since: since, before: date).map(Self.priorDemand))
  }

  static func priorDemand(_ entry: RegisterEntry) -> TemplateValue {
    [
      "number": .string(entry.number), "date": .string(entry.documentDate.iso), "kind": .string(entry.kind.rawValue),
      "detail": entry.detail.map { TemplateValue.string($0) } ?? .null,
    ]
  }

  /// The policy's threshold for a measure: `legal` for a legal demand, `penalty` for the
  /// others. Below it the notice is refused, unless the request says `despiteThreshold`; then
  /// it is issued with a warning that says so.
  func thresholdCheck(_ request: LetterRequest, measure: PenaltyMeasure, account: Account) throws(LetterRefusal)
    -> LetterWarning?
  {
    let (name, threshold) = measure == .legalDemand ? ("legal", policy.legal) : ("penalty", policy.penalty)
    let days = account.maxDaysOverdue
    // Money the customer has paid but that is not applied to an invoice reduces what it owes.
    let overdue = try exact(request.customer) { () throws(DecimalError) in
      try account.overdueAmount.subtracting(account.unappliedCredit)
    }
    // A minimum set in other currencies only cannot be compared: ardoc converts no currency.
    let minimum = threshold.minAmount.minimum(in: account.currency)
    let amountShort = minimum.map { overdue < $0 } ?? true
    guard days < threshold.daysOverdue || amountShort else { return nil }
    let what = measure == .legalDemand ? "a legal demand" : "a \(measure.rawValue) notice"
    let needed: String
    let amountNote: String
    if let minimum {
      needed = "\(minimum.formatted(places: 2)) \(account.currency)"
      amountNote = amountShort ? " (short of \(needed))" : ""
    } else {
      needed = threshold.minAmount.description
      amountNote =
        " (the policy sets the amount in \(threshold.minAmount.byCurrency.keys.sorted().joined(separator: " and ")) only, and ardoc converts no currency: add \(account.currency) to \(name).minAmount, or compare it yourself)"
    }
    let facts =
      "\(what) needs the policy's \(name) threshold, \(threshold.daysOverdue) days and \(needed) overdue; on \(request.asOf.iso) the oldest overdue invoice is \(days) days overdue\(days < threshold.daysOverdue ? " (short of \(threshold.daysOverdue))" : "") and \(overdue.formatted(places: 2)) \(account.currency) is overdue\(amountNote)"
    guard request.despiteThreshold else {
      // A minimum the policy sets in other currencies only is not reached by waiting.
      let advice = minimum == nil ? "" : "wait until it is reached, or "
      throw LetterRefusal(
        customer: request.customer,
        "\(facts); \(advice)pass --despite-threshold to issue it anyway (the register records that)")
    }
    return LetterWarning(.threshold, "issued with --despite-threshold: \(facts)")
  }
}
