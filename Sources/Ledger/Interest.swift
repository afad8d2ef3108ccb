import Basics

/// Late interest on one invoice, computed day by day on its falling principal.
public struct InterestLine: Sendable, Equatable {
  public let invoice: String
  public let dueOn: CivilDate
  public let asOf: CivilDate
  public let annualRate: ExactDecimal
  public let basis: DayCountBasis
  /// Σ open(d) over the overdue days d: the principal-days the interest is charged on.
  public let principalDays: ExactDecimal
  /// Rounded half away from zero to 0.01.
  public let interest: ExactDecimal
  /// Days from dueOn+1 through the as-of date.
  public let days: Int
  /// Open principal at the as-of date.
  public let principal: ExactDecimal
}

extension Receivables {
  /// Late interest per invoice of an account, to the as-of date (DESIGN section 4):
  /// for each day d from dueOn+1 through the as-of date, open(d) × rate / 365 (or 360),
  /// where open(d) counts only credits and allocations effective on or before d. The rate
  /// is the contract's `lateInterest`, else the policy's LPR × (1 + markup). Each line is
  /// rounded half away from zero to 0.01; the total is the sum of the rounded lines.
  /// Interest accrued before a later payment is kept.
  public func lateInterest(_ account: Account, ledger: Ledger, policy: Policy) -> [InterestLine] {
    let contracts = Dictionary(ledger.contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var byInvoice: [String: [Allocation]] = [:]
    for allocation in allocations { byInvoice[allocation.invoice, default: []].append(allocation) }
    return account.invoices.compactMap { status in
      let invoice = status.invoice
      guard invoice.dueOn < asOf else { return nil }
      let terms = contracts[invoice.contract]?.lateInterest
      let rate = terms?.annualRate ?? policy.interest.annualRate
      let basis = terms?.basis ?? policy.interest.basis
      let start = invoice.dueOn.adding(days: 1)
      let days = start.days(until: asOf) + 1
      // Σ open(d) = amount × days − Σ over reductions of amount × (days the reduction applies).
      var principalDays = (try? invoice.amount.multiplied(by: ExactDecimal(days))) ?? .zero
      var reductions: [(CivilDate, ExactDecimal)] = (creditsByInvoice[invoice.number] ?? []).map {
        ($0.issuedOn, $0.amount)
      }
      reductions += (byInvoice[invoice.number] ?? []).map { ($0.effectiveOn, $0.amount) }
      for (effective, amount) in reductions {
        let from = max(effective, start)
        guard from <= asOf else { continue }
        let applies = from.days(until: asOf) + 1
        principalDays = principalDays.minus((try? amount.multiplied(by: ExactDecimal(applies))) ?? .zero)
      }
      let numerator = (try? principalDays.multiplied(by: rate)) ?? .zero
      let interest = (try? numerator.divided(by: ExactDecimal(basis.daysInYear), scale: 2)) ?? .zero
      return InterestLine(
        invoice: invoice.number, dueOn: invoice.dueOn, asOf: asOf, annualRate: rate, basis: basis,
        principalDays: principalDays, interest: interest, days: days, principal: status.open)
    }
  }
}
