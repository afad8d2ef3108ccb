import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// A dunning letter mentions an earlier reminder only when the register holds one for what is
/// overdue: the level comes from days overdue alone and says nothing about the past.
@Suite struct PriorDemandTests {
  let demands = LegalDemandTests()

  func dunning(_ customer: String, locale: String = "zh-CN") -> LetterRequest {
    LetterRequest(kind: .dunning, customer: customer, asOf: asOf, locale: locale)
  }

  @Test func withoutEarlierRemindersNoneIsClaimed() throws {
    // C005 is at level 2 and C001 at level 3 by days overdue; the register is empty. A
    // reminder sent before C005's invoice fell due (2026-10-15) did not ask for it.
    let early = [demands.entry("CK-202610-0001", .dunning, "2026-10-01", customer: "C005", detail: "level-1")]
    let second = try demands.text(dunning("C005"), history: early)
    #expect(second.contains("最长逾期\n        <span data-field=\"days-overdue\">46</span> 天。至今仍未付清。</p>"))
    #expect(!second.contains("提醒"))
    let first = try demands.text(dunning("C001"))
    #expect(first.contains("<span data-field=\"days-overdue\">166</span> 天，至今仍未付清。</p>"))
    // A first demand is no "last" one: that would say earlier ones were made.
    #expect(first.contains("<p class=\"warning\">本公司现正式要求贵公司于 "))
    #expect(!first.contains("最后一次"))
    #expect(
      try demands.text(dunning("C005", locale: "en")).contains(
        "<span data-field=\"days-overdue\">46</span> days. We have not been paid in full.</p>"))
    #expect(
      try demands.text(dunning("C001", locale: "en")).contains(
        "<span data-field=\"days-overdue\">166</span> days, and have not been paid in full.</p>"))
  }

  @Test func earlierRemindersAreNamedByNumberAndDate() throws {
    let one = [demands.entry("CK-202611-0001", .dunning, "2026-11-10", customer: "C005", detail: "level-1")]
    #expect(
      try demands.text(dunning("C005"), history: one).contains(
        "<span data-field=\"days-overdue\">46</span> 天。本公司已于 2026年11月10日 去函提醒（催款函 CK-202611-0001），至今仍未付清。</p>"))
    #expect(
      try demands.text(dunning("C005", locale: "en"), history: one).contains(
        "<span data-field=\"days-overdue\">46</span> days. Despite our reminder of 10 November 2026 (dunning letter CK-202611-0001) we have not been paid in full.</p>"
      ))
    let two = [
      demands.entry("DZ-202609-0002", .confirmation, "2026-09-30", customer: "C001", detail: "collect"),
      demands.entry("CK-202610-0003", .dunning, "2026-10-31", customer: "C001", detail: "level-2"),
      // Replaced by its reissue: not a demand made.
      demands.entry("CK-202610-0001", .dunning, "2026-10-15", customer: "C001", status: .superseded, detail: "level-2"),
    ]
    #expect(
      try demands.text(dunning("C001"), history: two).contains(
        "<span data-field=\"days-overdue\">166</span> 天，经本公司多次催告（对账函（付款通知） DZ-202609-0002，2026年9月30日；催款函 CK-202610-0003，2026年10月31日）仍未付清。</p>"
      ))
    #expect(try demands.text(dunning("C001"), history: two).contains("<p class=\"warning\">本公司现最后一次要求贵公司于 "))
    #expect(
      try demands.text(dunning("C001", locale: "en"), history: two).contains(
        "<span data-field=\"days-overdue\">166</span> days, and have not been paid in full despite repeated requests (confirmation with payment request DZ-202609-0002 of 30 September 2026; dunning letter CK-202610-0003 of 31 October 2026).</p>"
      ))
  }

  /// A letter the register recorded more than 31 days after the date it bears was made later
  /// than it says: it is neither an earlier demand nor evidence, and the warning names it. One
  /// recorded 31 days after its date (a month's letters dated its last day, run later) counts.
  @Test func aLetterRecordedLongAfterItsDateIsNotCited() throws {
    func recorded(_ entry: RegisterEntry, _ on: String) -> RegisterEntry {
      var entry = entry
      entry.recordedOn = day(on)
      return entry
    }
    let history = [
      // 61 days, 31 days and 32 days after their dates.
      recorded(demands.entry("DZ-202609-0002", .confirmation, "2026-09-30", detail: "collect"), "2026-11-30"),
      recorded(demands.entry("CK-202610-0003", .dunning, "2026-10-31", detail: "level-3"), "2026-12-01"),
      recorded(demands.entry("CK-202611-0001", .dunning, "2026-11-10", detail: "level-3"), "2026-12-12"),
    ]
    let request = demands.notice("C011", .legalDemand)
    let factory = try exampleFactory(history: history)
    let prepared = try factory.prepare(request)
    #expect(
      prepared.warnings.filter { $0.kind == .recordedLate } == [
        LetterWarning(
          .recordedLate,
          "not cited as earlier demands or as evidence: DZ-202609-0002 (confirmation collect, dated 2026-09-30) was recorded in the register on 2026-11-30, 61 days after its date; CK-202611-0001 (dunning level-3, dated 2026-11-10) was recorded in the register on 2026-12-12, 32 days after its date; a document made more than 31 days after the date it bears does not show it was sent on that date"
        )
      ])
    let text = try demands.text(request, history: history)
    #expect(
      text.contains(
        "最长逾期 <span data-field=\"days-overdue\">365</span> 天，经本公司于 2026年10月31日 催告（催款函 CK-202610-0003）后仍未支付：</p>"))
    #expect(text.contains("催告文件：CK-202610-0003（2026年10月31日）"))
    #expect(!text.contains("DZ-202609-0002"))
    #expect(!text.contains("CK-202611-0001"))
    // A dunning letter says the same of what it would have cited, and has no evidence list.
    let dunningWarnings = try factory.prepare(dunning("C011")).warnings.filter { $0.kind == .recordedLate }
    #expect(
      dunningWarnings == [
        LetterWarning(
          .recordedLate,
          "not cited as earlier demands: DZ-202609-0002 (confirmation collect, dated 2026-09-30) was recorded in the register on 2026-11-30, 61 days after its date; CK-202611-0001 (dunning level-3, dated 2026-11-10) was recorded in the register on 2026-12-12, 32 days after its date; a document made more than 31 days after the date it bears does not show it was sent on that date"
        )
      ])
    // Recorded on time, or not read from a register: no warning.
    #expect(try exampleFactory(history: [history[1]]).prepare(request).warnings.allSatisfy { $0.kind != .recordedLate })
  }
}
