import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// A legal demand claims a contract's agreed rate as the contract states it, and warns when
/// that rate (a daily one × 365) is above four times the LPR the demand would otherwise apply:
/// a court may reduce it (民法典 第585条第2款).
@Suite struct AgreedRateTests {
  static let advice =
    "a court may reduce agreed damages excessively higher than the loss (民法典第585条第2款), and courts commonly cap late-payment damages at 4 × the one-year LPR; the demand claims the rate as the contract states it: claim it only after counsel's review, or correct lateInterest in the ledger if the contract states another rate"

  /// The example ledger with `contract` agreeing `terms`, and the example policy with `lpr`
  /// (no date) or `history`.
  func factory(
    _ contract: String, _ terms: InterestTerms, lpr: ExactDecimal? = nil,
    history: [(from: CivilDate, lpr: ExactDecimal)] = []
  ) throws -> LetterFactory {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let index = try #require(ledger.contracts.firstIndex { $0.id == contract })
    ledger.contracts[index].lateInterest = terms
    var policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let interest = policy.interest
    policy.interest = Policy.DefaultInterest(
      lpr: lpr ?? interest.lpr, markup: interest.markup, basis: interest.basis,
      lprDate: lpr == nil ? interest.lprDate : nil, history: history)
    return LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
  }

  func demand(_ customer: String, currency: String? = nil) -> LetterRequest {
    var request = LetterRequest(
      kind: .penaltyNotice, customer: customer, currency: currency, asOf: asOf, locale: "zh-CN",
      measure: .legalDemand)
    request.despiteThreshold = true
    return request
  }

  func warnings(_ factory: LetterFactory, _ customer: String, currency: String? = nil) throws -> [String] {
    try factory.prepare(demand(customer, currency: currency)).warnings.filter { $0.kind == .agreedRate }.map(
      \.description)
  }

  func daily(_ significand: Int128, scale: Int, clause: String = "第8.3条") throws -> InterestTerms {
    try InterestTerms(dailyRate: ExactDecimal(significand: significand, scale: scale), clause: clause)
  }

  func percent(_ significand: Int128, scale: Int) -> ExactDecimal {
    ExactDecimal(significand: significand, scale: scale)
  }

