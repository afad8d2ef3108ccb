import Basics

/// A stretch of days over which an invoice's unpaid principal did not change.
public struct InterestPeriod: Sendable, Equatable {
  public let from: CivilDate
  /// The last day of the period, inclusive.
  public let to: CivilDate
  /// The principal unpaid on every day of the period.
  public let principal: ExactDecimal
  /// principal × days: the principal-days the period adds.
  public let principalDays: ExactDecimal
  /// The period's share of the invoice's rounded interest: the cumulative interest to its last
  /// day, rounded to the currency's smallest unit, less the same to the previous period's last
  /// day (see ``Receivables/lateInterest(_:ledger:policy:)``).
  public let interest: ExactDecimal

  public var days: Int { from.days(until: to) + 1 }
}

/// Where an invoice's interest rate comes from.
public enum InterestRateSource: Sendable, Equatable {
  /// The contract's `lateInterest`, with the clause the ledger names (may be empty).
  /// The contract's agreed rate; `daily` when it agrees a rate a day, which a demand quotes.
  case contract(id: String, clause: String, daily: ExactDecimal? = nil)
  /// The policy's default: one-year LPR × (1 + markup).
  case policy(Policy.DefaultInterest)
}

/// Late interest on one invoice, computed day by day on its falling principal.
public struct InterestLine: Sendable, Equatable {
  public let invoice: String
  public let dueOn: CivilDate
  public let asOf: CivilDate
  public let annualRate: ExactDecimal
  public let basis: DayCountBasis
  public let source: InterestRateSource
  /// Σ max(open(d), 0) over the overdue days d: the principal-days the interest is charged on.
  public let principalDays: ExactDecimal
  /// Rounded half away from zero to the currency's smallest unit, once for the invoice.
  public let interest: ExactDecimal
  /// Days from dueOn+1 through the as-of date.
  public let days: Int
  /// Open principal at the as-of date.
  public let principal: ExactDecimal
  /// The periods with principal owed (above zero), oldest first; their interests add up to
  /// `interest`.
  public let periods: [InterestPeriod]
  /// The day the customer's payments settled what the invoice owed (its amount less its credit
  /// notes), when that was after the due date.
  public let paidOn: CivilDate?

  /// Days on which principal was unpaid: all overdue days for an open invoice, those up to the
  /// payment in full for one paid late.
  public var interestDays: Int { periods.reduce(0) { $0 + $1.days } }
}

extension InvoiceStatus {
  /// Whether a legal demand claims this invoice: principal still owed past its due date, or
  /// late interest accrued on it (`line`), which is not lost when the principal is paid.
  public func isClaimed(_ line: InterestLine?) -> Bool {
    (daysOverdue > 0 && open > .zero) || (line?.interest ?? .zero) > .zero
  }
}

