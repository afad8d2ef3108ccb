import Basics
import Dispatch

/// Per-customer views of a ledger: everything one customer's documents need (the issuer, the
/// customer, its contracts, invoices, payments and credit notes), so that a batch can work
/// customer by customer without holding every figure of every customer at once.
///
/// The ledger's lists are kept once, each reordered in place so that a customer's records lie
/// together (in their ledger order), with where each customer's lie: a batch from a JSON
/// ledger holds its records once, not once in the ledger and again grouped by customer.
public struct LedgerSlices: Sendable {
  public let issuer: Issuer
  public let customers: [Customer]
  /// Each customer id's first place in `customers`.
  let positions: [String: Int]
  let contracts: [Contract]
  let invoices: [Invoice]
  let payments: [Payment]
  let credits: [CreditNote]
  /// Where each customer's records lie in the lists above.
  let groups: [String: Groups]

  /// One customer's places in the grouped lists.
  struct Groups: Sendable {
    var contracts = 0..<0
    var invoices = 0..<0
    var payments = 0..<0
    var credits = 0..<0
  }

  /// Takes the ledger's lists over: a caller that keeps its ledger keeps its own copy (the
  /// lists are copied when reordered), one that passes it on holds the records once.
  ///
  /// `alongside` is given the ledger on another core while the groups are worked out, and is
  /// done before any list is reordered (so that the lists are not copied for it): a ledger's
  /// digest costs about as much as its grouping.
  ///
  /// ```swift
  /// let version = Locked("")
  /// let slices = LedgerSlices(ledger) { ledger in version.withLock { $0 = LedgerVersion.digest(ledger) } }
  /// ```
  public init(_ ledger: consuming Ledger, alongside: (@Sendable (Ledger) -> Void)? = nil) {
    let done = DispatchGroup()
    if let alongside {
      // Handed over through a lock, so that the other core's reference is gone when it is done.
      let lent = Locked<Ledger?>(ledger)
      // A queue of its own (see ``RecordList/ReadAhead``): a caller on a global queue's thread
      // waiting for it would otherwise wait for a thread.
      DispatchQueue(label: "ardoc.alongside").async(group: done) {
        guard let ledger = lent.withLock({ $0.take() }) else { return }
        alongside(ledger)
      }
    }
    issuer = ledger.issuer
    customers = ledger.customers
    var positions: [String: Int] = [:]
    for (index, customer) in ledger.customers.enumerated() where positions[customer.id] == nil {
      positions[customer.id] = index
    }
    self.positions = positions
    var owner: [String: String] = [:]
    for contract in ledger.contracts { owner[contract.id] = contract.customer }
    var invoiceOwner: [String: String] = [:]
    for invoice in ledger.invoices { invoiceOwner[invoice.number] = owner[invoice.contract] }
    var plans = (
      contracts: LedgerSlices.plan(ledger.contracts, by: \.customer),
      invoices: LedgerSlices.plan(ledger.invoices, by: { owner[$0.contract] ?? "" }),
      payments: LedgerSlices.plan(ledger.payments, by: \.customer),
      credits: LedgerSlices.plan(ledger.credits, by: { invoiceOwner[$0.invoice] ?? "" })
    )
    done.wait()

    var groups: [String: Groups] = [:]
    for (id, range) in plans.contracts.ranges { groups[id, default: Groups()].contracts = range }
    for (id, range) in plans.invoices.ranges { groups[id, default: Groups()].invoices = range }
    for (id, range) in plans.payments.ranges { groups[id, default: Groups()].payments = range }
    for (id, range) in plans.credits.ranges { groups[id, default: Groups()].credits = range }
    var contracts = ledger.contracts
    var invoices = ledger.invoices
    var payments = ledger.payments
    var credits = ledger.credits
    // Let go of the ledger's references, so that each list is reordered where it is.
    (ledger.contracts, ledger.invoices, ledger.payments, ledger.credits) = ([], [], [], [])
    LedgerSlices.reorder(&contracts, &plans.contracts.destination)
    LedgerSlices.reorder(&invoices, &plans.invoices.destination)
    LedgerSlices.reorder(&payments, &plans.payments.destination)
    LedgerSlices.reorder(&credits, &plans.credits.destination)
    (self.contracts, self.invoices, self.payments, self.credits) = (contracts, invoices, payments, credits)
    self.groups = groups
  }

  /// The customer with this id (the first, if the ledger lists it twice).
  public func customer(_ id: String) -> Customer? {
    positions[id].map { customers[$0] }
  }

  /// A consistent ledger with one customer and its records only, in their ledger order.
  public func slice(_ customer: Customer) -> Ledger {
    let places = groups[customer.id] ?? Groups()
    return Ledger(
      issuer: issuer, customers: [customer], contracts: Array(contracts[places.contracts]),
      invoices: Array(invoices[places.invoices]), payments: Array(payments[places.payments]),
      credits: Array(credits[places.credits]))
  }

  /// Reorders `items` so that the items of each key lie together, keys in the order they first
  /// appear and items of one key in their order in the list, and gives where each key's items
  /// lie. In place (each item is moved by swaps, at most once per item), so the list is never
  /// held twice.
  ///
  /// ```swift
  /// var names = ["b1", "a1", "b2"]
  /// LedgerSlices.group(&names) { String($0.prefix(1)) }  // ["b": 0..<2, "a": 2..<3]; names == ["b1", "b2", "a1"]
  /// ```
  static func group<Item>(_ items: inout [Item], by key: (Item) -> String) -> [String: Range<Int>] {
    var plan = plan(items, by: key)
    reorder(&items, &plan.destination)
    return plan.ranges
  }

  /// Where each key's items will lie, and where each item moves to, without moving any.
  static func plan<Item>(_ items: [Item], by key: (Item) -> String) -> (
    ranges: [String: Range<Int>], destination: [Int]
  ) {
    var groupOf: [String: Int] = [:]
    var keys: [String] = []
    var counts: [Int] = []
    // Each item's group first, then (below) the place it moves to.
    var destination: [Int] = []
    destination.reserveCapacity(items.count)
    for item in items {
      let name = key(item)
      if let group = groupOf[name] {
        destination.append(group)
        counts[group] += 1
      } else {
        groupOf[name] = keys.count
        destination.append(keys.count)
        keys.append(name)
        counts.append(1)
      }
    }
    var next: [Int] = []
    var ranges: [String: Range<Int>] = [:]
    var start = 0
    for (group, name) in keys.enumerated() {
      next.append(start)
      ranges[name] = start..<start + counts[group]
      start += counts[group]
    }
    for index in destination.indices {
      let group = destination[index]
      destination[index] = next[group]
      next[group] += 1
    }
    return (ranges, destination)
  }

  /// Moves each item to its `destination`, in place: each swap puts one item in its place
  /// for good (`destination` is used up doing so).
  static func reorder<Item>(_ items: inout [Item], _ destination: inout [Int]) {
    for index in items.indices {
      while destination[index] != index {
        let target = destination[index]
        items.swapAt(index, target)
        destination.swapAt(index, target)
      }
    }
  }
}
