import Basics

extension Policy {
  /// The dunning level for an account, or nil when nothing may be chased yet.
  ///
  /// Only invoices past their contract's `dunningStart` count (days overdue and the
  /// contract's overdue amount); the level is the highest whose days and minimum amount the
  /// countable invoices reach, in the account's currency.
  public func dunningLevel(for account: Account, ledger: Ledger) throws(DecimalError) -> Int? {
    let contracts = Dictionary(ledger.contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var overdueByContract: [String: ExactDecimal] = [:]
    for status in account.invoices where status.daysOverdue > 0 && !status.open.isZero {
      overdueByContract[status.invoice.contract] = try (overdueByContract[status.invoice.contract] ?? .zero).adding(
        status.open)
    }
    let countable = account.invoices.filter { status in
      guard status.daysOverdue > 0, status.open > .zero else { return false }
      guard let start = contracts[status.invoice.contract]?.dunningStart else { return true }
      return status.daysOverdue >= start.daysOverdue
        && (overdueByContract[status.invoice.contract] ?? .zero) >= start.minAmount
    }
    guard !countable.isEmpty else { return nil }
    let days = countable.map(\.daysOverdue).max() ?? 0
    let amount = try ExactDecimal.sum(countable.map(\.open)).subtracting(account.unappliedCredit)
    guard amount > .zero else { return nil }
    // A level whose minimum the policy sets in other currencies only is not reached: the
    // amount cannot be compared (``PolicyAmount``).
    return dunningLevels.filter { level in
      guard days >= level.daysOverdue, let minimum = level.minAmount.minimum(in: account.currency) else { return false }
      return amount >= minimum
    }.map(\.level).max()
  }
}
