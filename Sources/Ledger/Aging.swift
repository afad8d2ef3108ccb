import Basics

/// One customer's open amounts in one currency, spread over the policy's aging buckets.
public struct AgingLine: Sendable, Equatable {
  public let customer: String
  public let currency: String
  public let balance: ExactDecimal
  /// Unapplied payment money, in the customer's favour (already deducted from the balance).
  public let credit: ExactDecimal
  /// Bucket label → open amount, in the policy's bucket order.
  public let buckets: [(label: String, amount: ExactDecimal)]
  public let maxDaysOverdue: Int

  public static func == (a: AgingLine, b: AgingLine) -> Bool {
    a.customer == b.customer && a.currency == b.currency && a.balance == b.balance && a.credit == b.credit
      && a.maxDaysOverdue == b.maxDaysOverdue && a.buckets.map(\.label) == b.buckets.map(\.label)
      && a.buckets.map(\.amount) == b.buckets.map(\.amount)
  }

  public func amount(inBucket label: String) -> ExactDecimal {
    buckets.first { $0.label == label }?.amount ?? .zero
  }
}

extension Receivables {
  /// The aging report: one line per customer and currency with any invoice or payment up
  /// to the as-of date, in ledger order.
  public func aging(_ policy: Policy) throws(DecimalError) -> [AgingLine] {
    var lines: [AgingLine] = []
    for account in accounts {
      var amounts = Dictionary(uniqueKeysWithValues: policy.agingBuckets.map { ($0.label, ExactDecimal.zero) })
      for status in account.invoices where !status.open.isZero {
        let label = policy.bucket(forDaysOverdue: status.daysOverdue)
        amounts[label] = try (amounts[label] ?? .zero).adding(status.open)
      }
      lines.append(
        AgingLine(
          customer: account.customer, currency: account.currency, balance: account.balance,
          credit: account.unappliedCredit,
          buckets: policy.agingBuckets.map { ($0.label, amounts[$0.label] ?? .zero) },
          maxDaysOverdue: account.maxDaysOverdue))
    }
    return lines
  }
}