extension Receivables {
  /// Late interest per invoice of an account, to the as-of date (docs/design.md section 4):
  /// for each day d from dueOn+1 through the as-of date, owed(d) × rate / 365 (or 360),
  /// where owed(d) is open(d), which counts only credits and allocations effective on or
  /// before d, less the invoice's credit notes issued after d and by the as-of date: the part
  /// a credit note takes off was never owed, and a court allows no interest on it. The rate
  /// is the contract's `lateInterest`, else the policy's LPR × (1 + markup). Each line is
  /// rounded half away from zero to the currency's smallest unit (0.01, or 1 in a currency
  /// without a minor unit such as JPY: ``CurrencyCode/places(_:)``); the total is the sum of
  /// the rounded lines.
  /// Interest accrued before a later payment is kept: an invoice paid late has its line.
  ///
  /// open(d) is the allocation made on day d itself, from the invoices, payments and credit
  /// notes that existed that day (a payment naming an invoice not issued yet waits for it). A
  /// credit note dated after a payment that settled the invoice makes the payment's surplus
  /// go on to the next invoice from the credit note's day; it does not reach back and leave
  /// part of the settled invoice owing in the days between, as the allocation at the as-of
  /// date alone would: a demand would claim interest on money paid, and date the payment in
  /// full weeks after it was made.
  ///
  /// The days are grouped into periods of constant principal. A period's interest is the
  /// cumulative interest to its end, rounded, less the cumulative interest to the previous
  /// period's end, rounded: so the periods add up exactly to the invoice's once-rounded
  /// interest, none is negative, and each is within one unit (0.01) of principal × days ×
  /// rate / 365.
  ///
  /// Amounts below 10^16 (the import bound) cannot overflow here; the error is for values
  /// built in code beyond that bound.
  public func lateInterest(_ account: Account, ledger: Ledger, policy: Policy) throws(DecimalError) -> [InterestLine] {
    let contracts = Dictionary(ledger.contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let invoices = account.invoices.map(\.invoice)
    let payments = ledger.payments.filter {
      $0.customer == account.customer && $0.currency == account.currency && $0.receivedOn <= asOf
    }
    let changes = try Self.openChanges(invoices: invoices, payments: payments, credits: creditsByInvoice)
    var lines: [InterestLine] = []
    let places = CurrencyCode.places(account.currency)
    for status in account.invoices {
      let invoice = status.invoice
      guard invoice.dueOn < asOf else { continue }
      let contract = contracts[invoice.contract]
      let terms = contract?.lateInterest
      let start = invoice.dueOn.adding(days: 1)
      // The statutory rate of the day the breach began (the day after the invoice fell due).
      let statutory = policy.interest.inForce(breachingOn: start)
      let rate: ExactDecimal
      if let terms { rate = terms.annualRate } else { rate = try statutory.annualRate() }
      let basis = terms?.basis ?? policy.interest.basis
      let source: InterestRateSource =
        terms.map { .contract(id: invoice.contract, clause: $0.clause, daily: $0.dailyRate) }
        ?? .policy(statutory)
      let principals = try Self.principalsOwed(
        invoice, from: start, changes: changes[invoice.number] ?? [], credits: creditsByInvoice[invoice.number] ?? [])
      let periods = try Self.periods(principals, end: asOf, rate: rate, basis: basis, places: places)
      var principalDays = ExactDecimal.zero
      for period in periods { principalDays = try principalDays.adding(period.principalDays) }
      let interest = try principalDays.multiplied(by: rate).divided(by: ExactDecimal(basis.daysInYear), scale: places)
      // The day after the last day anything was owed: the day payments settled the invoice.
      let paidOn = status.open <= .zero ? periods.last.map { $0.to.adding(days: 1) } : nil
      lines.append(
        InterestLine(
          invoice: invoice.number, dueOn: invoice.dueOn, asOf: asOf, annualRate: rate, basis: basis, source: source,
          principalDays: principalDays, interest: interest, days: start.days(until: asOf) + 1,
          principal: status.open, periods: periods, paidOn: paidOn))
    }
    return lines
  }

  /// The principal owed on `invoice` from `start` (its first overdue day), then from each day it
  /// changes: its open amount on the day (`changes`) less the credit notes issued after that
  /// day. What a credit note takes off was never owed, so it earns no interest on any day, not
  /// only from the credit note's own day; interest runs on what was paid late or is unpaid.
  static func principalsOwed(
    _ invoice: Invoice, from start: CivilDate, changes: [(day: CivilDate, open: ExactDecimal)], credits: [CreditNote]
  ) throws(DecimalError) -> [(from: CivilDate, principal: ExactDecimal)] {
    var days = [start] + changes.map(\.day).filter { $0 > start } + credits.map(\.issuedOn).filter { $0 > start }
    days = Array(Set(days)).sorted()
    var principals: [(from: CivilDate, principal: ExactDecimal)] = []
    for day in days {
      var owed = changes.last { $0.day <= day }?.open ?? invoice.amount
      for credit in credits where credit.issuedOn > day { owed = try owed.subtracting(credit.amount) }
      if principals.last?.principal != owed { principals.append((day, owed)) }
    }
    return principals
  }

  /// Each invoice's open amount from each day it changes, the allocation made on each day
  /// from the invoices, payments and credit notes there were that day. A payment that names
  /// an invoice not issued yet waits for it (at the as-of date it goes to that invoice first):
  /// taken earlier by another invoice, it would leave that one owing again once the named
  /// invoice came. A day that brings payments, or invoices due after every invoice there is,
  /// continues the allocation (the payments come after every payment taken, the invoices after
  /// every invoice); a day with a credit note, a waiting payment or an invoice due earlier
  /// starts it again. So a customer's invoices and payments in their usual order cost one
  /// allocation, not one a day.
  static func openChanges(invoices: [Invoice], payments: [Payment], credits: [String: [CreditNote]])
    throws(DecimalError) -> [String: [(day: CivilDate, open: ExactDecimal)]]
  {
    let issuedOn = Dictionary(invoices.map { ($0.number, $0.issuedOn) }, uniquingKeysWith: min)
    func ready(_ payment: Payment) -> CivilDate {
      payment.appliesTo.compactMap { issuedOn[$0] }.reduce(payment.receivedOn, max)
    }
    let credits = invoices.flatMap { credits[$0.number] ?? [] }
    let ordered = payments.sorted { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }
    let issuedByDay = Dictionary(grouping: invoices, by: \.issuedOn)
    let restartDays = Set(credits.map(\.issuedOn) + ordered.filter { ready($0) > $0.receivedOn }.map(ready))
    let days = restartDays.union(ordered.map(\.receivedOn)).union(issuedByDay.keys).sorted()
    var changes: [String: [(day: CivilDate, open: ExactDecimal)]] = [:]
    var allocator: Receivables.Allocator?
    var taken = 0
    for day in days {
      // Invoices issued in order of their due dates (the common case) join the allocation as
      // it stands; one due earlier than an invoice it has starts it again.
      var continues = !restartDays.contains(day) && allocator != nil
      if continues, let new = issuedByDay[day] { continues = try allocator?.append(new) == true }
      if !continues {
        var fresh = try Allocator(
          invoices: invoices.filter { $0.issuedOn <= day },
          credits: Dictionary(grouping: credits.filter { $0.issuedOn <= day }, by: \.invoice))
        for payment in ordered where payment.receivedOn <= day && ready(payment) <= day { try fresh.pay(payment) }
        allocator = fresh
      } else {
        for payment in ordered[taken...] where payment.receivedOn == day && ready(payment) <= day {
          try allocator?.pay(payment)
        }
      }
      while taken < ordered.count, ordered[taken].receivedOn <= day { taken += 1 }
      for (number, open) in allocator?.result.remaining ?? [:] where changes[number]?.last?.open != open {
        changes[number, default: []].append((day, open))
      }
    }
    return changes
  }

  /// The periods of constant principal owed (above zero) through `end`, from `principals`
  /// (each the principal from its day on, the first day first), each with its cumulatively
  /// rounded share of the interest, rounded to `places` decimals.
  static func periods(
    _ principals: [(from: CivilDate, principal: ExactDecimal)], end: CivilDate, rate: ExactDecimal,
    basis: DayCountBasis, places: Int = 2
  ) throws(DecimalError) -> [InterestPeriod] {
    let year = ExactDecimal(basis.daysInYear)
    var periods: [InterestPeriod] = []
    var cumulative = ExactDecimal.zero
    var roundedSoFar = ExactDecimal.zero
    for (index, part) in principals.enumerated() where part.from <= end {
      // Interest runs only on principal owed: a customer in credit earns no negative interest.
      guard part.principal > .zero else { continue }
      let to = index + 1 < principals.count ? min(principals[index + 1].from.adding(days: -1), end) : end
      let days = ExactDecimal(part.from.days(until: to) + 1)
      let principalDays = try part.principal.multiplied(by: days)
      cumulative = try cumulative.adding(principalDays)
      let rounded = try cumulative.multiplied(by: rate).divided(by: year, scale: places)
      periods.append(
        InterestPeriod(
          from: part.from, to: to, principal: part.principal, principalDays: principalDays,
          interest: try rounded.subtracting(roundedSoFar)))
      roundedSoFar = rounded
    }
    return periods
  }
}
