import Basics
import Ledger
import Testing
import Validation

/// The `amounts` rule on a legal demand: each period's product, each claim's sum of periods,
/// the totals in figures and words, and the claims against the ledger.
@Suite struct DemandValidationTests {
  /// The golden demand with one piece of text replaced (which must occur exactly once).
  func edited(_ file: String, _ old: String, _ new: String) throws -> String {
    let text = golden(file)
    try #require(text.components(separatedBy: old).count == 2, "'\(old)' occurs once in \(file)")
    return text.replacingOccurrences(of: old, with: new)
  }

  func messages(_ text: String, withLedger: Bool = true) -> [String] {
    report(text, withLedger: withLedger).findings.map(\.message)
  }

  @Test func theGoldenDemandsPassWithTheirPeriods() {
    for file in ["zh-CN/penalty-legal-demand-C010.html", "en/penalty-legal-demand-C011.html"] {
      #expect(messages(golden(file)) == [], "\(file)")
      #expect(messages(golden(file), withLedger: false) == [], "\(file)")
    }
  }

  /// The note that builds the rate on the LPR states a sum that holds (3.00% × (1 + 30%) =
  /// 3.90%), one LPR and one markup; the divisor it states is the claims' basis; the day the
  /// interest is figured to is the as-of date.
  @Test func theRateNotesArithmeticAndDivisorAreChecked() throws {
    let file = "zh-CN/penalty-legal-demand-C010.html"
    let everyLPR = golden(file).replacingOccurrences(
      of: #"<span data-field="lpr-rate">3.00%</span>"#, with: #"<span data-field="lpr-rate">3.50%</span>"#)
    #expect(messages(everyLPR) == ["the rate note says 3.50% × (1 + 30%) = 3.90%, but that is 4.55%"])
    let oneMarkup = try edited(
      file, #"上浮 <span data-field="lpr-markup">30%</span>"#, #"上浮 <span data-field="lpr-markup">50%</span>"#)
    #expect(
      messages(oneMarkup) == [
        "the rate note gives the LPR as '3.00%' and '3.00%' and the markup as '50%' and '30%'; state one of each"
      ])
    let divisor = try edited(
      file, #"<span data-field="interest-divisor">365</span>"#, #"<span data-field="interest-divisor">360</span>"#)
    #expect(
      messages(divisor).allSatisfy {
        $0.hasPrefix("the interest note divides by 360, but claim '") && $0.hasSuffix("' is figured ACT/365, by 365")
      })
    #expect(!messages(divisor).isEmpty)
    let figuredTo = try edited(
      file, #"计至 <span data-field="as-of">2026年11月30日</span>"#, #"计至 <span data-field="as-of">2026年12月31日</span>"#)
    #expect(messages(figuredTo).count == 1)
    #expect(messages(figuredTo).first?.contains("2026年12月31日") == true, "\(messages(figuredTo))")
  }

  /// A contract's rate a day is its yearly rate ÷ 365: 0.01% a day is 3.65% a year, not 3.90%.
  @Test func aDailyRateMustBeTheYearlyRateByDays() throws {
    let note = try edited(
      "zh-CN/penalty-legal-demand-C010.html",
      #"合同未约定逾期利率，按一年期贷款市场报价利率（LPR）<span data-field="lpr-rate">3.00%</span>（2025年11月20日公布）上浮 <span data-field="lpr-markup">30%</span> 计算，即 <span data-field="lpr-rate">3.00%</span> × (1 + <span data-field="lpr-markup">30%</span>) = 年利率"#,
      #"按日 <span data-field="daily-rate">0.01%</span> 计算，为合同第8.3条约定的逾期付款利率，即年利率"#)
    #expect(messages(note) == ["the rate note says 0.01% a day, which is not 3.90% a year (a day's rate × 365)"])
  }

  @Test func aPeriodWhoseProductIsWrong() throws {
    // 260,000.00 × 19 days × 4.5% ÷ 365 = 609.04; a changed attribute and its cell.
    let text = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"data-days="19" data-principal="260000.00" data-interest="609.04""#,
      #"data-days="19" data-principal="260000.00" data-interest="609.05""#)
    #expect(
      messages(text, withLedger: false) == [
        "the period 2025-12-01 to 2025-12-19 of '0461 0001' shows interest 609.05; 260,000.00 × 19 days × 0.0450 ÷ 365, rounded cumulatively, is 609.04",
        "a period of '0461 0001' shows '609.04', but its data-interest is 609.05",
        "the periods of '0461 0001' add up to 7,434.26, but its interest is 7,434.25",
      ])
  }

  @Test func periodsThatDoNotJoinOrCountTheirDays() throws {
    let text = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"data-from="2025-12-20" data-to="2026-11-30" data-days="346""#,
      #"data-from="2025-12-21" data-to="2026-11-30" data-days="346""#)
    #expect(
      messages(text, withLedger: false) == [
        "the period 2025-12-21 to 2026-11-30 of '0461 0001' shows the dates '2025-12-20 至 2026-11-30', but its figures give 2025-12-21 to 2026-11-30",
        "the period 2025-12-21 to 2026-11-30 of '0461 0001' has 345 days, not 346",
      ])
    // A gap alone is days nothing was owed, which only the ledger can tell; periods that
    // overlap are wrong on their face.
    let overlapping = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"data-from="2025-12-20" data-to="2026-11-30" data-days="346""#,
      #"data-from="2025-12-19" data-to="2026-11-30" data-days="347""#)
    #expect(
      messages(overlapping, withLedger: false).contains(
        "the periods of '0461 0001' should go on from 2025-12-20 or later, but one starts on 2025-12-19"))
  }

