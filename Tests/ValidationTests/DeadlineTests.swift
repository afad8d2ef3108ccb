import Basics
import Foundation
import PropertyBased
import Templating
import Testing

@testable import Validation

/// A deadline the document sets falls after its date, and reads as a date.
@Suite struct DeadlineTests {
  func findings(_ file: String, _ target: String, _ replacement: String) -> [String] {
    let text = golden(file)
    #expect(text.contains(target), "\(file) lacks \(target)")
    return report(text.replacingOccurrences(of: target, with: replacement)).findings.map {
      "\($0.rule): \($0.message)"
    }
  }

  @Test func aDeadlineOnOrBeforeTheDocumentsDateIsRefused() {
    #expect(
      findings(
        "zh-CN/dunning-2-C005.html", #"data-field="deadline">2026年12月15日"#, #"data-field="deadline">2026年11月15日"#)
        == [
          "metadata: the deadline date is 2026-11-15, not after the document's date 2026-11-30 (ardoc:date): a reader would be late before reading it; set a later day"
        ])
    #expect(
      findings(
        "en/confirmation-C001.html", #"data-field="reply-by">10 December 2026"#,
        #"data-field="reply-by">30 November 2026"#)
        == [
          "metadata: the reply-by date is 2026-11-30, not after the document's date 2026-11-30 (ardoc:date): a reader would be late before reading it; set a later day"
        ])
  }

  @Test func aDeadlineThatIsNoDateIsRefused() {
    #expect(
      findings("zh-CN/dunning-2-C005.html", #"data-field="deadline">2026年12月15日"#, #"data-field="deadline">尽快"#)
        == [
          "metadata: the deadline date reads '尽快', which is not a date a reader can take; write the year, the month and the day, as 2026年12月1日 or 2026-12-01"
        ])
    // Day and month by number alone are read in either order in different countries.
    #expect(
      findings(
        "en/confirmation-C001.html", #"data-field="reply-by">10 December 2026"#,
        #"data-field="reply-by">12/10/2026"#)
        == [
          "metadata: the reply-by date reads '12/10/2026', which is not a date a reader can take; write the year, the month and the day, as 2026年12月1日 or 2026-12-01"
        ])
  }

  @Test func datesAreReadInTheFormsTemplatesWrite() {
    let day = CivilDate(year: 2026, month: 12, day: 15)
    for text in [
      "2026年12月15日", "2026-12-15", "2026/12/15", "15 December 2026", "December 15, 2026", "15 Dec 2026",
      "2026年十二月15日", "15 十二月 2026",
    ] {
      #expect(ShownDates.date(text) == day, "\(text)")
    }
    for text in [
      "12/15/2026", "15.12.2026", "2026年13月1日", "2026-02-30", "soon", "15 December", "Dec–Jan 2026",
      "2026年十二月15日至一月",
    ] {
      #expect(ShownDates.date(text) == nil, "\(text)")
    }
    // 十一月 holds 一月: it is November.
    #expect(ShownDates.date("2026年十一月5日") == CivilDate(year: 2026, month: 11, day: 5))
  }

  /// Whatever the day and locale, each date the `date` filter writes with a year, a month and
  /// a day reads back as that day.
  @Test func everyDateTheFilterWritesReadsBack() async throws {
    let patterns = [
      "long", "iso", "yyyy年M月d日", "d MMMM yyyy", "MMMM d, yyyy", "yyyy年MMMd日", "d MMM yyyy", "yyyy/MM/dd",
    ]
    let engine = TemplateEngine(roots: [], filters: .standard)
    let template = try engine.compile(
      source: "<r xmlns:t=\"urn:ardoc:template\">"
        + patterns.map { "${d | date('\($0)')}" }.joined(separator: "|") + "</r>", name: "dates.xml")
    await propertyCheck(count: 200, input: Gen.int(in: 0...36_500), Gen.bool) { days, english in
      let day = CivilDate(daysSinceEpoch: 20_000 + days)
      guard
        let text = try? template.renderString(
          ["d": .string(day.iso)], options: RenderOptions(locale: english ? "en" : "zh-CN")),
        let open = text.range(of: "<r>"), let close = text.range(of: "</r>")
      else {
        Issue.record("\(day.iso) did not render")
        return
      }
      for form in text[open.upperBound..<close.lowerBound].split(separator: "|") {
        #expect(ShownDates.date(String(form)) == day, "\(form)")
      }
    }
  }
}
