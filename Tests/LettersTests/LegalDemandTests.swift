import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// A legal demand states only what the ledger and the register show, and is sent only when the
/// policy's threshold is reached.
@Suite struct LegalDemandTests {
  func entry(
    _ number: String, _ kind: DocumentKind, _ date: String, customer: String = "C011",
    status: RegisterEntry.Status = .issued,
    detail: String? = nil
  ) -> RegisterEntry {
    RegisterEntry(
      number: number, kind: kind, customer: customer, documentDate: day(date), asOf: day(date), currency: "CNY",
      amount: ExactDecimal(1000), status: status, detail: detail)
  }

  func text(_ request: LetterRequest, history: [RegisterEntry] = [], policy: Policy? = nil) throws -> String {
    var factory = try exampleFactory(history: history)
    if let policy {
      factory = LetterFactory(
        ledger: factory.ledger, policy: policy, templateRoots: factory.templateRoots, history: history)
    }
    return try render(GoldenCase(name: request.customer, request: request, number: "TZ-1"), factory: factory)
  }

  func notice(_ customer: String, _ measure: PenaltyMeasure, locale: String = "zh-CN", asOf day: CivilDate = asOf)
    -> LetterRequest
  {
    LetterRequest(kind: .penaltyNotice, customer: customer, asOf: day, locale: locale, measure: measure)
  }

  // MARK: What the register shows

  @Test func withNoEarlierDemandNoneIsClaimed() throws {
    let text = try text(notice("C011", .stopSupply))
    #expect(text.contains("最长逾期 <span data-field=\"days-overdue\">365</span> 天，至今仍未支付：</p>"))
    #expect(!text.contains("催告"))
    let en = try self.text(notice("C011", .stopSupply, locale: "en"))
    #expect(en.contains("the oldest by <span data-field=\"days-overdue\">365</span> days, and remains unpaid.</p>"))
  }

