import Basics
import GRDB
import Vocabulary

/// What a stopped run leaves in the register, for the next run to finish: numbers reserved for
/// letters it did not write, and letters it recorded as replaced but did not move aside.
extension LedgerStore {
  /// Voids the numbers of `kind` for `month` that a stopped run left reserved and `run` did
  /// not finish: after a run over every customer, the ledger no longer gives those letters (the
  /// customer left it, was paid up, or moved to another currency). Returns them with their
  /// customers; a reservation of a run still alive is left to it.
  public func voidAbandoned(kind: DocumentKind, month: String, run: Int64) throws(StoreError)
    -> [(number: String, customer: String)]
  {
    // The batch's own letters only: a confirmation batch writes no second notice or request
    // for payment, and cannot say the ledger no longer gives one.
    let batchLetters = kind == .confirmation ? "AND detail IS NULL" : ""
    let days = RegisterEntry.monthDays(month)
    do {
      return try queue.writeWithoutTransaction { db in
        var voided: [(number: String, customer: String)] = []
        try db.inTransaction(.immediate) {
          voided = []
          let rows = try Row.fetchAll(
            db,
            sql: """
              SELECT number, customer, run FROM documents WHERE kind = ? AND status = 'reserved' \(batchLetters)
                AND as_of >= ? AND as_of <= ? AND (run IS NULL OR run != ?) ORDER BY number
              """, arguments: [kind.rawValue, days.first, days.last, run])
          for row in rows {
            let owner: Int64? = row["run"]
            guard try !isAlive(owner) else { continue }
            let number: String = row["number"]
            try db.execute(
              sql: "UPDATE documents SET status = 'void', findings = ? WHERE number = ? AND status = 'reserved'",
              arguments: [
                "left reserved by \(owner.map { "run \($0)" } ?? "a run") that stopped; run \(run), over every customer, found no such letter in the ledger",
                number,
              ])
            if db.changesCount > 0 { voided.append((number, row["customer"])) }
          }
          return .commit
        }
        return voided
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw describe(error, path: path)
    }
  }

  /// The numbers of superseded documents of `kind` whose file the register still places outside
  /// a `superseded/` folder: a run stopped between recording that a reissue replaced them and
  /// moving their files.
  public func supersededInPlace(kind: DocumentKind) throws(StoreError) -> [String] {
    do {
      return try queue.read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT number FROM documents WHERE kind = ? AND status = 'superseded' AND path IS NOT NULL
              AND path NOT LIKE '%/superseded/%' AND path NOT LIKE 'superseded/%' ORDER BY rowid
            """, arguments: [kind.rawValue])
      }
    } catch {
      throw describe(error, path: path)
    }
  }
}
