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
        "the periods of '0461 0001' should go on from 2025-12-20, but one starts on 2025-12-21",
        "the period 2025-12-21 to 2026-11-30 of '0461 0001' has 345 days, not 346",
      ])
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
      "zh-CN/penalty-legal-demand-C011.html", "肆拾贰万伍仟玖佰贰拾柒元伍角肆分", "肆拾贰万伍仟玖佰贰拾柒元伍角叁分")
    #expect(
      messages(text) == [
        "the demanded total in words reads '肆拾贰万伍仟玖佰贰拾柒元伍角叁分', but 425,927.54 is '肆拾贰万伍仟玖佰贰拾柒元伍角肆分'"
      ])
    let figure = try edited(
      "en/penalty-legal-demand-C011.html", #"data-field="demand-total-figure">CNY 425,927.54"#,
      #"data-field="demand-total-figure">CNY 425,927.45"#)
    #expect(
      messages(figure) == ["demand-total-figure reads 'CNY 425,927.45', but principal plus interest is 425,927.54"])
  }

  @Test func aClaimAgainstTheLedgersPrincipal() throws {
    // 240,000.00 claimed where 250,000.00 is open: the totals no longer agree either.
    let text = try edited(
      "zh-CN/penalty-legal-demand-C011.html", #"data-principal="250000.00" data-rate="0.0450""#,
      #"data-principal="240000.00" data-rate="0.0450""#)
    #expect(
      messages(text) == [
        "principal reads '410,000.00', but the claims' principal is 400,000.00",
        "demand-total reads '425,927.54', but principal plus interest is 415,927.54",
        "demand-total-figure reads '¥425,927.54', but principal plus interest is 415,927.54",
        "the demanded total in words reads '肆拾贰万伍仟玖佰贰拾柒元伍角肆分', but 415,927.54 is '肆拾壹万伍仟玖佰贰拾柒元伍角肆分'",
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
}
