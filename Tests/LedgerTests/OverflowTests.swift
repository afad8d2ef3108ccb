import Basics
import Ledger
import Testing

/// Money never falls back to a wrong figure: an operation beyond the 38 digits an amount holds
/// throws ``DecimalError/overflow``. Import keeps ledger amounts below 10^16, so only figures
/// built in code (or read from a hostile document) can reach it; these tests build them.
@Suite struct OverflowTests {
  /// Just below the largest significand an amount can hold (Int128.max is about 1.7 × 10^38).
  let huge = ExactDecimal(significand: Int128.max / 2 + 1, scale: 2)

  @Test func sumsThrowInsteadOfStopping() throws {
    #expect(throws: DecimalError.overflow) { try ExactDecimal.sum([huge, huge]) }
    #expect(throws: DecimalError.overflow) { try huge.adding(huge) }
    #expect(throws: DecimalError.overflow) {
      try huge.negated.subtracting(huge).subtracting(ExactDecimal(significand: 1, scale: 2))
    }
    #expect(try ExactDecimal.sum([huge, huge.negated]) == .zero)
  }

  @Test func receivablesOfOverflowingInvoicesThrow() {
    let ledger = smallLedger(
      contracts: [Contract(id: "K", customer: "K1", amount: huge)],
      invoices: [
        Invoice(number: "I1", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-02-01"), amount: huge),
        Invoice(number: "I2", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-02-01"), amount: huge),
      ])
    #expect(throws: DecimalError.overflow) { try Receivables(ledger, asOf: day("2026-03-01")) }
  }

  @Test func anInstallmentPlanTooLargeToSplitSaysSo() {
    #expect(throws: InstallmentPlan.Failure.tooLarge(huge)) {
      try InstallmentPlan.make(
        total: huge, count: 3, firstPercent: ExactDecimal(50), schedule: .monthly(start: day("2026-12-01")))
    }
  }

  @Test func aPolicyRateBuiltBeyondTheBoundThrows() {
    let rate = Policy.DefaultInterest(lpr: huge, markup: ExactDecimal(significand: 3, scale: 1), basis: .act365)
    #expect(throws: DecimalError.overflow) { try rate.annualRate() }
  }
}
