import Basics
import PropertyBased
import Testing
import Vocabulary

@testable import Templating

@Suite struct DateFormatTests {
  /// The long form is written without reading its pattern: the same text as the pattern gives,
  /// for any day in either language.
  @Test func theLongFormIsItsPattern() async throws {
    await propertyCheck(input: Gen.int(in: -1_000...3_000_000)) { days in
      let day = CivilDate(daysSinceEpoch: days)
      for locale in ["zh-CN", "en"] {
        let english = DocumentLocale.isEnglish(locale)
        let direct = try? DateFormat.format(day, pattern: "long", locale: locale)
        let patterned = try? DateFormat.format(day, pattern: DateFormat.longPattern(english: english), locale: locale)
        #expect(direct != nil && direct == patterned, "\(day.iso) \(locale)")
      }
    }
  }

  @Test func longFormsOfKnownDays() throws {
    let day = try CivilDate(iso: "2026-03-05")
    #expect(try DateFormat.format(day, pattern: "long", locale: "zh-CN") == "2026年3月5日")
    #expect(try DateFormat.format(day, pattern: "long", locale: "en") == "5 March 2026")
    let early = try #require(CivilDate(year: 987, month: 12, day: 31))
    #expect(try DateFormat.format(early, pattern: "long", locale: "zh-CN") == "0987年12月31日")
  }
}
