import Basics
import Foundation
import GRDB
import Ledger

/// The stored ledger as it was when the snapshot was taken, however long it is read: one read
/// transaction on its own connection, kept open until the snapshot goes away. An import that
/// commits meanwhile (WAL lets it) changes nothing the snapshot reads, so a batch that reads
/// its customers chunk by chunk from one snapshot writes every letter from one ledger version,
/// ``digest``.
///
/// ```swift
/// let snapshot = try store.snapshot()
/// let ids = try snapshot.customerIDs()
/// let c001 = try snapshot.slice(customer: ids[0])
/// ```
public final class StoreSnapshot: Sendable {
  public let path: String
  /// SHA-256 of the stored ledger's canonical JSON: the ledger version.
  public let digest: String
  /// The file or folder the ledger was imported from.
  public let source: String
  /// The issuer, stored once for every customer's slice.
  public let issuer: Issuer
  /// The checks the ledger passed when it was imported (``Ledger/LedgerReader/storedRules``),
  /// nil for a ledger imported before they were recorded.
  let checkedRules: Int?
  private let queue: DatabaseQueue

  init(path: String, lockTimeout: Double) throws(LedgerError) {
    self.path = path
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(lockTimeout)
    configuration.label = "ardoc.snapshot"
    // The read transaction is left open on purpose between reads: it is the snapshot.
    configuration.allowsUnsafeTransactions = true
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
      let row = try queue.inDatabase { db in
        try db.execute(sql: "BEGIN DEFERRED TRANSACTION")
        return try Row.fetchOne(
          db, sql: "SELECT source, digest, issuer_json, checked_rules FROM ledger_snapshot WHERE id = 1")
      }
      guard let row, let issuerData = row["issuer_json"] as Data? else {
        throw LedgerError.store(path, LedgerStore.emptyMessage)
      }
      source = row["source"]
      digest = row["digest"] ?? ""
      checkedRules = row["checked_rules"]
      issuer = try LedgerReader.parseIssuer(Array(issuerData), file: path + " (stored issuer)")
    } catch let error as LedgerError {
      throw error
    } catch {
      throw LedgerError.store(path, LedgerStore.describe(error, path: path, waited: lockTimeout).message)
    }
  }

  deinit {
    try? queue.inDatabase { db in try db.execute(sql: "ROLLBACK") }
  }

  private func failure(_ error: any Error) -> LedgerError {
    LedgerError.store(path, LedgerStore.describe(error, path: path, waited: 0).message)
  }

  /// The customers' ids, in ledger order.
  public func customerIDs() throws(LedgerError) -> [String] {
    do {
      return try queue.inDatabase { db in
        try String.fetchAll(db, sql: "SELECT customer FROM customer_slices ORDER BY position")
      }
    } catch {
      throw failure(error)
    }
  }

  /// The slices of several customers in one read; customers not stored are absent. Parse each
  /// with ``parseSlice(_:customer:)``, on any thread.
  public func sliceBytes(customers: [String]) throws(LedgerError) -> [String: [UInt8]] {
    do {
      return try queue.inDatabase { db in
        var found: [String: [UInt8]] = [:]
        found.reserveCapacity(customers.count)
        try LedgerStore.inGroups(customers) { part, marks in
          let rows = try Row.fetchCursor(
            db, sql: "SELECT customer, canonical_json FROM customer_slices WHERE customer IN (\(marks))",
            arguments: StatementArguments(part))
          while let row = try rows.next() {
            let data: Data = row[1]
            found[row[0]] = Array(data)
          }
        }
        return found
      }
    } catch {
      throw failure(error)
    }
  }

  /// A slice read by ``sliceBytes(customers:)``, with the stored issuer, through the ledger checks.
  public func parseSlice(_ bytes: [UInt8], customer: String) throws(LedgerError) -> Ledger {
    try LedgerReader.parseStored(
      bytes, file: "\(path) (customer \(customer))", issuer: issuer, checkedUnder: checkedRules)
  }

  /// The ledger a document about one customer needs: its slice, or, for a customer the store
  /// does not hold, a ledger without customers (whoever asked refuses the unknown id) instead
  /// of reading every other customer.
  public func customerLedger(_ customer: String) throws(LedgerError) -> Ledger {
    guard let bytes = try sliceBytes(customers: [customer])[customer] else {
      return Ledger(issuer: issuer, customers: [], contracts: [], invoices: [], payments: [], credits: [])
    }
    return try parseSlice(bytes, customer: customer)
  }

  /// One customer's slice; an error naming the id when the ledger has no such customer.
  public func slice(customer: String) throws(LedgerError) -> Ledger {
    guard let bytes = try sliceBytes(customers: [customer])[customer] else {
      throw LedgerError.store(path, "no customer '\(customer)' in the stored ledger")
    }
    return try parseSlice(bytes, customer: customer)
  }
}

extension LedgerStore {
  /// A snapshot of the stored ledger (see ``StoreSnapshot``); an error when none was imported.
  public func snapshot() throws(LedgerError) -> StoreSnapshot {
    try StoreSnapshot(path: path, lockTimeout: lockTimeout)
  }
}
