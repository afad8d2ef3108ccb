import Basics
import Ledger
import LedgerStore

/// Where a command's ledger comes from, decided here and nowhere else, from `--ledger` and
/// the command's store (`--db`).
///
/// ```swift
/// LedgerSource(ledger: nil, store: "Output/ardoc.sqlite")          // .ownStore: the imported ledger
/// LedgerSource(ledger: "ledger.json", store: "Output/ardoc.sqlite")  // .file: read and checked whole
/// LedgerSource(ledger: "old.sqlite", store: "Output/ardoc.sqlite")   // .otherStore
/// ```
public enum LedgerSource: Sendable, Equatable {
  /// A JSON file or a folder of CSV files: read and checked whole on every use.
  case file(String)
  /// The store the command also registers its documents in: no `--ledger`, or `--ledger`
  /// naming that store.
  case ownStore(String)
  /// Another ardoc store (`.sqlite` or `.db`): its imported ledger, read only.
  case otherStore(String)

  public init(ledger: String?, store: String) {
    guard let ledger, ledger != store else {
      self = .ownStore(store)
      return
    }
    self = LedgerSource.isStorePath(ledger) ? .otherStore(ledger) : .file(ledger)
  }

  /// Whether a `--ledger` path names an ardoc store rather than a ledger file.
  public static func isStorePath(_ path: String) -> Bool { path.hasSuffix(".sqlite") || path.hasSuffix(".db") }

  /// The path it reads.
  public var path: String {
    switch self {
    case .file(let path), .ownStore(let path), .otherStore(let path): return path
    }
  }

  /// The whole ledger. A file or CSV folder larger than `maxBytes` is refused unread; a
  /// store's ledger was checked when it was imported. A store that does not exist is not
  /// created: it says how to make one.
  public func wholeLedger(encoding: TextEncoding? = nil, maxBytes: Int = LedgerReader.defaultMaxLedgerBytes)
    throws(LedgerError) -> Ledger
  {
    switch self {
    case .file(let path): return try LedgerReader.load(path, encoding: encoding, maxBytes: maxBytes)
    case .ownStore(let path), .otherStore(let path): return try existingStore(path).ledger()
    }
  }

  /// The ledger a one-customer document needs, with its version (``LedgerVersion``). From a
  /// store, only that customer's slice: issuer, customer, its contracts, invoices, payments
  /// and credit notes, the same slice the batch works on, read in milliseconds whatever the
  /// store's size. For a customer the store does not hold, a ledger without customers: the
  /// document is refused as for any unknown id, without reading every other customer. A JSON
  /// or CSV ledger is read whole: it has to be checked whole anyway.
  public func customerLedger(
    _ customer: String, encoding: TextEncoding? = nil, maxBytes: Int = LedgerReader.defaultMaxLedgerBytes
  ) throws(LedgerError) -> (ledger: Ledger, version: String) {
    switch self {
    case .file:
      let whole = try wholeLedger(encoding: encoding, maxBytes: maxBytes)
      return (whole, LedgerVersion.digest(whole))
    case .ownStore(let path), .otherStore(let path):
      let snapshot = try existingStore(path).snapshot()
      return (try snapshot.customerLedger(customer), snapshot.digest)
    }
  }

  /// What a command reading this source should tell its user besides errors (see
  /// ``Ledger/LedgerReader/readingNotes(_:encoding:ledger:)``): a CSV folder's missing
  /// payments or credit notes, files read as GB18030, a ledger without payments. A store's
  /// ledger was told about when it was imported.
  public func readingNotes(encoding: TextEncoding? = nil, ledger: Ledger? = nil) -> [String] {
    guard case .file(let path) = self else { return [] }
    return LedgerReader.readingNotes(path, encoding: encoding, ledger: ledger)
  }

  /// What a batch reads its customers from, and the store it registers in (`register`, the
  /// command's store, created when missing). A file is read once, whole; a store is read one
  /// customer at a time through one snapshot. The command's own store must hold a ledger.
  /// `notes` are the file's ``readingNotes(encoding:ledger:)``.
  public func batchSource(
    register: String, encoding: TextEncoding? = nil, maxBytes: Int = LedgerReader.defaultMaxLedgerBytes
  ) throws -> (source: BatchSource, store: LedgerStore, notes: [String]) {
    switch self {
    case .file:
      let ledger = try wholeLedger(encoding: encoding, maxBytes: maxBytes)
      let notes = readingNotes(encoding: encoding, ledger: ledger)
      return (.ledger(ledger), try LedgerStore(path: register), notes)
    case .otherStore(let path):
      return (.store(try LedgerStore.existing(path)), try LedgerStore(path: register), [])
    case .ownStore(let path):
      let store = try LedgerStore.existing(path)
      guard store.snapshotSource() != nil else {
        throw StoreError(
          path: path, message: "holds no ledger yet; pass --ledger PATH or run 'ardoc import --ledger PATH' first")
      }
      return (.store(store), store, [])
    }
  }

  /// Where a reissue rebuilds the month's batch outputs from, which name every customer: the
  /// store (`register` when it is the command's own), not one customer's slice of it; nil for
  /// a file, whose whole ledger the document was written from.
  public func rebuildSource(register: LedgerStore) throws(StoreError) -> BatchSource? {
    switch self {
    case .file: return nil
    case .ownStore: return .store(register)
    case .otherStore(let path): return .store(try LedgerStore.existing(path))
    }
  }

  private func existingStore(_ path: String) throws(LedgerError) -> LedgerStore {
    guard FileBytes.exists(path) else {
      throw LedgerError.store(path, LedgerStore.missingMessage)
    }
    do {
      return try LedgerStore(path: path)
    } catch {
      throw LedgerError.store(path, error.message)
    }
  }
}
