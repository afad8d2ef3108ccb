import Basics
import Vocabulary

/// A deadline the document sets (to reply, to pay, to take a discount) falls after the
/// document's date: a letter dated 30 November that asks for payment by 15 November tells the
/// reader they are already late, and a court reads the demand as giving no time at all. The
/// commands refuse such a deadline (`--deadline` not after `--date`); a template or a hand
/// edit could still print one.
enum ShownDates {
  /// The marked fields that state a deadline.
  static let deadlineFields = ["reply-by", "deadline", "discount-deadline"]

  /// An English month's name begins so (`Nov`, `November`), in lower case.
  static let months = CivilDate.englishMonthNames.map { $0.prefix(3).lowercased() }

  /// The Chinese months' names as bytes, with their months, `十一月` and `十二月` before
  /// `一月` and `二月`, which they hold.
  static let chineseMonths: [(name: [UInt8], month: Int)] = [10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map {
    (Array(CivilDate.chineseMonthNames[$0].utf8), $0 + 1)
  }

  /// The day a date's text states, in the forms a template may write (`2026年12月15日`,
  /// `2026-12-15`, `2026/12/15`, `15 December 2026`, `December 15, 2026`, `2026年十二月15日`),
  /// or nil: a year of four digits first with the month and day after it by number, or a
  /// month by name (English or Chinese) with a year and a day. Day and month by number alone
  /// (`12/11/2026`) are read in either order in different countries, so they are not read.
  static func date(_ text: String) -> CivilDate? { date(utf8: Array(text.utf8)) }

  /// The runs of ASCII digits in a text as UTF-8, as numbers (one too long for a date part
  /// reads as 100,000, which matches none).
  static func numbers(utf8 bytes: [UInt8]) -> [Int] {
    var numbers: [Int] = []
    var current: Int?
    for byte in bytes + [0] {
      if (48...57).contains(byte) {
        current = min((current ?? 0) * 10 + Int(byte - 48), 100_000)
      } else if let number = current {
        numbers.append(number)
        current = nil
      }
    }
    return numbers
  }

  /// ``date(_:)`` of a text as UTF-8, as the batch's outline gives it. Bytes, not characters:
  /// every letter of a batch states a deadline.
  static func date(utf8 bytes: [UInt8]) -> CivilDate? {
    let numbers = numbers(utf8: bytes)
    let lower = bytes.map { (65...90).contains($0) ? $0 | 0x20 : $0 }
    var named = months.indices.filter { ByteSearch.find(Array(months[$0].utf8), in: lower) != nil }.map { $0 + 1 }
    // Each Chinese name found is blanked out, so that 一月 is not found again inside 十一月.
    var rest = bytes
    for (name, month) in chineseMonths {
      var found = false
      while let at = ByteSearch.find(name, in: rest) {
        rest.replaceSubrange(at..<(at + name.count), with: [0x20])
        found = true
      }
      if found { named.append(month) }
    }
    if named.count == 1, let month = named.first {
      guard numbers.count == 2, let year = numbers.first(where: { $0 >= 1000 }),
        let day = numbers.first(where: { $0 < 1000 })
      else { return nil }
      return CivilDate(year: year, month: month, day: day)
    }
    guard named.isEmpty, numbers.count == 3, numbers[0] >= 1000 else { return nil }
    return CivilDate(year: numbers[0], month: numbers[1], day: numbers[2])
  }
}

extension Check {
  mutating func deadlines() {
    guard let date = meta(.date).flatMap({ try? CivilDate(iso: $0) }) else { return }
    for name in ShownDates.deadlineFields {
      for node in field(name) {
        let bytes = node.textUTF8
        guard let day = ShownDates.date(utf8: bytes) else {
          let text = String(decoding: bytes, as: UTF8.self)
          let later = date.adding(days: 1)
          add(
            "metadata",
            "the \(name) date reads '\(text)', which is not a date a reader can take; write the year, the month and the day, as \(later.year)年\(later.month)月\(later.day)日 or \(later.iso)",
            at: node)
          continue
        }
        if day <= date {
          add(
            "metadata",
            "the \(name) date is \(day.iso), not after the document's date \(date.iso) (\(MetaName.date.rawValue)): a reader would be late before reading it; set a later day",
            at: node)
        }
      }
    }
  }

  /// Whether `bytes` are `date` as ardoc's templates write it (`2026年11月30日`, `2026-11-30`),
  /// compared before the date is read: every letter of a batch states its date beside a seal.
  static func writesUsually(_ bytes: [UInt8], _ date: CivilDate) -> Bool {
    bytes.elementsEqual("\(date.year)年\(date.month)月\(date.day)日".utf8) || bytes.elementsEqual(date.iso.utf8)
  }
}
