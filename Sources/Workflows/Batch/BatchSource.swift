import Basics
import Ledger
import LedgerStore

/// Where a batch reads customers from: a ledger in memory, or the store one customer at a
/// time (so that memory does not grow with the number of customers).
public enum BatchSource: Sendable {
  /// A ledger read whole, with its version (``LedgerVersion/digest(_:)``).
  case memory(LedgerSlices, version: String)
  case store(LedgerStore)

  /// A ledger in memory as a batch source: its lists are taken over (``LedgerSlices``), so a
  /// ledger passed on is held once.
  public static func ledger(_ ledger: consuming Ledger) -> BatchSource {
    // The digest on another core while the customers' records are grouped.
    let version = Locked("")
    let slices = LedgerSlices(consume ledger) { ledger in
      let digest = LedgerVersion.digest(ledger)
      version.withLock { $0 = digest }
    }
    return .memory(slices, version: version.withLock { $0 })
  }

  /// What the batch reads from for its whole run: the ledger in memory, or one snapshot of
  /// the store, so an import committing meanwhile changes none of its letters.
  func open() throws(GenerateError) -> BatchReader {
    switch self {
    case .memory(let slices, let version): return .memory(slices, version: version)
    case .store(let store):
      do {
        return .snapshot(try store.snapshot())
      } catch {
        throw .ledger(error)
      }
    }
  }
}

/// The version of a ledger: SHA-256 of its canonical JSON (``LedgerWriter``), the same whether
/// it is read from a file or from the store it was imported into.
public enum LedgerVersion {
  public static func digest(_ ledger: Ledger) -> String { SHA256.hex(digest: LedgerWriter.digest(ledger)) }
}

/// A batch's one view of its ledger.
enum BatchReader: Sendable {
  case memory(LedgerSlices, version: String)
  case snapshot(StoreSnapshot)

  /// The ledger version every letter of the run comes from.
  var version: String {
    switch self {
    case .memory(_, let version): return version
    case .snapshot(let snapshot): return snapshot.digest
    }
  }

  func customerIDs() throws(GenerateError) -> [String] {
    switch self {
    case .memory(let slices, _): return slices.customers.map(\.id)
    case .snapshot(let snapshot):
      do {
        return try snapshot.customerIDs()
      } catch {
        throw .ledger(error)
      }
    }
  }

  /// Reads one chunk of customers: the store in one statement, memory through an index.
  func prefetch(_ ids: [String]) throws(GenerateError) -> BatchChunk {
    switch self {
    case .memory(let slices, _):
      // By index: a scan of every customer for each chunk grew with the square of the ledger.
      var customers: [String: Customer] = [:]
      for id in ids where customers[id] == nil {
        if let customer = slices.customer(id) { customers[id] = customer }
      }
      return .memory(slices, customers)
    case .snapshot(let snapshot):
      do {
        return .snapshot(snapshot, try snapshot.sliceBytes(customers: ids))
      } catch {
        throw .ledger(error)
      }
    }
  }
}

/// One chunk's customers, read ahead; each is turned into a ledger on the thread that needs it.
enum BatchChunk: Sendable {
  case memory(LedgerSlices, [String: Customer])
  case snapshot(StoreSnapshot, [String: [UInt8]])

  func slice(_ id: String) throws(GenerateError) -> Ledger {
    switch self {
    case .memory(let slices, let customers):
      guard let customer = customers[id] else { throw .input("no customer '\(id)' in the ledger") }
      return slices.slice(customer)
    case .snapshot(let snapshot, let bytes):
      do {
        // A customer missing from the chunk read gets the snapshot's own error.
        guard let data = bytes[id] else { return try snapshot.slice(customer: id) }
        return try snapshot.parseSlice(data, customer: id)
      } catch {
        throw .ledger(error)
      }
    }
  }
}
