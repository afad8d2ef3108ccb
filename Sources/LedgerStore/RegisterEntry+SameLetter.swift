import GRDB
import Vocabulary

extension RegisterEntry {
  /// The condition, on `documents`, of a letter this entry would stand beside, with its
  /// arguments: same customer, kind, currency and as-of month, and for a dunning letter the
  /// same level.
  func sameLetter(statuses: [RegisterEntry.Status]) -> (sql: String, arguments: StatementArguments) {
    let marks = RegisterEntry.sqlList(statuses)
    // A dunning letter stands per level; a second notice beside its letter, one per letter.
    let slot: String
    let days = asOfMonthDays
    var arguments: [(any DatabaseValueConvertible)?] = [customer, kind.rawValue, currency, days.first, days.last]
    if kind == .dunning || detail == ConfirmationDetail.secondNotice.rawValue {
      slot = "detail IS ?"
      arguments.append(detail)
    } else {
      slot = LedgerStore.notSecondNotice
    }
    return (
      """
      customer = ? AND kind = ? AND currency = ? AND as_of >= ? AND as_of <= ?
        AND \(slot) AND status IN (\(marks))
      """,
      StatementArguments(arguments)
    )
  }

  /// The first and last day the as-of dates of a month (`2026-11`) are compared with
  /// (`2026-11-01`, `2026-11-31`: ISO dates compare as text).
  static func monthDays(_ month: String) -> (first: String, last: String) {
    (month + "-01", month + "-31")
  }

  /// ``monthDays(_:)`` of this entry's as-of month.
  var asOfMonthDays: (first: String, last: String) { RegisterEntry.monthDays(String(asOf.iso.prefix(7))) }

  static func sqlList(_ statuses: [Status]) -> String {
    statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
  }

  /// The customers of `entries` with any letter of the entries' kind and as-of month in one of
  /// `statuses`, asked once for them all: a customer not among them has no letter that
  /// ``sameLetter(statuses:)`` finds, so it needs no query of its own (a month's first batch:
  /// none does). Nil when the entries are of more than one kind or month.
  static func customersWithLetters(_ entries: [RegisterEntry], statuses: [Status], _ db: Database) throws
    -> Set<String>?
  {
    guard let first = entries.first else { return [] }
    let days = first.asOfMonthDays
    guard entries.allSatisfy({ $0.kind == first.kind && $0.asOfMonthDays == days }) else { return nil }
    var found = Set<String>()
    try LedgerStore.inGroups(Array(Set(entries.map(\.customer)))) { part, marks in
      let customers = try String.fetchCursor(
        db,
        sql: """
          SELECT DISTINCT customer FROM documents WHERE kind = ? AND as_of >= ? AND as_of <= ?
            AND status IN (\(sqlList(statuses))) AND customer IN (\(marks))
          """,
        arguments: StatementArguments(
          [first.kind.rawValue, days.first, days.last] + part.map { $0 as any DatabaseValueConvertible }))
      while let customer = try customers.next() { found.insert(customer) }
    }
    return found
  }
}
