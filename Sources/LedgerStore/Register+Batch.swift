import Basics
import Foundation
import GRDB
import Ledger
import Vocabulary

/// A batch document's place in the register.
public struct BatchSlot: Sendable, Equatable {
  public enum State: String, Sendable {
    /// A new number was taken for it.
    case new
    /// An earlier run reserved its number and stopped before finishing: finish it.
    case resume
    /// Already issued this month: nothing to do.
    case done
    /// Reserved by a run that is still alive (a single document being written): not this
    /// run's to write.
    case busy
    /// Not wanted and nothing in the register: no number was taken.
    case unnumbered
  }
  public let number: String
  public let state: State
  /// The standing document a reissue replaces once this one is issued.
  public let supersedes: String?
  /// For `resume`: the options of the run that reserved the number (nil: not recorded) and
  /// the document and as-of dates it reserved it for, so the letter finished is the one it
  /// would have written. For `busy`: which run holds it.
  public var options: RunOptions? = nil
  public var date: CivilDate? = nil
  public var asOf: CivilDate? = nil
  public var heldBy: String? = nil
  /// For `resume`: when the number was reserved (seconds since 1970). A file at its path
  /// written since then is the stopped run's letter, which finishing it replaces; an older
  /// one is someone else's.
  public var reservedAt: Int? = nil
  /// For `done` in a reissue: the customer's reply to the standing letter that kept it
  /// (``LedgerStore/keepsStanding(_:stated:amount:_:)``), which a new letter would ask again.
  public var answered: String? = nil

  public init(
    number: String, state: State, supersedes: String?, options: RunOptions? = nil,
    date: CivilDate? = nil, asOf: CivilDate? = nil, heldBy: String? = nil
  ) {
    self.number = number
    self.state = state
    self.supersedes = supersedes
    self.options = options
    self.date = date
    self.asOf = asOf
    self.heldBy = heldBy
  }
}

/// What a finished batch document sets in the register.
public struct BatchCompletion: Sendable {
  public let number: String
  public let status: RegisterEntry.Status
  public let sha256: String?
  public let path: String?
  public let findings: String?
  /// The ledger version and amount the document was written with (a resumed number is
  /// finished from the ledger of the run that finishes it); nil leaves the reserved ones.
  public let ledger: String?
  public let amount: ExactDecimal?

  public init(
    number: String, status: RegisterEntry.Status, sha256: String?, path: String?, findings: String?,
    ledger: String? = nil, amount: ExactDecimal? = nil
  ) {
    self.number = number
    self.status = status
    self.sha256 = sha256
    self.path = path
    self.findings = findings
    self.ledger = ledger
    self.amount = amount
  }
}

