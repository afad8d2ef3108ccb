/// A calendar date with no time zone: what a ledger, an invoice or a letter means by "the date".
///
/// Arithmetic is by whole days on the proleptic Gregorian calendar.
///
/// ```swift
/// let due = try CivilDate(iso: "2026-10-31")
/// due.adding(days: 30).iso  // "2026-11-30"
/// ```
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  // Kept in 6 bytes, not three Ints' 24: a ledger holds several dates per record, and a
  // 100,000-customer ledger read whole holds about a million.
  private let storedYear: Int32
  private let storedMonth: UInt8
  private let storedDay: UInt8

  public var year: Int { Int(storedYear) }
  public var month: Int { Int(storedMonth) }
  public var day: Int { Int(storedDay) }

  /// Creates a date, or returns nil when the day does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    storedYear = Int32(year)
    storedMonth = UInt8(month)
    storedDay = UInt8(day)
  }

  /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, extended format).
  public init(iso text: some StringProtocol) throws(DateError) {
    try self.init(iso: String(text))
  }

  /// The years a date is taken in from a ledger, a command line or a form. Every date worked
  /// out from one (a reply-by day, a limitation period, an installment) then stays a
  /// four-digit year, which ``iso`` writes and ``adding(months:)`` can reach.
  public static let enteredYears = 1900...2999

  /// Parses a date a user entered or a ledger holds: ``init(iso:)``, in ``enteredYears``.
  ///
  ///     try CivilDate(entered: "9999-12-31")  // throws: outside the years 1900 to 2999
  public init(entered text: String) throws(DateError) {
    try self.init(iso: text)
    guard CivilDate.enteredYears.contains(year) else { throw DateError.outOfRange(text) }
  }

  /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, extended format).
  public init(iso text: String) throws(DateError) {
    var digits = (0, 0, 0)
    var count = 0
    var valid = true
    for byte in text.utf8 {
      switch count {
      case 4, 7:
        if byte != UInt8(ascii: "-") { valid = false }
      default:
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
          valid = false
          break
        }
        let digit = Int(byte - UInt8(ascii: "0"))
        if count < 4 {
          digits.0 = digits.0 * 10 + digit
        } else if count < 7 {
          digits.1 = digits.1 * 10 + digit
        } else {
          digits.2 = digits.2 * 10 + digit
        }
      }
      count += 1
      if !valid || count > 10 { break }
    }
    guard valid, count == 10 else { throw DateError.notISO(String(text)) }
    guard let date = CivilDate(year: digits.0, month: digits.1, day: digits.2) else {
      throw DateError.noSuchDay(String(text))
    }
    self = date
  }

  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int { CivilDate.days(year: year, month: month, day: day) }

  static func days(year: Int, month: Int, day: Int) -> Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The first and last days a date can be: those of the years a 32-bit year names. A day
  /// beyond (billions of years away: no ledger or rule reaches it) is taken as the nearest of
  /// them, so that arithmetic never traps and every date is one of the calendar.
  static let earliestDay = days(year: Int(Int32.min), month: 1, day: 1)
  static let latestDay = days(year: Int(Int32.max), month: 12, day: 31)

  public init(daysSinceEpoch days: Int) {
    let z = min(max(days, CivilDate.earliestDay), CivilDate.latestDay) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    storedYear = Int32(yoe + era * 400 + (m <= 2 ? 1 : 0))
    storedMonth = UInt8(m)
    storedDay = UInt8(d)
  }

  public func adding(days: Int) -> CivilDate {
    let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
    return CivilDate(daysSinceEpoch: overflow ? (days > 0 ? Int.max : Int.min) : sum)
  }

  /// The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
  public func adding(months: Int) -> CivilDate {
    let total = year * 12 + (month - 1) + months
    let y = total / 12
    let m = total % 12 + 1
    let d = min(day, CivilDate.daysIn(month: m, year: y))
    return CivilDate(year: y, month: m, day: d) ?? self
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// 1 = Monday ... 7 = Sunday (ISO 8601).
  public var isoWeekday: Int {
    let d = daysSinceEpoch  // 1970-01-01 was a Thursday (4).
    return ((d % 7) + 7 + 3) % 7 + 1
  }

  /// `YYYY-MM-DD`; a year outside 0 to 9999 (only arithmetic far from any ledger makes one)
  /// with all its digits and its sign.
  public var iso: String {
    guard (0...9999).contains(year) else {
      return year.zeroPadded(to: 4) + "-" + month.zeroPadded(to: 2) + "-" + day.zeroPadded(to: 2)
    }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
      let values = [(year, 4, 0), (month, 2, 5), (day, 2, 8)]
      for (value, width, start) in values {
        var rest = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
          buffer[start + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
      }
      buffer[4] = UInt8(ascii: "-")
      buffer[7] = UInt8(ascii: "-")
      return String(decoding: buffer, as: UTF8.self)
    }
  }

  public var description: String { iso }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.storedYear, lhs.storedMonth, lhs.storedDay) < (rhs.storedYear, rhs.storedMonth, rhs.storedDay)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Today's date in UTC+8 (China Standard Time), the business day of an ardoc user.
  public static func today(utcOffsetSeconds: Int = 8 * 3600) -> CivilDate {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    let seconds = Int(spec.tv_sec) + utcOffsetSeconds
    return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
  }
}

/// Why a date could not be read.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
  case notISO(String)
  case noSuchDay(String)
  /// A real day, outside ``CivilDate/enteredYears``.
  case outOfRange(String)

  public var description: String {
    switch self {
    case .notISO(let text): return "'\(text)' is not a date in the form YYYY-MM-DD"
    case .noSuchDay(let text): return "'\(text)' is not a day of the calendar"
    case .outOfRange(let text):
      return
        "'\(text)' is outside the years \(CivilDate.enteredYears.lowerBound) to \(CivilDate.enteredYears.upperBound); check the year"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CivilDate {
  /// The months' names a document writes (the `date` filter's `MMMM`) and a reader of one
  /// reads back (the validator's dates): English, and Chinese (`十二月`).
  public static let englishMonthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
  public static let chineseMonthNames = [
    "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月",
  ]
}
