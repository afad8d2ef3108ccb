import Basics
import Ledger
import LedgerStore

/// Where a batch reads customers from: a ledger in memory, or the store one customer at a
/// time (so that memory does not grow with the number of customers).
public enum BatchSource: Sendable {
  case memory(LedgerSlices)
  case store(LedgerStore)

  func customerIDs() throws(GenerateError) -> [String] {
    switch self {
    case .memory(let slices): return slices.customers.map(\.id)
    case .store(let store):
      do {
        return try store.customerIDs()
      } catch {
        throw .store(error)
      }
    }
  }

  /// Reads one chunk of customers: the store in one statement, memory through an index.
  func prefetch(_ ids: [String]) throws(GenerateError) -> BatchChunk {
    switch self {
    case .memory(let slices):
      let wanted = Set(ids)
      var customers: [String: Customer] = [:]
      for customer in slices.customers where wanted.contains(customer.id) && customers[customer.id] == nil {
        customers[customer.id] = customer
      }
      return .memory(slices, customers)
    case .store(let store):
      do {
        return .store(store, try store.sliceBytes(customers: ids))
      } catch {
        throw .input(error.description)
      }
    }
  }
}

/// One chunk's customers, read ahead; each is turned into a ledger on the thread that needs it.
enum BatchChunk: Sendable {
  case memory(LedgerSlices, [String: Customer])
  case store(LedgerStore, [String: [UInt8]])

  func slice(_ id: String) throws(GenerateError) -> Ledger {
    switch self {
    case .memory(let slices, let customers):
      guard let customer = customers[id] else { throw .input("no customer '\(id)' in the ledger") }
      return slices.slice(customer)
    case .store(let store, let bytes):
      do {
        // A customer missing from the chunk read gets the store's own error.
        guard let data = bytes[id] else { return try store.slice(customer: id) }
        return try store.parseSlice(data, customer: id)
      } catch {
        throw .input(error.description)
      }
    }
  }
}
