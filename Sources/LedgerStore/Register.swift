import Basics
import Foundation
import GRDB
import Ledger
import Vocabulary

/// What taking a number for a letter found (``LedgerStore/reserveLetter(_:pattern:reissue:)``).
public enum Reservation: Sendable, Equatable {
  /// The number is taken; `supersedes` is the standing letter it replaces once issued.
  case reserved(number: String, supersedes: String?)
  /// The customer already has this letter for the currency and month, and no reissue was asked.
  case standing(RegisterEntry)
  /// A reissue was asked, but the customer's reply to the standing letter is in force
  /// (`reply`: `agreed, received 2026-12-03`): a new letter would ask again what they answered.
  case answered(RegisterEntry, reply: String)
}

extension LedgerStore {
  /// Register rows that stand for a month's letter, not beside it as a second notice.
  static let notSecondNotice = "(detail IS NULL OR detail <> '\(ConfirmationDetail.secondNotice.rawValue)')"

  /// Takes the next number for `entry.kind` and records the entry as reserved, in one
  /// transaction: two processes never get the same number, and a number once taken is never
  /// given again, even if the document is never written (it is then marked void).
  public func reserve(_ entry: RegisterEntry, pattern: String) throws(StoreError) -> String {
    do {
      return try queue.writeWithoutTransaction { db in
        var number = ""
        try db.inTransaction(.immediate) {
          number = try reserve(entry, pattern: pattern, db)
          return .commit
        }
        return number
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// ``reserve(_:pattern:)`` for a letter of a monthly kind (``RegisterEntry/monthlyKinds``):
  /// when the customer already has one standing for the currency and month, it is returned
  /// and no number is taken, unless `reissue`, when the new number supersedes it. The check
  /// and the reservation are one transaction, so the batch and a single command racing each
  /// other cannot both issue.
  /// `replacing`: a disputed letter the reissue replaces although the ledger still gives its
  /// balance (its invoices changed; see the Workflows' reissue), which the dispute would
  /// otherwise keep standing.
  public func reserveLetter(_ entry: RegisterEntry, pattern: String, reissue: Bool, replacing: String? = nil)
    throws(StoreError) -> Reservation
  {
    do {
      return try queue.writeWithoutTransaction { db in
        var result = Reservation.reserved(number: "", supersedes: nil)
        try db.inTransaction(.immediate) {
          var reserved = entry
          if RegisterEntry.monthlyKinds.contains(entry.kind) {
            try takeOverReservation(of: entry, db)
            let same = entry.sameLetter(statuses: [.issued, .invalid])
            if let row = try Row.fetchOne(
              db, sql: "SELECT * FROM documents WHERE \(same.sql) ORDER BY rowid DESC LIMIT 1",
              arguments: same.arguments)
            {
              guard reissue else {
                result = .standing(try registerEntry(row))
                return .rollback
              }
              let standing = try registerEntry(row)
              // Read in the transaction: an agreement recorded meanwhile still keeps it.
              if let reply = try LedgerStore.keepsStanding(
                standing.number, stated: standing.amount, amount: entry.amount, db),
                !(standing.number == replacing && reply.hasPrefix(ReplyAnswer.disputed.rawValue))
              {
                result = .answered(standing, reply: reply)
                return .rollback
              }
              reserved.supersedes = row["number"]
            }
          }
          result = .reserved(number: try reserve(reserved, pattern: pattern, db), supersedes: reserved.supersedes)
          return .commit
        }
        return result
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// A single document's view of the same letter reserved and not finished: while its run is
  /// alive the letter is being written and this one is refused; a dead run's reservation is
  /// voided (the number is never reused), and this document gets a number of its own.
  private func takeOverReservation(of entry: RegisterEntry, _ db: Database) throws {
    let same = entry.sameLetter(statuses: [.reserved])
    for row in try Row.fetchAll(
      db, sql: "SELECT number, run FROM documents WHERE \(same.sql)", arguments: same.arguments)
    {
      let number: String = row["number"]
      let owner: Int64? = row["run"]
      if try isAlive(owner), let owner,
        let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [owner]).map(decodeRun)
      {
        throw StoreError(
          path: path,
          message:
            "\(entry.customer)'s \(entry.kind) for \(entry.asOf.iso.prefix(7)) is being written as \(number) by \(run.described); wait for it to finish",
          busy: true)
      }
      try db.execute(
        sql: "UPDATE documents SET status = 'void', findings = ? WHERE number = ?",
        arguments: [
          "left reserved by \(owner.map { "run \($0)" } ?? "a run") that stopped; replaced by a document of run \(entry.run.map(String.init) ?? "?")",
          number,
        ])
    }
  }

  private func reserve(_ entry: RegisterEntry, pattern: String, _ db: Database) throws -> String {
    let (scope, format) = NumberPattern.expand(pattern, date: entry.documentDate)
    let next = try Int.fetchOne(db, sql: "SELECT next FROM counters WHERE scope = ?", arguments: [scope]) ?? 1
    var candidate = next
    // A number typed by hand into the register could collide: skip over it.
    while try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE number = ?", arguments: [format(candidate)])
      == true
    {
      candidate += 1
    }
    let number = format(candidate)
    try db.execute(
      sql:
        "INSERT INTO counters (scope, next) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET next = excluded.next",
      arguments: [scope, candidate + 1])
    var reserved = entry
    reserved.number = number
    reserved.status = .reserved
    try insert(reserved, db)
    return number
  }

  func insert(_ e: RegisterEntry, _ db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO documents (number, kind, customer, document_date, as_of, currency, amount, sha256, path, status,
          supersedes, findings, detail, created_at, run, ledger)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        e.number, e.kind.rawValue, e.customer, e.documentDate.iso, e.asOf.iso, e.currency,
        RegisterEntry.amountText(e.amount),
        e.sha256, e.path, e.status.rawValue, e.supersedes, e.findings, e.detail, LedgerStore.now(), e.run, e.ledger,
      ])
  }

  /// Records the written file of a reserved number (or marks it void when writing failed).
  public func complete(
    number: String, status: RegisterEntry.Status, sha256: String?, path: String?, findings: String? = nil
  ) throws(StoreError) {
    try completeBatch([
      BatchCompletion(number: number, status: status, sha256: sha256, path: path, findings: findings)
    ])
  }

  /// The customers ``standing(kind:month:customers:excluding:)`` looks up: a list, or those
  /// `include` accepts.
  public enum StandingCustomers {
    case these([String])
    case accepted(by: (String) -> Bool)
  }

  /// The documents of `kind` whose as-of date is in `month` (`yyyy-mm`) and that stand (issued
  /// or written invalid; not superseded, voided or still reserved), by number, for the customers
  /// `which` picks. Rows are streamed, so a month of 100,000 documents is never held whole.
  /// Rows numbered one of `excluding` (documents the caller already has) are passed over
  /// before they are decoded: a batch looks up its own chunk's customers, whose letters it
  /// has just written.
  public func standing(
    kind: DocumentKind, month: String, customers which: StandingCustomers, excluding: Set<String> = []
  ) throws(StoreError) -> [RegisterEntry] {
    let base = """
      SELECT * FROM documents WHERE kind = ? AND as_of >= ? AND as_of <= ? AND status IN ('issued', 'invalid')
        AND \(LedgerStore.notSecondNotice)
      """
    let days = RegisterEntry.monthDays(month)
    let range: [any DatabaseValueConvertible] = [kind.rawValue, days.first, days.last]
    do {
      return try queue.read { db in
        var found: [RegisterEntry] = []
        switch which {
        case .these(let customers):
          try LedgerStore.inGroups(customers) { part, marks in
            let rows = try Row.fetchCursor(
              db, sql: base + " AND customer IN (\(marks))",
              arguments: StatementArguments(range + part.map { $0 as any DatabaseValueConvertible }))
            while let row = try rows.next() {
              if excluding.isEmpty || !excluding.contains(row["number"]) { found.append(try registerEntry(row)) }
            }
          }
        case .accepted(let include):
          let rows = try Row.fetchCursor(db, sql: base, arguments: StatementArguments(range))
          while let row = try rows.next() {
            let customer: String = row["customer"]
            guard include(customer), excluding.isEmpty || !excluding.contains(row["number"]) else { continue }
            found.append(try registerEntry(row))
          }
        }
        found.sort { NumberOrder.precedes($0.number, $1.number) }
        return found
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Register entries, oldest first, optionally for one customer and kind.
  public func entries(customer: String? = nil, kind: DocumentKind? = nil) throws(StoreError) -> [RegisterEntry] {
    do {
      return try queue.read { db in
        var sql = "SELECT * FROM documents WHERE 1 = 1"
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let customer {
          sql += " AND customer = ?"
          arguments.append(customer)
        }
        if let kind {
          sql += " AND kind = ?"
          arguments.append(kind.rawValue)
        }
        sql += " ORDER BY created_at, rowid"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(registerEntry)
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// The register entries of each of `customers`, oldest first (as ``entries(customer:kind:)``
  /// gives them one customer at a time): a batch reads a chunk's history in a few statements.
  public func entries(customers: [String]) throws(StoreError) -> [String: [RegisterEntry]] {
    do {
      return try queue.read { db in
        var found: [String: [RegisterEntry]] = [:]
        try LedgerStore.inGroups(customers) { part, marks in
          let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM documents WHERE customer IN (\(marks)) ORDER BY created_at, rowid",
            arguments: StatementArguments(part))
          for row in rows {
            let entry = try registerEntry(row)
            found[entry.customer, default: []].append(entry)
          }
        }
        return found
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Calls `body` with `ids` in groups of at most 500 and as many `?` marks, comma-separated,
  /// for an `IN (...)` list: SQLite caps bound variables, and 500 stays far below the cap.
  static func inGroups(_ ids: [String], _ body: (_ part: [String], _ marks: String) throws -> Void) rethrows {
    for start in stride(from: 0, to: ids.count, by: 500) {
      let part = Array(ids[start..<min(start + 500, ids.count)])
      try body(part, Array(repeating: "?", count: part.count).joined(separator: ","))
    }
  }

  /// A register row as a value; a kind this version does not know is an error, never read
  /// as another kind.
  func registerEntry(_ row: Row) throws(StoreError) -> RegisterEntry {
    let number: String = row["number"]
    return RegisterEntry(
      number: number, kind: try kind(row, of: "register entry \(number)"), customer: row["customer"],
      documentDate: (try? CivilDate(iso: row["document_date"] as String)) ?? CivilDate(daysSinceEpoch: 0),
      asOf: (try? CivilDate(iso: row["as_of"] as String)) ?? CivilDate(daysSinceEpoch: 0),
      currency: row["currency"], amount: (try? ExactDecimal(parsing: row["amount"] as String)) ?? .zero,
      sha256: row["sha256"], path: row["path"],
      status: RegisterEntry.Status(rawValue: row["status"]) ?? .void, supersedes: row["supersedes"],
      findings: row["findings"], detail: row["detail"], run: row["run"], ledger: row["ledger"],
      recordedOn: Self.businessDay(row["created_at"] as String?))
  }

  /// The business day (UTC+8, as ``CivilDate/today(utcOffsetSeconds:)``) of a `created_at`
  /// written by ``now()`` (`2026-12-07T01:30:00Z`), or nil when it is not in that form.
  static func businessDay(_ stamp: String?) -> CivilDate? {
    guard let stamp, stamp.utf8.count >= 13, let day = try? CivilDate(iso: String(stamp.prefix(10))) else {
      return nil
    }
    let hour = Int(stamp.dropFirst(11).prefix(2)) ?? 0
    return hour + 8 >= 24 ? day.adding(days: 1) : day
  }
}

extension LedgerStore {
  /// Records a batch's results in one transaction.
  public func completeBatch(_ completions: [BatchCompletion]) throws(StoreError) {
    do {
      try queue.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          let update = try db.cachedStatement(
            sql: """
              UPDATE documents SET status = ?, sha256 = ?, path = ?, findings = ?, ledger = coalesce(?, ledger),
                amount = coalesce(?, amount)
              WHERE number = ?
              """)
          // A completed reissue marks the document it replaces as superseded.
          let supersede = try db.cachedStatement(
            sql: """
              UPDATE documents SET status = 'superseded'
              WHERE number = (SELECT supersedes FROM documents WHERE number = ?)
              """)
          for c in completions {
            try update.execute(arguments: [
              c.status.rawValue, c.sha256, c.path, c.findings, c.ledger, c.amount.map(RegisterEntry.amountText),
              c.number,
            ])
            if c.status == .issued || c.status == .invalid { try supersede.execute(arguments: [c.number]) }
          }
          return .commit
        }
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Records where a document's file now is (a superseded one moved aside).
  public func move(number: String, to path: String) throws(StoreError) {
    do {
      try queue.write { db in
        try db.execute(sql: "UPDATE documents SET path = ? WHERE number = ?", arguments: [path, number])
      }
    } catch {
      throw describe(error, path: self.path)
    }
  }

  /// The entry for a number.
  public func entry(_ number: String) throws(StoreError) -> RegisterEntry? {
    do {
      return try queue.read { db in
        try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE number = ?", arguments: [number]).map(registerEntry)
      }
    } catch {
      throw describe(error, path: path)
    }
  }
}
