import Basics
import Foundation
import GRDB
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// The options that shape a letter, kept with the run that reserves its number, so that a
/// later run finishing the number writes the letter this run would have written.
public struct RunOptions: Sendable, Equatable {
  public var locale: String
  /// Written even when the validator refuses it (`--force`).
  public var force: Bool
  /// The template folders, in lookup order.
  public var templates: [String]

  public init(locale: String, force: Bool, templates: [String]) {
    self.locale = locale
    self.force = force
    self.templates = templates
  }
}

/// One process's batch or single document, from its start to its end: the numbers it reserves
/// are its own while it runs (its lock is held; see ``RunLocks``).
public struct Run: Sendable, Equatable {
  public let id: Int64
  public let pid: Int32
  public let startedAt: String
  public let kind: DocumentKind
  public let month: String
  public let folder: String
  public let batch: Bool
  public let options: RunOptions
  /// The ledger version (``StoreSnapshot/digest``) its documents come from.
  public let ledger: String?

  /// How the run is named in messages: "batch run 7 (pid 4711, started 2026-12-01T09:00:00Z)".
  public var described: String {
    "\(batch ? "batch" : "single-document") run \(id) (pid \(pid), started \(startedAt))"
  }
}

extension LedgerStore {
  /// Starts a run: records it and takes its lock, in one transaction. A batch is refused while
  /// another batch for the same kind and month runs on this store (their numbers and letters
  /// are the same register's), with that run's pid and start; runs of the kind and month that
  /// died are marked stopped, and their reserved numbers wait for a later run to finish them.
  public func beginRun(
    kind: DocumentKind, month: String, folder: String, batch: Bool, options: RunOptions, ledger: String?
  ) throws(StoreError) -> Run {
    let locks = try runLocks()
    // The run's own descriptor: a lock held through the store's would not conflict with
    // another run of this process, which would take this one for dead.
    let holder = try RunLocks(store: path)
    do {
      let run = try queue.writeWithoutTransaction { db in
        var run: Run?
        try db.inTransaction(.immediate) {
          let open = try Row.fetchAll(
            db, sql: "SELECT * FROM runs WHERE state = 'running' AND kind = ? AND month = ?",
            arguments: [kind.rawValue, month])
          for row in open {
            let other = try decodeRun(row)
            if locks.heldElsewhere(run: other.id) {
              if batch && other.batch {
                throw StoreError(
                  path: path,
                  message:
                    "a batch for \(month) \(kind.rawValue) is running (pid \(other.pid), started \(other.startedAt), writing to \(other.folder)); wait for it to finish, then run this one",
                  busy: true)
              }
            } else {
              try db.execute(sql: "UPDATE runs SET state = 'stopped' WHERE id = ?", arguments: [other.id])
            }
          }
          let started = LedgerStore.now()
          try db.execute(
            sql: """
              INSERT INTO runs (pid, started_at, kind, month, folder, batch, locale, force, templates, ledger, state)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')
              """,
            arguments: [
              getpid(), started, kind.rawValue, month, folder, batch, options.locale, options.force,
              options.templates.joined(separator: "\n"), ledger,
            ])
          let id = db.lastInsertedRowID
          // Held before the row is committed: whoever sees the run running sees it locked.
          guard holder.hold(run: id) else {
            throw StoreError(path: locks.path, message: "cannot lock run \(id); another process holds it")
          }
          run = Run(
            id: id, pid: getpid(), startedAt: started, kind: kind, month: month, folder: folder, batch: batch,
            options: options, ledger: ledger)
          return .commit
        }
        guard let run else { throw StoreError(path: path, message: "the run was not recorded") }
        return run
      }
      runHolders.withLock { $0[run.id] = holder }
      return run
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Ends a run: it is recorded as finished and its lock is released. Numbers it still holds
  /// reserved (it was stopped by an error) are for a later run to finish.
  public func endRun(_ run: Run) {
    _ = try? queue.write { db in
      try db.execute(sql: "UPDATE runs SET state = 'finished' WHERE id = ?", arguments: [run.id])
    }
    // Closing the run's descriptor releases its lock.
    runHolders.withLock { $0.removeValue(forKey: run.id) }?.release(run: run.id)
  }

  /// The run with this id.
  public func run(_ id: Int64) throws(StoreError) -> Run? {
    do {
      return try queue.read { db in
        try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(decodeRun)
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Whether the run is alive in another process (or another store object of this one).
  func isAlive(_ run: Int64?) throws(StoreError) -> Bool {
    guard let run else { return false }
    return try runLocks().heldElsewhere(run: run)
  }

  func decodeRun(_ row: Row) throws(StoreError) -> Run {
    let templates: String = row["templates"]
    let id: Int64 = row["id"]
    return Run(
      id: id, pid: row["pid"], startedAt: row["started_at"], kind: try kind(row, of: "run \(id)"), month: row["month"],
      folder: row["folder"], batch: row["batch"],
      options: RunOptions(
        locale: row["locale"], force: row["force"],
        templates: templates.isEmpty
          ? [] : templates.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)),
      ledger: row["ledger"])
  }
}

extension LedgerStore {
  /// A row's `kind` as a document kind; one this version does not know is an error, never
  /// read as another kind.
  func kind(_ row: Row, of what: String) throws(StoreError) -> DocumentKind {
    let text: String = row["kind"]
    guard let kind = DocumentKind(rawValue: text) else {
      throw StoreError(
        path: path,
        message: "\(what) has kind '\(text)', which this version of ardoc does not know; use the version that wrote it")
    }
    return kind
  }
}