extension LedgerStore {
  /// Numbers for a batch, in the order given, in one transaction: a document already issued
  /// for the same kind, customer and currency in the as-of month is `done`; one a run that
  /// has died reserved is taken over by `run` and resumed under its number, with the dead
  /// run's options; one a live run holds is `busy`; the others get new numbers, owned by `run`.
  /// With `reissue`, issued documents get new numbers that supersede the old ones. A candidate
  /// whose `wanted` is false (its letter failed validation before it had a number) takes no
  /// new number: it is `done` or resumed as above, or `unnumbered`.
  public func planBatch(
    _ candidates: [RegisterEntry], wanted: [Bool]? = nil, pattern: String, reissue: Bool, run: Int64
  ) throws(StoreError) -> [BatchSlot] {
    do {
      return try queue.writeWithoutTransaction { db in
        var slots: [BatchSlot] = []
        try db.inTransaction(.immediate) {
          slots = []
          // The pattern is expanded and each counter read once per chunk, not per document.
          var patterns: [CivilDate: (scope: String, number: (Int) -> String)] = [:]
          var counters: [String: Int] = [:]

          let counterQuery = try db.cachedStatement(sql: "SELECT next FROM counters WHERE scope = ?")
          let takenQuery = try db.cachedStatement(sql: "SELECT 1 FROM documents WHERE number = ?")
          // Batches that stopped before they finished, with no batch of their kind and month
          // finished since: a reissue among them is completed by this one, not done again.
          let stopped = Set(
            try Int64.fetchAll(
              db,
              sql: """
                SELECT s.id FROM runs s WHERE s.state = 'stopped' AND s.batch = 1 AND NOT EXISTS (
                  SELECT 1 FROM runs f WHERE f.state = 'finished' AND f.batch = 1 AND f.kind = s.kind
                  AND f.month = s.month AND f.id > s.id)
                """))
          // The same rule as a single letter's (reserveLetter), and a reserved one besides.
          let statuses: [RegisterEntry.Status] = [.reserved, .issued, .invalid]
          var lettered = try RegisterEntry.customersWithLetters(candidates, statuses: statuses, db)
          for (index, candidate) in candidates.enumerated() {
            var existing: Row?
            if lettered?.contains(candidate.customer) ?? true {
              let same = candidate.sameLetter(statuses: statuses)
              existing = try Row.fetchOne(
                db.cachedStatement(
                  sql: """
                    SELECT number, status, path, supersedes, run, document_date, as_of, created_at, ledger, amount FROM documents
                    WHERE \(same.sql) ORDER BY rowid DESC LIMIT 1
                    """
                ),
                arguments: same.arguments)
            }
            var supersedes: String?
            if let existing {
              let status: String = existing["status"]
              if status == RegisterEntry.Status.reserved.rawValue {
                let number: String = existing["number"]
                let owner: Int64? = existing["run"]
                let ownerRun = try owner.flatMap {
                  try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [$0]).map(decodeRun)
                }
                if owner != run, try isAlive(owner) {
                  slots.append(
                    BatchSlot(
                      number: number, state: .busy, supersedes: nil,
                      heldBy: ownerRun?.described ?? "run \(owner ?? 0)"))
                  continue
                }
                try db.execute(sql: "UPDATE documents SET run = ? WHERE number = ?", arguments: [run, number])
                var resumed = BatchSlot(
                  number: number, state: .resume, supersedes: existing["supersedes"],
                  options: ownerRun?.options, date: try? CivilDate(iso: existing["document_date"] as String),
                  asOf: try? CivilDate(iso: existing["as_of"] as String))
                resumed.reservedAt = LedgerStore.seconds(of: existing["created_at"])
                slots.append(resumed)
                continue
              }
              if !reissue || Self.reissuedByStoppedRun(existing, stopped: stopped, ledger: candidate.ledger) {
                slots.append(
                  BatchSlot(number: existing["number"], state: .done, supersedes: nil))
                continue
              }
              // Checked in the transaction that supersedes: a reply recorded while the
              // batch runs is seen here.
              // Read as a single letter's reissue reads it (``registerEntry(_:)``).
              let stated = (existing["amount"] as String?).map { (try? ExactDecimal(parsing: $0)) ?? .zero }
              if let reply = try LedgerStore.keepsStanding(
                existing["number"], stated: stated, amount: candidate.amount, db)
              {
                var kept = BatchSlot(number: existing["number"], state: .done, supersedes: nil)
                kept.answered = reply
                slots.append(kept)
                continue
              }
              supersedes = existing["number"]
            }
            if let wanted, !wanted[index] {
              slots.append(BatchSlot(number: "", state: .unnumbered, supersedes: nil))
              continue
            }
            // Stored once: putting a closure read back from the dictionary into it again wraps
            // it in one more reabstraction thunk each time (a chain 2 × chunk deep).
            let expanded: (scope: String, number: (Int) -> String)
            if let known = patterns[candidate.documentDate] {
              expanded = known
            } else {
              expanded = NumberPattern.expand(pattern, date: candidate.documentDate)
              patterns[candidate.documentDate] = expanded
            }
            var next = try counters[expanded.scope] ?? Int.fetchOne(counterQuery, arguments: [expanded.scope]) ?? 1
            while try Bool.fetchOne(takenQuery, arguments: [expanded.number(next)]) == true { next += 1 }
            counters[expanded.scope] = next + 1
            var entry = candidate
            entry.number = expanded.number(next)
            entry.status = .reserved
            entry.supersedes = supersedes
            entry.run = run
            try insert(entry, db)
            // A later candidate of the chunk sees this row, as its own question would.
            lettered?.insert(candidate.customer)
            slots.append(BatchSlot(number: entry.number, state: .new, supersedes: supersedes))
          }
          let update = try db.cachedStatement(
            sql:
              "INSERT INTO counters (scope, next) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET next = excluded.next")
          for (scope, next) in counters { try update.execute(arguments: [scope, next]) }
          return .commit
        }
        return slots
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// A letter a reissue batch wrote before it stopped, from the ledger this run reads: running
  /// the reissue again completes that run, so the letter is done, not replaced once more (its
  /// customer would get two new letters, the first superseded unseen). From another ledger it
  /// is reissued, as the ledger asks.
  static func reissuedByStoppedRun(_ existing: Row, stopped: Set<Int64>, ledger: String?) -> Bool {
    guard let run: Int64 = existing["run"], stopped.contains(run), (existing["supersedes"] as String?) != nil,
      let written: String = existing["ledger"]
    else { return false }
    return written == ledger
  }
}
