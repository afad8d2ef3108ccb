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

  /// How long after its stated date the register may record a document that is still cited as
  /// made on that date: a month's letters dated its last day and issued in a batch some days
  /// later stay within it, as a document may be dated up to
  /// ``LetterRequest/daysDatedAhead`` days ahead of the day it is made.
  static let daysRecordedAfterDate = LetterRequest.daysDatedAhead

  /// Whether the register recorded `entry` more than ``daysRecordedAfterDate`` days after the
  /// date it bears: a letter made today and dated months ago shows no demand made on that day,
  /// and a court shown its register entry would see so.
  static func recordedLate(_ entry: RegisterEntry) -> Bool {
    entry.recordedOn.map { entry.documentDate.days(until: $0) > daysRecordedAfterDate } ?? false
  }

  /// The customer's earlier demands for the amounts an account's notice is about that stand in
  /// the register, oldest first: in the account's currency, dated before `date` and after
  /// `since` (the earliest due date of what is overdue: a demand made before any of it fell
  /// due did not ask for it). A superseded document was replaced by its reissue, and one
  /// written invalid was refused by the validator: neither counts as a demand made. One the
  /// register recorded long after its date (``recordedLate(_:)``) is `late`, not `cited`.
  func priorDemands(customer: String, currency: String, since: CivilDate?, before date: CivilDate)
    -> (cited: [RegisterEntry], late: [RegisterEntry])
  {
    let found = history.filter { entry in
      entry.customer == customer && entry.currency == currency && entry.status == .issued && Self.isDemand(entry)
        && entry.documentDate < date && since.map { entry.documentDate > $0 } ?? true
    }
    .sorted {
      $0.documentDate != $1.documentDate
        ? $0.documentDate < $1.documentDate : NumberOrder.precedes($0.number, $1.number)
    }
    return (found.filter { !Self.recordedLate($0) }, found.filter(Self.recordedLate))
  }

  /// The earlier demands for what is overdue on `account` (``priorDemands(customer:currency:since:before:)``
  /// from the earliest due date of an overdue invoice), as the `priorDemands` a dunning letter
  /// or penalty notice may cite: number, date, kind and detail of each; and those left out as
  /// recorded late.
  func priorDemands(_ account: Account, customer: String, before date: CivilDate)
    -> (cited: TemplateValue, late: [RegisterEntry])
  {
    let since = account.invoices.filter { $0.daysOverdue > 0 && $0.open > .zero }.map(\.invoice.dueOn).min()
    let found = priorDemands(customer: customer, currency: account.currency, since: since, before: date)
    return (.array(found.cited.map(Self.priorDemand)), found.late)
  }

  /// The warning for earlier documents left out as recorded late, naming each, or nil; a legal
  /// demand (`evidence`) leaves them out of its evidence too.
  static func recordedLateWarning(_ entries: [RegisterEntry], evidence: Bool = false) -> LetterWarning? {
    var seen: Set<String> = []
    let ordered = entries.sorted { ($0.documentDate, $0.number) < ($1.documentDate, $1.number) }
    let named = ordered.filter { seen.insert($0.number).inserted }.compactMap { entry -> String? in
      guard let recorded = entry.recordedOn else { return nil }
      return
        "\(entry.number) (\(entry.kind.rawValue)\(entry.detail.map { " \($0)" } ?? ""), dated \(entry.documentDate.iso)) was recorded in the register on \(recorded.iso), \(entry.documentDate.days(until: recorded)) days after its date"
    }
    guard !named.isEmpty else { return nil }
    return LetterWarning(
      .recordedLate,
      "not cited as \(named.count == 1 ? "an earlier demand" : "earlier demands")\(evidence ? " or as evidence" : ""): \(named.joined(separator: "; ")); a document made more than \(daysRecordedAfterDate) days after the date it bears does not show it was sent on that date"
    )
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
