import Basics
import Foundation
import GRDB
import Ledger

#if canImport(Glibc)
  import Glibc
#endif

/// A problem with the database itself: where, what, how to fix.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let message: String
  /// Another run is writing the same document now: the request is sound, and the same one
  /// later finds it written (a web page answers 409, not a server failure).
  public let busy: Bool

  public init(path: String, message: String, busy: Bool = false) {
    self.path = path
    self.message = message
    self.busy = busy
  }

  public var description: String { "\(path): error: \(message)" }
}

/// What an import replaced the store's ledger with.
public struct ImportSummary: Sendable, Equatable {
  public let source: String
  public let customers: Int
  public let contracts: Int
  public let invoices: Int
  public let payments: Int
  public let credits: Int

  public init(source: String, customers: Int, contracts: Int, invoices: Int, payments: Int, credits: Int) {
    self.source = source
    self.customers = customers
    self.contracts = contracts
    self.invoices = invoices
    self.payments = payments
    self.credits = credits
  }
}

/// The SQLite store (`ardoc.sqlite` by default): the imported ledger snapshot and the
/// register of issued documents.
///
/// The ledger is kept as one canonical `ardoc-ledger/1` document (read back through the same
/// checks as any ledger) plus query tables for customers, invoices and payments. An import
/// replaces all of it in one transaction: a failed import leaves the previous snapshot
/// exactly as it was.
///
/// ```swift
/// let store = try LedgerStore(path: "ardoc.sqlite")
/// try store.importLedger(try LedgerReader.load("Examples/ledger.json"), source: "Examples/ledger.json")
/// let ledger = try store.ledger()
/// ```
public final class LedgerStore: Sendable {
  public let path: String
  let queue: DatabaseQueue
  /// Seconds a write waits for another process's lock (reported when it gives up).
  let lockTimeout: Double
  /// The run locks as this store object reads them, opened by the first run (a command that
  /// only reads never creates the file). It holds no lock itself: each run holds its own
  /// through its own descriptor (``runHolders``), so that a run of this process is alive to
  /// every other run, of this process too (the web page's batches, a document written while a
  /// batch runs), as to other processes.
  private let locks = Locked<RunLocks?>(nil)
  /// The locks of this store object's runs that are going on, by run id.
  let runHolders = Locked<[Int64: RunLocks]>([:])