  /// 0.1% a day is 36.5% a year; the policy's LPR 3.1% × 4 is 12.4%. The demand still claims
  /// the rate as agreed.
  @Test func aDailyRateAboveFourTimesTheLPRIsWarnedAbout() throws {
    let factory = try factory("HT-2026-018", try daily(1, scale: 3), lpr: percent(310, scale: 4))
    #expect(
      try warnings(factory, "C001") == [
        "[agreed-rate] contract HT-2026-018 agrees late interest of 0.10% a day (第8.3条), that is 36.50% a year (the daily rate × 365), more than 12.40%, 4 × the policy's one-year LPR of 3.10%: \(Self.advice)"
      ])
    let text = try render(GoldenCase(name: "C001", request: demand("C001"), number: "TZ-1"), factory: factory)
    #expect(
      text.contains(
        #"合同 HT-2026-018：按日 <span data-field="daily-rate">0.10%</span> 计算，为合同第8.3条约定的逾期付款利率，即年利率 <span data-field="interest-rate">36.50%</span>（日利率 × 365，ACT/365）。"#
      ))
  }

  /// 日万分之四 is 14.6% a year: exactly 4 × an LPR of 3.65%, which a court would allow, but
  /// above 4 × 3.64% (14.56%).
  @Test func aDailyRateAtFourTimesTheLPRIsNotWarnedAbout() throws {
    #expect(try warnings(factory("HT-2026-018", try daily(4, scale: 4), lpr: percent(365, scale: 4)), "C001").isEmpty)
    #expect(
      try warnings(factory("HT-2026-018", try daily(4, scale: 4), lpr: percent(364, scale: 4)), "C001") == [
        "[agreed-rate] contract HT-2026-018 agrees late interest of 0.04% a day (第8.3条), that is 14.60% a year (the daily rate × 365), more than 14.56%, 4 × the policy's one-year LPR of 3.64%: \(Self.advice)"
      ])
  }

  /// A yearly rate is named as the contract states it: 99% a year, or 12.41% against 4 × 3.1%
  /// (12.4%), which 12.4% itself is not; the policy's LPR is cited with its date when it has one.
  @Test func aYearlyRateAboveFourTimesTheLPRIsWarnedAbout() throws {
    let lpr = percent(310, scale: 4)
    func yearly(_ rate: ExactDecimal, clause: String = "") -> InterestTerms {
      InterestTerms(annualRate: rate, basis: .act365, clause: clause)
    }
    #expect(
      try warnings(factory("HT-2026-018", yearly(percent(99, scale: 2), clause: "第8.3条"), lpr: lpr), "C001") == [
        "[agreed-rate] contract HT-2026-018 agrees late interest of 99.00% a year (第8.3条), more than 12.40%, 4 × the policy's one-year LPR of 3.10%: \(Self.advice)"
      ])
    #expect(try warnings(factory("HT-2026-018", yearly(percent(124, scale: 3)), lpr: lpr), "C001").isEmpty)
    #expect(
      try warnings(factory("HT-2026-018", yearly(percent(1241, scale: 4)), lpr: lpr), "C001") == [
        "[agreed-rate] contract HT-2026-018 agrees late interest of 12.41% a year, more than 12.40%, 4 × the policy's one-year LPR of 3.10%: \(Self.advice)"
      ])
    // The example policy: LPR 3.00% published 2025-11-20.
    #expect(
      try warnings(factory("HT-2026-018", yearly(percent(15, scale: 2))), "C001") == [
        "[agreed-rate] contract HT-2026-018 agrees late interest of 15.00% a year, more than 12.00%, 4 × the policy's one-year LPR of 3.00% (published 2025-11-20): \(Self.advice)"
      ])
    // The example's own agreed rates (4.65%, 4.5%) and the policy's rate warn of nothing.
    #expect(try warnings(exampleFactory(), "C011").isEmpty)
    #expect(try warnings(exampleFactory(), "C010").isEmpty)
  }

  /// With `lprHistory`, each claim is measured against the LPR in force when its breach began:
  /// 14.2% a year is 4 × 3.55% (0460 0002, breach 2023-06-21) and below 4 × 3.65% (0460 0001),
  /// but above 4 × 3.45% = 13.8% (0460 0003 and 0460 0004, breaches from 2023-09-21): one
  /// warning, naming those two.
  @Test func withTheLPRHistoryEachBreachIsMeasuredAgainstTheLPRInForce() throws {
    let history: [(from: CivilDate, lpr: ExactDecimal)] = [
      (day("2022-12-20"), percent(365, scale: 4)), (day("2023-06-20"), percent(355, scale: 4)),
      (day("2023-08-21"), percent(345, scale: 4)),
    ]
    let factory = try factory(
      "HT-2023-006", InterestTerms(annualRate: percent(142, scale: 3), basis: .act365, clause: "第7条"),
      history: history)
    #expect(
      try warnings(factory, "C010") == [
        "[agreed-rate] contract HT-2023-006 (invoices 0460 0003, 0460 0004) agrees late interest of 14.20% a year (第7条), more than 13.80%, 4 × the one-year LPR in force when their breaches began, 3.45% (published 2023-08-21): \(Self.advice)"
      ])
    // 日万分之五 (18.25% a year) is above every figure: one warning per LPR, each naming its
    // invoices.
    let all = try warnings(self.factory("HT-2023-006", try daily(5, scale: 4), history: history), "C010")
    #expect(
      all == [
        "[agreed-rate] contract HT-2023-006 (invoice 0460 0001) agrees late interest of 0.05% a day (第8.3条), that is 18.25% a year (the daily rate × 365), more than 14.60%, 4 × the one-year LPR in force when the breach began, 3.65% (published 2022-12-20): \(Self.advice)",
        "[agreed-rate] contract HT-2023-006 (invoice 0460 0002) agrees late interest of 0.05% a day (第8.3条), that is 18.25% a year (the daily rate × 365), more than 14.20%, 4 × the one-year LPR in force when the breach began, 3.55% (published 2023-06-20): \(Self.advice)",
        "[agreed-rate] contract HT-2023-006 (invoices 0460 0003, 0460 0004) agrees late interest of 0.05% a day (第8.3条), that is 18.25% a year (the daily rate × 365), more than 13.80%, 4 × the one-year LPR in force when their breaches began, 3.45% (published 2023-08-21): \(Self.advice)",
      ])
  }

  /// A claim at an agreed rate whose breach began before the history's first figure is not
  /// refused (the policy's rate is not applied to it); it is measured against that first
  /// figure, and the warning says the figure came later.
  @Test func aBreachBeforeTheHistoryIsMeasuredAgainstItsFirstFigure() throws {
    let history: [(from: CivilDate, lpr: ExactDecimal)] = [
      (day("2023-06-20"), percent(355, scale: 4)), (day("2023-08-21"), percent(345, scale: 4)),
    ]
    let factory = try factory("HT-2023-006", try daily(5, scale: 4), history: history)
    let found = try warnings(factory, "C010")
    #expect(found.count == 3)
    #expect(
      found.first
        == "[agreed-rate] contract HT-2023-006 (invoice 0460 0001) agrees late interest of 0.05% a day (第8.3条), that is 18.25% a year (the daily rate × 365), more than 14.20%, 4 × the one-year LPR of 3.55% (published 2023-06-20, the first figure of the policy's lprHistory, after the breach began on 2023-03-21): \(Self.advice)"
    )
  }

  /// A dollar debt is measured against the same LPR, the only benchmark the policy gives, and
  /// the warning says it is a renminbi rate: 15% a year against 4 × 3.00%.
  @Test func aDebtInAnotherCurrencyIsMeasuredAgainstTheLPRAndSaysSo() throws {
    let factory = try factory(
      "HT-2026-028", InterestTerms(annualRate: percent(15, scale: 2), basis: .act360, clause: "clause 6"))
    #expect(
      try warnings(factory, "C007", currency: "USD") == [
        "[agreed-rate] contract HT-2026-028 agrees late interest of 15.00% a year (clause 6), more than 12.00%, 4 × the policy's one-year LPR of 3.00% (published 2025-11-20): \(Self.advice); the LPR is a renminbi rate, and a court may measure the loss on a USD debt otherwise"
      ])
  }
}