  @Test func oneEarlierDemandIsNamed() throws {
    let history = [
      entry("CK-202610-0003", .dunning, "2026-10-31", detail: "level-3"),
      // Neither a replaced letter, nor another customer's, nor one dated after the notice counts.
      entry("CK-202610-0001", .dunning, "2026-10-15", status: .superseded, detail: "level-3"),
      entry("CK-202610-0002", .dunning, "2026-10-20", customer: "C001", detail: "level-3"),
      entry("CK-202612-0001", .dunning, "2026-12-05", detail: "level-3"),
      // A plain confirmation asks for nothing, a proposal offers terms, and a demand in
      // another currency or before the claimed invoices fell due did not ask for this debt.
      entry("DZ-202609-0001", .confirmation, "2026-09-30"),
      entry("FQ-202610-0001", .installmentProposal, "2026-10-25"),
      RegisterEntry(
        number: "CK-202610-0009", kind: .dunning, customer: "C011", documentDate: day("2026-10-28"),
        asOf: day("2026-10-28"), currency: "USD", amount: ExactDecimal(1000), status: .issued, detail: "level-1"),
      entry("CK-202511-0001", .dunning, "2025-11-15", detail: "level-1"),
    ]
    let text = try text(notice("C011", .legalDemand), history: history)
    #expect(
      text.contains(
        "最长逾期 <span data-field=\"days-overdue\">365</span> 天，经本公司于 2026年10月31日 催告（催款函 CK-202610-0003）后仍未支付：</p>"))
    #expect(text.contains("催告文件：CK-202610-0003（2026年10月31日）"))
    #expect(!text.contains("CK-202610-0001"))
    #expect(!text.contains("CK-202612-0001"))
    #expect(text.contains("分期回款方案：FQ-202610-0001（2026年10月25日）"))
    // Its delivery is not in the register: it interrupts nothing the letter could claim.
    #expect(text.contains("因2025年12月20日收到付款 P-2025-0210而中断并重新计算"))
    #expect(!text.contains("送达催告"))
    let en = try self.text(notice("C011", .legalDemand, locale: "en"), history: history)
    #expect(
      en.contains("and remains unpaid despite our request of 31 October 2026 (dunning letter CK-202610-0003).</p>"))
  }

  /// The evidence names each document for what it is: a reconciliation statement is not a
  /// confirmation letter, and another currency's letters are about another debt.
  @Test func theEvidenceNamesEachDocumentForWhatItIs() throws {
    let history = [
      entry("TJ-202611-0001", .reconciliation, "2026-11-20"),
      entry("DZ-202611-0001", .confirmation, "2026-11-10"),
      RegisterEntry(
        number: "DZ-202611-0002", kind: .confirmation, customer: "C011", documentDate: day("2026-11-10"),
        asOf: day("2026-11-10"), currency: "USD", amount: ExactDecimal(1000), status: .issued),
    ]
    let text = try text(notice("C011", .legalDemand), history: history)
    #expect(text.contains("余额调节表：TJ-202611-0001（2026年11月20日）"))
    #expect(text.contains("对账函：DZ-202611-0001（2026年11月10日）"))
    #expect(!text.contains("对账函：TJ-"))
    #expect(!text.contains("DZ-202611-0002"))
    let en = try self.text(notice("C011", .legalDemand, locale: "en"), history: history)
    #expect(en.contains("Reconciliation statement TJ-202611-0001 of 20 November 2026"))
  }

  @Test func twoEarlierDemandsAreRepeatedDemandsListedByNumberAndDate() throws {
    let history = [
      entry("CK-202610-0003", .dunning, "2026-10-31", detail: "level-3"),
      entry("DZ-202609-0002", .confirmation, "2026-09-30", detail: "collect"),
      entry("TZ-2026-0001", .penaltyNotice, "2026-11-10", detail: "stop-supply"),
    ]
    let text = try text(notice("C011", .legalDemand), history: history)
    #expect(
      text.contains(
        "经本公司多次催告（对账函（付款通知） DZ-202609-0002，2026年9月30日；催款函 CK-202610-0003，2026年10月31日；处置通知 TZ-2026-0001，2026年11月10日）仍未支付：</p>"
      ))
    let en = try self.text(notice("C011", .legalDemand, locale: "en"), history: history)
    #expect(
      en.contains(
        "remains unpaid despite repeated requests (confirmation with payment request DZ-202609-0002 of 30 September 2026; dunning letter CK-202610-0003 of 31 October 2026; notice TZ-2026-0001 of 10 November 2026).</p>"
      ))
  }

  // MARK: The policy's thresholds

  @Test func belowTheThresholdANoticeIsRefusedWithTheFigures() throws {
    #expect(
      try refusal(notice("C013", .legalDemand))
        == "error: C013: a legal demand needs the policy's legal threshold, 180 days and 100,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 20 days overdue (short of 180) and 90,000.00 CNY is overdue (short of 100,000.00 CNY); wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)"
    )
    #expect(
      try refusal(notice("C001", .legalDemand))
        == "error: C001: a legal demand needs the policy's legal threshold, 180 days and 100,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 166 days overdue (short of 180) and 380,000.00 CNY is overdue; wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)"
    )
    for measure in [PenaltyMeasure.stopSupply, .stopService, .revokeLicense] {
      #expect(
        try refusal(notice("C013", measure))
          == "error: C013: a \(measure.rawValue) notice needs the policy's penalty threshold, 90 days and 50,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 20 days overdue (short of 90) and 90,000.00 CNY is overdue; wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)"
      )
    }
    // C001 (166 days) is past the penalty threshold, C011 past both.
    #expect(try refusal(notice("C001", .stopSupply)) == nil)
    #expect(try refusal(notice("C011", .legalDemand)) == nil)
  }

  /// A threshold the policy sets in yuan says nothing of a debt in yen: ardoc converts no
  /// currency, so the notice needs the threshold in yen, or --despite-threshold.
  @Test func aThresholdInAnotherCurrencyIsNotReached() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    for index in ledger.contracts.indices where ledger.contracts[index].customer == "C011" {
      ledger.contracts[index].currency = "JPY"
    }
    for index in ledger.payments.indices where ledger.payments[index].customer == "C011" {
      ledger.payments[index].currency = "JPY"
    }
    let example = try Policy.load(packageRoot + "/Examples/policy.json")
    /// The refusal with the example policy, its legal threshold also `yen` in JPY when given.
    func refusal(yen: Int?) throws -> String? {
      var policy = example
      if let yen {
        policy.legal = Policy.Threshold(
          daysOverdue: 180,
          minAmount: PolicyAmount(byCurrency: ["CNY": ExactDecimal(100_000), "JPY": ExactDecimal(yen)]))
      }
      do {
        _ = try LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"]).prepare(
          notice("C011", .legalDemand))
        return nil
      } catch {
        return "\(error)"
      }
    }
    #expect(
      try refusal(yen: nil)
        == "error: C011: a legal demand needs the policy's legal threshold, 180 days and 100,000.00 CNY or 14,000.00 USD overdue; on 2026-11-30 the oldest overdue invoice is 365 days overdue and 410,000.00 JPY is overdue (the policy sets the amount in CNY and USD only, and ardoc converts no currency: add JPY to legal.minAmount, or compare it yourself); pass --despite-threshold to issue it anyway (the register records that)"
    )
    #expect(
      try refusal(yen: 2_000_000)
        == "error: C011: a legal demand needs the policy's legal threshold, 180 days and 2,000,000.00 JPY overdue; on 2026-11-30 the oldest overdue invoice is 365 days overdue and 410,000.00 JPY is overdue (short of 2,000,000.00 JPY); wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)"
    )
    #expect(try refusal(yen: 400_000) == nil)
  }

  /// The policy's rate is the loan prime rate, a renminbi rate: a dollar debt whose contract
  /// agrees no rate is not claimed interest at it (C007's USD contract HT-2026-028).
  @Test func aForeignCurrencyDebtIsClaimedInterestOnlyAtAnAgreedRate() throws {
    var request = LetterRequest(
      kind: .penaltyNotice, customer: "C007", currency: "USD", asOf: asOf, locale: "zh-CN", measure: .legalDemand)
    request.despiteThreshold = true
    #expect(
      try refusal(request)
        == "error: C007: contract HT-2026-028 is in USD and agrees no late-interest rate, and the policy's rate (LPR × (1 + markup)) is a renminbi rate; add the contract's late-interest rate and clause to the ledger (lateInterest.annualRate and .clause in JSON, interestRate and interestClause in contracts.csv) and import it again"
    )
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let index = try #require(ledger.contracts.firstIndex { $0.id == "HT-2026-028" })
    ledger.contracts[index].lateInterest = InterestTerms(
      annualRate: ExactDecimal(significand: 5, scale: 2), basis: .act360)
    let agreed = LetterFactory(
      ledger: ledger, policy: try Policy.load(packageRoot + "/Examples/policy.json"),
      templateRoots: [packageRoot + "/Templates"])
    #expect(try agreed.prepare(request).warnings.map(\.kind) == [.threshold])
  }

  /// A contract that agrees a rate a day is quoted as agreeing it, and charged the same as at
  /// that rate × 365 on ACT/365 (0.05% a day is 18.25% a year, to the fen).
  @Test func aDailyRateIsQuotedAsAgreed() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let index = try #require(ledger.contracts.firstIndex { $0.id == "HT-2026-018" })
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    var request = notice("C001", .legalDemand)
    request.despiteThreshold = true
    func rendered(_ terms: InterestTerms, locale: String = "zh-CN") throws -> String {
      ledger.contracts[index].lateInterest = terms
      let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
      var asked = request
      asked.locale = locale
      return try render(GoldenCase(name: "C001", request: asked, number: "TZ-1"), factory: factory)
    }
    let daily = try rendered(InterestTerms(dailyRate: ExactDecimal(significand: 5, scale: 4), clause: "第8.3条"))
    #expect(
      daily.contains(
        #"合同 HT-2026-018：按日 <span data-field="daily-rate">0.05%</span> 计算，为合同第8.3条约定的逾期付款利率，即年利率 <span data-field="interest-rate">18.25%</span>（日利率 × 365，ACT/365）。"#
      ))
    let yearly = try rendered(InterestTerms(annualRate: ExactDecimal(significand: 1825, scale: 4), basis: .act365))
    let interest = #/<meta name="ardoc:interest" content="([0-9.]+)" />/#
    #expect(try interest.firstMatch(in: daily)?.1 == interest.firstMatch(in: yearly)?.1)
    #expect(try interest.firstMatch(in: daily) != nil)
    let en = try rendered(
      InterestTerms(dailyRate: ExactDecimal(significand: 5, scale: 4), clause: "clause 8.3"), locale: "en")
    #expect(
      en.contains(
        #"Contract HT-2026-018: <span data-field="daily-rate">0.05%</span> a day, the late-payment rate agreed in the contract (clause 8.3), that is <span data-field="interest-rate">18.25%</span> a year (the daily rate × 365, ACT/365)."#
      ))
  }

  @Test func despiteTheThresholdTheNoticeCarriesAWarning() throws {
    var request = notice("C013", .stopSupply)
    request.despiteThreshold = true
    let prepared = try exampleFactory().prepare(request)
    #expect(
      prepared.warnings == [
        LetterWarning(
          .threshold,
          "issued with --despite-threshold: a stop-supply notice needs the policy's penalty threshold, 90 days and 50,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 20 days overdue (short of 90) and 90,000.00 CNY is overdue"
        )
      ])
  }

  // MARK: Limitation around the deadline

  @Test func aPeriodEndingSoonAfterTheDeadlineIsWarnedAbout() throws {
    let prepared = try exampleFactory().prepare(notice("C010", .legalDemand))
    #expect(
      prepared.warnings == [
        LetterWarning(
          .limitation,
          "the limitation periods of invoices 0460 0001, 0460 0002, 0460 0003, 0460 0004 end on 2026-12-20, 5 days after the payment deadline 2026-12-15: the demand interrupts them only if it reaches the customer by that day; serve it at once with proof of delivery, or file suit before 2026-12-20 (--deadline sets an earlier payment deadline)"
        )
      ])
    var shorter = notice("C010", .legalDemand)
    shorter.deadline = day("2026-12-05")
    let text = try self.text(shorter)
    #expect(text.contains(#"请贵公司于 <span data-field="deadline">2026年12月5日</span> 前"#))
    #expect(
      try exampleFactory().prepare(shorter).warnings.first?.message.contains(
        "15 days after the payment deadline 2026-12-05") == true)
    // C011's periods end in 2028 and 2029: nothing to warn about.
    #expect(try exampleFactory().prepare(notice("C011", .legalDemand)).warnings.isEmpty)
  }

  @Test func aPeriodThatHasEndedIsWarnedAbout() throws {
    let prepared = try exampleFactory().prepare(notice("C010", .legalDemand, asOf: day("2027-01-10")))
    #expect(
      prepared.warnings == [
        LetterWarning(
          .limitation,
          "the limitation periods of invoices 0460 0001, 0460 0002, 0460 0003, 0460 0004 ended on 2026-12-20, before this demand's date 2027-01-10: the demand does not interrupt them and the customer may refuse to pay on that ground (民法典 第192条); the letter says so"
        )
      ])
  }

  @Test func aDeadlineOnOrBeforeTheNoticeIsRefused() throws {
    var request = notice("C011", .legalDemand)
    request.deadline = day("2026-11-30")
    #expect(
      try refusal(request)
        == "error: C011: --deadline 2026-11-30 is not after the document's date 2026-11-30; give the customer at least one day to pay"
    )
  }

  // MARK: Figures the reader can check

  @Test func interestOfAnInvoicePaidLateIsClaimed() throws {
    let text = try text(notice("C010", .legalDemand))
    // 27,656.88 on the open invoices and 38.47 on 0460 0001, paid five days late.
    #expect(text.contains(#"<meta name="ardoc:interest" content="27695.35" />"#))
    #expect(
      text.contains(
        #"<td class="num"><span data-field="claim-principal">0.00</span><span class="paid" data-field="claim-paid-on">（已于 2023-03-25 付清）</span></td>"#
      ))
    #expect(text.contains("发票 0460 0001（本金已于 2023年3月25日 付清，主张其逾期利息）：依《民法典》第一百八十九条"))
    #expect(text.contains("收款记录：P-2023-0050（2023年3月25日，金额 90,000.00）"))
    let en = try self.text(notice("C010", .legalDemand, locale: "en"))
    #expect(
      en.contains(
        #"<span data-field="claim-principal">0.00</span><span class="paid" data-field="claim-paid-on"> (paid in full on 2023-03-25)</span></td>"#
      ))
  }

  /// Interest accrued is not lost when the principal is paid (docs/design.md section 4): with nothing
  /// left open, a demand claims the interest alone. C011 pays everything on 2026-06-30:
  /// 0461 0001 (260,000.00 × 19 days + 160,000.00 × 192 days) × 4.5% ÷ 365 = 4,396.44;
  /// 0461 0002 (260,000.00, 10,000.00 of it credited by CN-2026-0003 on 2026-03-15 and so never
  /// owed) 250,000.00 × 121 days × 4.5% ÷ 365 = 3,729.45.
  @Test func interestAloneIsClaimedWhenEverythingIsPaid() throws {
    let example = try exampleFactory()
    var ledger = example.ledger
    ledger.payments.append(
      Payment(
        id: "P-2026-0630", customer: "C011", receivedOn: day("2026-06-30"), amount: ExactDecimal(410_000),
        currency: "CNY"))
    let factory = LetterFactory(ledger: ledger, policy: example.policy, templateRoots: example.templateRoots)
    var request = notice("C011", .legalDemand)
    #expect(
      throws: LetterRefusal.self,
      performing: { try factory.prepare(request) })
    request.despiteThreshold = true
    let text = try render(GoldenCase(name: "C011", request: request, number: "TZ-1"), factory: factory)
    #expect(text.contains(#"<meta name="ardoc:interest" content="8125.89" />"#))
    #expect(
      text.contains(#"data-claim="0461 0001" data-invoice="0461 0001" data-due="2025-11-30" data-principal="0.00""#))
    #expect(text.contains(#"data-interest="4396.44""#) && text.contains(#"data-interest="3729.45""#))
    #expect(text.contains(#"data-field="claim-paid-on">（已于 2026-06-30 付清）</span>"#))
    // Settled with a credit note, and the rest paid: never "paid in full" alone.
    #expect(text.contains(#"data-field="claim-paid-on">（经红字冲减 CN-2026-0003 冲减，余款已于 2026-06-30 付清）</span>"#))
    #expect(text.contains("发票 0461 0002（本金经红字冲减 CN-2026-0003 冲减，余款已于 2026年6月30日 付清，主张其逾期利息）："))
    #expect(text.contains(#"data-field="demand-total-figure">¥8,125.89"#))
    // The opening says what is claimed: no principal owed, no empty table of open invoices.
    let plain = text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    #expect(
      plain.contains(
        "截至 2026年11月30日，贵公司已付清下文第一项所列发票的本金（本金余额 ¥0.00（大写：零元整），逾期未付本金 ¥0.00），但均逾期支付，逾期期间的利息至今仍未支付："
      ), "\(plain)")
    #expect(!plain.contains("欠款合计") && !text.contains(#"data-amount="#))
    #expect(plain.contains("前向本公司支付逾期利息 ¥8,125.89（大写：捌仟壹佰贰拾伍元捌角玖分）"))
    request.locale = "en"
    let en = try render(GoldenCase(name: "C011", request: request, number: "TZ-1"), factory: factory)
    #expect(en.contains(#"data-field="claim-paid-on"> (paid in full on 2026-06-30)</span>"#))
    let enPlain = en.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    #expect(
      enPlain.contains(
        "On 30 November 2026 your company had paid the principal of the invoices in section 1 below (balance CNY 0.00 (In words: Renminbi zero and 00/100 only); CNY 0.00 overdue), each of them late, and the interest for the delay remains unpaid."
      ), "\(enPlain)")
    #expect(
      enPlain.contains(
        "Please pay the interest, CNY 8,125.89 (Renminbi eight thousand one hundred twenty-five and 89/100 only) in total"
      ))
    #expect(
      en.contains(
        #"data-field="claim-paid-on"> (reduced by credit note CN-2026-0003, the rest paid in full on 2026-06-30)</span>"#
      ))
    #expect(
      en.contains(
        "Invoice 0461 0002 (principal reduced by credit note CN-2026-0003, the rest paid in full on 30 June 2026; its late interest is claimed): "
      ))
    // With nothing paid late either, there is nothing to claim.
    let settled = LetterFactory(ledger: ledger, policy: example.policy, templateRoots: example.templateRoots)
    var early = notice("C011", .legalDemand, asOf: day("2025-11-30"))
    early.despiteThreshold = true
    #expect(throws: LetterRefusal.self, performing: { try settled.prepare(early) })
  }

  @Test func theRateNamesItsSourceAndTheTotalIsInWords() throws {
    let c011 = try text(notice("C011", .legalDemand))
    #expect(
      c011.contains(#"合同 HT-2025-041：年利率 <span data-field="interest-rate">4.50%</span>（ACT/365），为合同第9.2条约定的逾期付款利率。"#))
    #expect(!c011.contains("LPR"))
    // 410,000.00 open + 0461 0001's 7,434.25 + 0461 0002's 250,000.00 × 275 days × 4.5% ÷ 365
    // = 8,476.03 (the 10,000.00 credited earns none) = 425,910.28.
    #expect(c011.contains(#"（大写：<span class="figure" data-field="demand-total-in-words">肆拾贰万伍仟玖佰壹拾元贰角捌分</span>）"#))
    var request = notice("C001", .legalDemand)
    request.despiteThreshold = true
    #expect(
      try text(request).contains(
        "合同 HT-2026-018：年利率 <span data-field=\"interest-rate\">4.65%</span>（ACT/365），为合同约定的逾期付款利率。"))
    let c010 = try text(notice("C010", .legalDemand))
    #expect(
      c010.contains(
        #"合同 HT-2023-006：合同未约定逾期利率，按一年期贷款市场报价利率（LPR）<span data-field="lpr-rate">3.00%</span>（2025年11月20日公布）上浮 <span data-field="lpr-markup">30%</span> 计算，即 <span data-field="lpr-rate">3.00%</span> × (1 + <span data-field="lpr-markup">30%</span>) = 年利率 <span data-field="interest-rate">3.90%</span>（ACT/365）。"#
      ))
    let en = try text(notice("C010", .legalDemand, locale: "en"))
    #expect(
      en.contains(
        #"Contract HT-2023-006: no late-payment rate agreed; the one-year Loan Prime Rate of <span data-field="lpr-rate">3.00%</span> (published 20 November 2025) plus <span data-field="lpr-markup">30%</span>, that is <span data-field="lpr-rate">3.00%</span> × (1 + <span data-field="lpr-markup">30%</span>) = <span data-field="interest-rate">3.90%</span> a year (ACT/365)."#
      ))
  }

  /// With the LPR figures as published (`lprHistory`), each invoice bears the LPR in force
  /// when its breach began, and each rate's note names its invoices; a breach before the first
  /// figure is refused, not given a later one.
  @Test func eachBreachBearsTheLPRInForceWhenItBegan() throws {
    var policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let figure = { (from: String, lpr: Int128) throws -> (from: CivilDate, lpr: ExactDecimal) in
      (try CivilDate(iso: from), ExactDecimal(significand: lpr, scale: 4))
    }
    policy.interest = Policy.DefaultInterest(
      lpr: policy.interest.lpr, markup: policy.interest.markup, basis: .act365, lprDate: policy.interest.lprDate,
      history: [
        try figure("2022-12-20", 365), try figure("2023-06-20", 355), try figure("2023-08-21", 345),
      ])
    let text = try text(notice("C010", .legalDemand), policy: policy)
    #expect(
      text.contains(
        #"合同 HT-2023-006（发票 0460 0001）：合同未约定逾期利率，按违约行为发生时（发票到期日次日）一年期贷款市场报价利率（LPR）<span data-field="lpr-rate">3.65%</span>（2022年12月20日公布）上浮 <span data-field="lpr-markup">30%</span> 计算，即 <span data-field="lpr-rate">3.65%</span> × (1 + <span data-field="lpr-markup">30%</span>) = 年利率 <span data-field="interest-rate">4.745%</span>（ACT/365）。"#
      ), "\(text)")
    #expect(text.contains("合同 HT-2023-006（发票 0460 0003、0460 0004）："))
    #expect(
      text.contains(
        #"data-claim="0460 0002" data-invoice="0460 0002" data-due="2023-06-20" data-principal="45000.00" data-rate="0.04615""#
      ))
    policy.interest = Policy.DefaultInterest(
      lpr: policy.interest.lpr, markup: policy.interest.markup, basis: .act365, history: [try figure("2024-10-21", 310)]
    )
    let factory = LetterFactory(
      ledger: try LedgerReader.load(packageRoot + "/Examples/ledger.json"), policy: policy,
      templateRoots: [packageRoot + "/Templates"])
    #expect(
      throws: LetterRefusal(
        customer: "C010",
        "the policy's lprHistory begins on 2024-10-21, but invoice 0460 0001's breach began on 2023-03-21; add the LPR figure in force that day to lprHistory"
      ), performing: { try factory.prepare(notice("C010", .legalDemand)) })
  }

  @Test func aRateWithMorePlacesIsPrintedWithAllOfThem() throws {
    var policy = try Policy.load(packageRoot + "/Examples/policy.json")
    policy.interest = Policy.DefaultInterest(
      lpr: ExactDecimal(significand: 310, scale: 4), markup: ExactDecimal(significand: 35, scale: 2), basis: .act365)
    let text = try text(notice("C010", .legalDemand), policy: policy)
    // 3.10% × 1.35 = 4.185%: the figure the interest is computed with, not 4.19%.
    #expect(
      text.contains(
        #"按一年期贷款市场报价利率（LPR）<span data-field="lpr-rate">3.10%</span>上浮 <span data-field="lpr-markup">35%</span> 计算，即 <span data-field="lpr-rate">3.10%</span> × (1 + <span data-field="lpr-markup">35%</span>) = 年利率 <span data-field="interest-rate">4.185%</span>"#
      ))
    #expect(text.contains(#"data-rate="0.041850""#))
    #expect(text.contains(#"<td class="num" data-field="claim-rate">4.185%</td>"#))
  }
}
