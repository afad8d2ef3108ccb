import Basics
import PropertyBased
import Testing

@Suite struct CivilDateTests {
  @Test func parsesAndPrintsISO() throws {
    let date = try CivilDate(iso: "2026-02-28")
    #expect(date.year == 2026 && date.month == 2 && date.day == 28)
    #expect(date.adding(days: 1).iso == "2026-03-01")
    #expect(try CivilDate(iso: "2028-02-28").adding(days: 1).iso == "2028-02-29")
  }

  @Test func refusesWhatIsNotADay() {
    #expect(throws: DateError.noSuchDay("2026-02-29")) { try CivilDate(iso: "2026-02-29") }
    #expect(throws: DateError.notISO("2026/11/30")) { try CivilDate(iso: "2026/11/30") }
    #expect(throws: DateError.notISO("2026-1-5")) { try CivilDate(iso: "2026-1-5") }
    #expect(DateError.notISO("x").description == "'x' is not a date in the form YYYY-MM-DD")
  }

  /// A date from a user or a ledger is in 1900 to 2999, so that every date worked out from it
  /// (reply-by days, limitation periods) is still a four-digit year.
  @Test func anEnteredDateIsInTheYearsArdocWorksWith() throws {
    #expect(try CivilDate(entered: "1900-01-01").iso == "1900-01-01")
    #expect(try CivilDate(entered: "2999-12-31").adding(days: 10).iso == "3000-01-10")
    #expect(throws: DateError.outOfRange("9999-12-31")) { try CivilDate(entered: "9999-12-31") }
    #expect(throws: DateError.outOfRange("1899-12-31")) { try CivilDate(entered: "1899-12-31") }
    #expect(throws: DateError.noSuchDay("2026-02-29")) { try CivilDate(entered: "2026-02-29") }
    #expect(
      DateError.outOfRange("9999-12-31").description == "'9999-12-31' is outside the years 1900 to 2999; check the year"
    )
  }

  @Test func countsDaysAndWeekdays() throws {
    let due = try CivilDate(iso: "2026-05-20")
    #expect(due.days(until: try CivilDate(iso: "2026-11-30")) == 194)
    #expect(try CivilDate(iso: "1970-01-01").daysSinceEpoch == 0)
    #expect(try CivilDate(iso: "2026-11-30").isoWeekday == 1)  // a Monday
    #expect(try CivilDate(iso: "2026-01-31").adding(months: 1).iso == "2026-02-28")
    #expect(try CivilDate(iso: "2026-11-30").adding(months: 3).iso == "2027-02-28")
  }

  @Test func dayNumbersRoundTrip() async {
    await propertyCheck(input: Gen.int(in: -700_000...2_900_000)) { days in
      let date = CivilDate(daysSinceEpoch: days)
      #expect(date.daysSinceEpoch == days)
      #expect((try? CivilDate(iso: date.iso)) == date)
    }
  }

  /// Days beyond what a 32-bit year names are the nearest day that it names: a real date,
  /// written with its sign and all its digits, and no trap on the way.
  @Test func daysBeyondAnyYearAreTheNearestDayAndNeverTrap() throws {
    #expect(CivilDate(daysSinceEpoch: .max).iso == "2147483647-12-31")
    #expect(CivilDate(daysSinceEpoch: .min).iso == "-2147483648-01-01")
    let start = try CivilDate(iso: "2026-11-30")
    #expect(start.adding(days: .max).iso == "2147483647-12-31")
    #expect(start.adding(days: .min).iso == "-2147483648-01-01")
    let far = start.adding(days: 1_000_000_000_000)
    #expect(far == CivilDate(daysSinceEpoch: .max))
    #expect(CivilDate(daysSinceEpoch: -719_528).iso == "0000-01-01")
    #expect(CivilDate(daysSinceEpoch: -719_529).iso == "-0001-12-31")
    #expect(CivilDate(daysSinceEpoch: 2_932_896).iso == "9999-12-31")
    #expect(CivilDate(daysSinceEpoch: 2_932_897).iso == "10000-01-01")
  }

  /// Within the years a date can name, day numbers and dates agree both ways.
  @Test func farDayNumbersRoundTrip() async {
    await propertyCheck(input: Gen.int(in: -784_000_000_000...784_000_000_000)) { days in
      #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
    }
  }
}