  @Test func aDroppedClaimIsFoundAgainstTheLedger() throws {
    // C010 without the row for 0460 0001 (paid five days late, 38.47 of interest), and its
    // totals made to agree with what is left: only the ledger can tell.
    var text = golden("zh-CN/penalty-legal-demand-C010.html")
    let start = try #require(text.range(of: #"<tr class="claim" data-claim="0460 0001""#))
    let end = try #require(text.range(of: #"<tr class="claim" data-claim="0460 0002""#))
    text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "")
    text = text.replacingOccurrences(of: #"content="27695.35""#, with: #"content="27656.88""#)
    text = text.replacingOccurrences(of: "27,695.35", with: "27,656.88")
    text = text.replacingOccurrences(of: "252,695.35", with: "252,656.88")
    text = text.replacingOccurrences(of: "贰拾伍万贰仟陆佰玖拾伍元叁角伍分", with: "贰拾伍万贰仟陆佰伍拾陆元捌角捌分")
    #expect(messages(text, withLedger: false) == [])
    #expect(
      messages(text) == [
        "invoice 0460 0001 has 0.00 open and 38.47 of late interest in the ledger on 2026-11-30, but no claim row"
      ])
  }

  @Test func totalsAndWordsMustAgree() throws {
    let text = try edited(
      "zh-CN/penalty-legal-demand-C011.html", "肆拾贰万伍仟玖佰壹拾元贰角捌分", "肆拾贰万伍仟玖佰壹拾元贰角柒分")
    #expect(
      messages(text) == [
        "the demanded total in words reads '肆拾贰万伍仟玖佰壹拾元贰角柒分', but 425,910.28 is '肆拾贰万伍仟玖佰壹拾元贰角捌分'"
      ])
    let figure = try edited(
      "en/penalty-legal-demand-C011.html", #"data-field="demand-total-figure">CNY 425,910.28"#,
      #"data-field="demand-total-figure">CNY 425,910.82"#)
    #expect(
      messages(figure) == ["demand-total-figure reads 'CNY 425,910.82', but principal plus interest is 425,910.28"])
  }

  @Test func aClaimAgainstTheLedgersPrincipal() throws {
    // 240,000.00 claimed where 250,000.00 is open (and shown): the cells and totals no
    // longer agree either.
    let text = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"data-principal="250000.00" data-rate="0.0450""#,
      #"data-principal="240000.00" data-rate="0.0450""#)
    #expect(
      messages(text) == [
        "claim '0461 0002' shows principal '250,000.00', but its figures give 240,000.00",
        "claim '0461 0002' shows the total '258,476.03', but its figures give 248,476.03",
        "principal reads '410,000.00', but the claims' principal is 400,000.00",
        "demand-total reads '425,910.28', but principal plus interest is 415,910.28",
        "demand-total-figure reads '¥425,910.28', but principal plus interest is 415,910.28",
        "the demanded total in words reads '肆拾贰万伍仟玖佰壹拾元贰角捌分', but 415,910.28 is '肆拾壹万伍仟玖佰壹拾元贰角捌分'",
        "claim '0461 0002' states principal 240,000.00, but the ledger has 250,000.00 open on 2026-11-30",
      ])
  }

  @Test func aLegalDemandWithoutClaimRows() throws {
    var text = golden("zh-CN/penalty-legal-demand-C011.html")
    text = text.replacingOccurrences(of: "data-claim=", with: "data-x=")
      .replacingOccurrences(of: "data-period-of=", with: "data-y=")
    #expect(
      messages(text, withLedger: false) == [
        "a legal demand has no claim rows (data-claim) for its principal and interest"
      ])
  }

  /// What the reader sees must say what the figures say: the attributes alone are checked by
  /// the arithmetic, the cells by these.
  @Test func cellsThatContradictTheirFigures() throws {
    let file = "zh-CN/penalty-legal-demand-C011.html"
    let rate = try edited(
      file, #"data-field="claim-days">365</td><td class="num" data-field="claim-rate">4.50%"#,
      #"data-field="claim-days">365</td><td class="num" data-field="claim-rate">6.00%"#)
    #expect(messages(rate) == ["claim '0461 0001' shows the rate '6.00%', but its figures give 0.0450 a year"])
    let principal = try edited(
      file, #"data-field="period-principal">260,000.00</td><td class="num" data-field="period-days">19</td>"#,
      #"data-field="period-principal">290,000.00</td><td class="num" data-field="period-days">29</td>"#)
    #expect(
      messages(principal) == [
        "the period 2025-12-01 to 2025-12-19 of '0461 0001' shows principal '290,000.00', but its figures give 260,000.00",
        "the period 2025-12-01 to 2025-12-19 of '0461 0001' shows the days '29', but its figures give 19",
      ])
    let dates = try edited(file, ">2025-12-01 至 2025-12-19<", ">2025-11-21 至 2025-12-19<")
    #expect(
      messages(dates) == [
        "the period 2025-12-01 to 2025-12-19 of '0461 0001' shows the dates '2025-11-21 至 2025-12-19', but its figures give 2025-12-01 to 2025-12-19"
      ])
    let subtotal = try edited(file, ">167,434.25<", ">168,434.25<")
    #expect(messages(subtotal) == ["claim '0461 0001' shows the total '168,434.25', but its figures give 167,434.25"])
    let unmarked = try edited(file, #"<td class="num" data-field="claim-days">365</td>"#, #"<td class="num">365</td>"#)
    #expect(
      messages(unmarked, withLedger: false) == [
        "claim '0461 0001' does not mark what it shows: add data-field claim-days to its cells"
      ])
  }

  /// Periods that add up to the right interest but misstate a payment (100,190.00 instead of
  /// 100,000.00 received on 2025-12-20) pass the arithmetic; the ledger's periods do not agree.
  @Test func periodsThatMisstateAPaymentAreFoundAgainstTheLedger() throws {
    var text = golden("zh-CN/penalty-legal-demand-C011.html")
    for (old, new) in [
      (
        #"data-days="19" data-principal="260000.00" data-interest="609.04""#,
        #"data-days="19" data-principal="263460.00" data-interest="617.15""#
      ),
      (
        #"data-days="346" data-principal="160000.00" data-interest="6825.21""#,
        #"data-days="346" data-principal="159810.00" data-interest="6817.10""#
      ),
      (
        #"period-principal">260,000.00</td><td class="num" data-field="period-days">19"#,
        #"period-principal">263,460.00</td><td class="num" data-field="period-days">19"#
      ),
      (
        #"period-principal">160,000.00</td><td class="num" data-field="period-days">346"#,
        #"period-principal">159,810.00</td><td class="num" data-field="period-days">346"#
      ),
      (#"period-interest">609.04<"#, #"period-interest">617.15<"#),
      (#"period-interest">6,825.21<"#, #"period-interest">6,817.10<"#),
    ] {
      try #require(text.components(separatedBy: old).count == 2, "\(old)")
      text = text.replacingOccurrences(of: old, with: new)
    }
    #expect(messages(text, withLedger: false) == [])
    #expect(
      messages(text) == [
        "claim '0461 0001' shows the periods 2025-12-01–2025-12-19 263,460.00 → 617.15; 2025-12-20–2026-11-30 159,810.00 → 6,817.10, but the ledger's are 2025-12-01–2025-12-19 260,000.00 → 609.04; 2025-12-20–2026-11-30 160,000.00 → 6,825.21"
      ])
  }

  @Test func aDemandWithoutItsInterestMetaOrPaidInFullNote() throws {
    let noMeta = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"<meta name="ardoc:interest" content="15910.28" />"#, "")
    #expect(
      messages(noMeta, withLedger: false) == [
        "a legal demand needs <meta name=\"ardoc:interest\"> with its interest total"
      ])
    // C010's 0460 0001 was paid in full on 2023-03-25: the row must say so, with that day.
    let paid = try edited("zh-CN/penalty-legal-demand-C010.html", "已于 2023-03-25 付清", "已于 2023-03-26 付清")
    #expect(
      messages(paid) == [
        "claim '0460 0001' says '（已于 2023-03-26 付清）', but the ledger has it paid in full on 2023-03-25"
      ])
  }
}