  func runLocks() throws(StoreError) -> RunLocks {
    let result = locks.withLock { (held: inout RunLocks?) -> Result<RunLocks, StoreError> in
      if let held { return .success(held) }
      do throws(StoreError) {
        let opened = try RunLocks(store: path)
        held = opened
        return .success(opened)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// How long a command waits for another process's lock on the store before it gives up:
  /// `ARDOC_LOCK_TIMEOUT` seconds, 30 unless set.
  public static var lockTimeout: Double {
    guard let text = getenv("ARDOC_LOCK_TIMEOUT").map({ String(cString: $0) }), let seconds = Double(text),
      seconds >= 0
    else { return 30 }
    return seconds
  }

  /// What a command that only reads says when the store it was pointed at is not there.
  public static let missingMessage = "no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH"

  /// Opens the store at `path`, which must exist: a command that only reads never creates
  /// one (it would show an empty register as if nothing had been issued).
  public static func existing(_ path: String, lockTimeout: Double = LedgerStore.lockTimeout) throws(StoreError)
    -> LedgerStore
  {
    guard FileBytes.exists(path) else { throw StoreError(path: path, message: missingMessage) }
    // An empty file would become a new store on opening: a reading command leaves it as it is.
    if FileBytes.size(path) == 0 {
      throw StoreError(
        path: path,
        message:
          "is an empty file, not an ardoc store; pass the store's path with --db, or run 'ardoc import --ledger FILE' to make one here"
      )
    }
    return try LedgerStore(path: path, lockTimeout: lockTimeout)
  }

  /// Opens (creating it and its folder if needed) the store at `path`; waits up to
  /// `lockTimeout` seconds while another process holds it, then fails with "the database is
  /// locked by another process".
  public init(path: String, lockTimeout: Double = LedgerStore.lockTimeout) throws(StoreError) {
    self.path = path
    self.lockTimeout = lockTimeout
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex, !FileBytes.exists(path) {
      do {
        try FileBytes.createFolder(String(path[..<slash]))
      } catch {
        throw StoreError(path: path, message: "cannot create its folder \(error.path): \(error.reason)")
      }
    }
    var configuration = Configuration()
    // WAL (readers never wait for a writer) is set below with one PRAGMA: it is kept in the
    // file, and GRDB's `.wal` would write to the store at every open when the WAL file is
    // empty, so a reading command would wait for another process's lock.
    // Several ardoc processes may write the register at once; wait for the lock.
    configuration.busyMode = .timeout(lockTimeout)
    configuration.label = "ardoc"
    // Two processes opening a new store at once race to create it, and SQLite reports that
    // race as busy without waiting: the loser retries, within the same time limit.
    let deadline = ContinuousClock.now + .milliseconds(Int(lockTimeout * 1000))
    while true {
      do {
        let opened = try DatabaseQueue(path: path, configuration: configuration)
        try opened.writeWithoutTransaction { db in
          let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
          guard mode == "wal" else {
            throw StoreError(
              path: path,
              message: "cannot use SQLite's WAL journal here (\(mode ?? "no answer")); put the database on a local disk"
            )
          }
        }
        try LedgerStore.migrate(opened)
        queue = opened
        return
      } catch let error as DatabaseError
        where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && ContinuousClock.now < deadline
      {
        usleep(50_000)
      } catch {
        throw LedgerStore.describe(error, path: path, waited: lockTimeout)
      }
    }
  }

  /// ``describe(_:path:waited:)`` with this store's lock timeout.
  func describe(_ error: any Error, path: String) -> StoreError {
    LedgerStore.describe(error, path: path, waited: lockTimeout)
  }

  static func describe(_ error: any Error, path: String, waited: Double) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError {
      switch error.resultCode {
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        let seconds = waited == waited.rounded() ? String(Int(waited)) : String(waited)
        return StoreError(
          path: path,
          message:
            "the database is locked by another process (waited \(seconds) s); try again when it has finished, or set ARDOC_LOCK_TIMEOUT to wait longer",
          busy: true)
      case .SQLITE_NOTADB, .SQLITE_CORRUPT:
        return StoreError(
          path: path, message: "is not an ardoc database or is damaged; restore it from a backup or choose another --db"
        )
      case .SQLITE_CANTOPEN where FileBytes.isFolder(path):
        return StoreError(path: path, message: "is a folder, not a store; pass the store's file with --db")
      case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
        return StoreError(
          path: path,
          message:
            "cannot be opened for writing (\(error.message ?? "permission denied")); check the folder's permissions")
      case .SQLITE_FULL:
        return StoreError(path: path, message: "the disk is full; free space and run the command again")
      case .SQLITE_IOERR where noSpaceLeft(beside: path):
        // With no byte left SQLite cannot even make its journal, and says only "disk I/O error".
        return StoreError(path: path, message: "the disk is full; free space and run the command again")
      default:
        return StoreError(path: path, message: error.message ?? "\(error)")
      }
    }
    return StoreError(path: path, message: "\(error)")
  }

  /// Whether the file system holding `path` has no space left for an ordinary user.
  static func noSpaceLeft(beside path: String) -> Bool {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    var info = statvfs()
    return statvfs(folder.isEmpty ? "/" : folder, &info) == 0 && info.f_bavail == 0
  }

  /// The current UTC time as ISO 8601 (`2026-11-30T09:15:02Z`), without a date formatter
  /// (creating one per register row dominated the batch's register time).
  static func now() -> String {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    let seconds = Int(spec.tv_sec)
    let day = CivilDate(daysSinceEpoch: seconds / 86_400)
    let rest = seconds % 86_400
    return
      "\(day.iso)T\((rest / 3600).zeroPadded(to: 2)):\((rest / 60 % 60).zeroPadded(to: 2)):\((rest % 60).zeroPadded(to: 2))Z"
  }

  /// The seconds since 1970 of a time written by ``now()``; nil for any other text.
  static func seconds(of stamp: String) -> Int? {
    let parts = stamp.utf8
    guard parts.count == 20, let day = try? CivilDate(iso: String(stamp.prefix(10))) else { return nil }
    let clock = stamp.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
    guard clock.count == 3 else { return nil }
    return day.daysSinceEpoch * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
  }

  // MARK: Ledger snapshot

  /// Replaces the stored ledger in one transaction. The issuer is kept once, beside the
  /// ledger, not in each customer's slice; the ledger's digest (SHA-256 of its canonical JSON)
  /// names this version of it in every document issued from it.
  @discardableResult
  public func importLedger(_ ledger: Ledger, source: String) throws(StoreError) -> ImportSummary {
    let canonical = LedgerWriter.json(ledger)
    let digest = SHA256.hex(canonical)
    let customersOf = Dictionary(
      ledger.contracts.map { ($0.id, ($0.customer, $0.currency)) }, uniquingKeysWith: { a, _ in a })
    do {
      try queue.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          try db.execute(
            sql: """
              DELETE FROM ledger_snapshot; DELETE FROM customers; DELETE FROM invoices; DELETE FROM payments;
              DELETE FROM customer_slices;
              """)
          let slices = LedgerSlices(ledger)
          let slice = try db.makeStatement(
            sql: "INSERT INTO customer_slices (customer, position, canonical_json) VALUES (?, ?, ?)")
          for (position, customer) in ledger.customers.enumerated() {
            try slice.execute(arguments: [
              customer.id, position, Data(LedgerWriter.json(slices.slice(customer), issuer: false)),
            ])
          }
          try db.execute(
            sql: """
              INSERT INTO ledger_snapshot (id, source, imported_at, canonical_json, digest, issuer_json, checked_rules)
              VALUES (1, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              source, LedgerStore.now(), Data(canonical), digest, Data(LedgerWriter.json(ledger.issuer)),
              LedgerReader.storedRules,
            ])
          let customer = try db.makeStatement(sql: "INSERT INTO customers (id, name, non_malicious) VALUES (?, ?, ?)")
          for c in ledger.customers { try customer.execute(arguments: [c.id, c.name, c.nonMalicious]) }
          let invoice = try db.makeStatement(
            sql:
              "INSERT INTO invoices (number, contract, customer, currency, issued_on, due_on, amount) VALUES (?, ?, ?, ?, ?, ?, ?)"
          )
          for i in ledger.invoices {
            let owner = customersOf[i.contract]
            try invoice.execute(arguments: [
              i.number, i.contract, owner?.0 ?? "", owner?.1 ?? "", i.issuedOn.iso, i.dueOn.iso, i.amount.description,
            ])
          }
          let payment = try db.makeStatement(
            sql: "INSERT INTO payments (id, customer, currency, received_on, amount) VALUES (?, ?, ?, ?, ?)")
          for p in ledger.payments {
            try payment.execute(arguments: [p.id, p.customer, p.currency, p.receivedOn.iso, p.amount.description])
          }
          return .commit
        }
      }
    } catch {
      throw describe(error, path: path)
    }
    return ImportSummary(
      source: source, customers: ledger.customers.count, contracts: ledger.contracts.count,
      invoices: ledger.invoices.count, payments: ledger.payments.count, credits: ledger.credits.count)
  }

  /// The stored ledger, checked again on the way out.
  public func ledger() throws(LedgerError) -> Ledger {
    let row: Row?
    do {
      row = try queue.read { db in
        try Row.fetchOne(db, sql: "SELECT source, canonical_json, checked_rules FROM ledger_snapshot WHERE id = 1")
      }
    } catch {
      let e = describe(error, path: path)
      throw LedgerError.store(path, e.message)
    }
    guard let row, let data = row["canonical_json"] as Data? else {
      throw LedgerError.store(path, LedgerStore.emptyMessage)
    }
    return try LedgerReader.parseStored(
      Array(data), file: path + " (stored ledger)", checkedUnder: row["checked_rules"] as Int?)
  }

  /// What a store without an imported ledger says.
  static let emptyMessage = "holds no ledger yet; run 'ardoc import --ledger PATH' first"

  /// One customer's slice of the stored ledger (issuer, customer, its contracts, invoices,
  /// payments and credit notes), read back through the ledger checks.
  public func slice(customer: String) throws(LedgerError) -> Ledger {
    try snapshot().slice(customer: customer)
  }

  /// Where the stored ledger came from, if there is one.
  public func snapshotSource() -> String? {
    try? queue.read { db in try String.fetchOne(db, sql: "SELECT source FROM ledger_snapshot WHERE id = 1") }
  }
}
