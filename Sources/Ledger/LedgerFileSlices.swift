import Basics

/// A JSON ledger file as a batch reads it: checked and built whole once, then held only as
/// where each customer's records are in the file. Each customer's slice (the issuer, the
/// customer, its contracts, invoices, payments and credit notes, as ``LedgerSlices`` groups
/// them) is read again from the open file and built when the batch reaches it, so a batch's
/// memory does not hold the model beside its letters, as from the store.
///
/// ```swift
/// let (ledger, slices) = try LedgerReader.loadForBatch("ledger.json")
/// let version = LedgerVersion.digest(ledger)   // then the model can go
/// let c001 = try slices?.slice("C001")          // the same as LedgerSlices(ledger).slice(...)
/// ```
public struct LedgerFileSlices: Sendable {
  public let issuer: Issuer
  /// Customer ids in ledger order.
  public let customerIDs: [String]
  let file: FileBytes.Reader
  /// Each customer id's first place in the customers list.
  let positions: [String: Int]
  let customers: JSONItems
  let contracts: Group
  let invoices: Group
  let payments: Group
  let credits: Group

  /// One list's items by customer: the items of the customer at position `p` are
  /// `order[bounds[p]..<bounds[p + 1]]`, in file order.
  struct Group: Sendable {
    let items: JSONItems
    let order: [Int32]
    let bounds: [Int32]

    /// Groups `owners` (each item's customer position, or nil for none) by customer.
    init(_ items: JSONItems, owners: [Int?], customers: Int) {
      var counts = [Int32](repeating: 0, count: customers + 1)
      for case let owner? in owners { counts[owner + 1] += 1 }
      for index in 1..<counts.count { counts[index] += counts[index - 1] }
      var next = counts
      var order = [Int32](repeating: 0, count: Int(counts[customers]))
      for (index, owner) in owners.enumerated() {
        guard let owner else { continue }
        order[Int(next[owner])] = Int32(index)
        next[owner] += 1
      }
      self.items = items
      self.order = order
      bounds = counts
    }

    func node(_ position: Int) -> JSONNode {
      items.array(of: order[Int(bounds[position])..<Int(bounds[position + 1])].map(Int.init))
    }
  }

  /// The index of `ledger`, built from `root` (read by ``LedgerReader/checkedNode(_:maxBytes:)``,
  /// its lists reading their items from `file`); nil when the lists are not read from the file
  /// (a pipe) or do not match the model one to one.
  init?(_ ledger: Ledger, root: JSONNode, file: FileBytes.Reader) {
    var lists: [String: JSONItems] = [:]
    for key in ["customers", "contracts", "invoices", "payments", "credits"] {
      guard let node = root[key] else { continue }
      guard case .deferredArray(let items) = node.value else { return nil }
      lists[key] = items
    }
    let customers = lists["customers"] ?? .empty
    let contracts = lists["contracts"] ?? .empty
    let invoices = lists["invoices"] ?? .empty
    let payments = lists["payments"] ?? .empty
    let credits = lists["credits"] ?? .empty
    guard customers.count == ledger.customers.count, contracts.count == ledger.contracts.count,
      invoices.count == ledger.invoices.count, payments.count == ledger.payments.count,
      credits.count == ledger.credits.count
    else { return nil }
    var positions: [String: Int] = [:]
    positions.reserveCapacity(ledger.customers.count)
    for (index, customer) in ledger.customers.enumerated() where positions[customer.id] == nil {
      positions[customer.id] = index
    }
    // The owners LedgerSlices gives each record: a contract's customer, an invoice's
    // contract's, a credit note's invoice's.
    var contractOwner: [String: Int] = [:]
    contractOwner.reserveCapacity(ledger.contracts.count)
    for contract in ledger.contracts { contractOwner[contract.id] = positions[contract.customer] }
    var invoiceOwner: [String: Int] = [:]
    invoiceOwner.reserveCapacity(ledger.invoices.count)
    for invoice in ledger.invoices { invoiceOwner[invoice.number] = contractOwner[invoice.contract] }
    let count = ledger.customers.count
    self.issuer = ledger.issuer
    self.customerIDs = ledger.customers.map(\.id)
    self.file = file
    self.positions = positions
    self.customers = customers
    self.contracts = Group(contracts, owners: ledger.contracts.map { positions[$0.customer] }, customers: count)
    self.invoices = Group(invoices, owners: ledger.invoices.map { contractOwner[$0.contract] }, customers: count)
    self.payments = Group(payments, owners: ledger.payments.map { positions[$0.customer] }, customers: count)
    self.credits = Group(credits, owners: ledger.credits.map { invoiceOwner[$0.invoice] }, customers: count)
  }

  /// The customer's slice, read again from the file and built through the ledger checks; nil
  /// for an id the ledger does not hold. A file changed since it was checked is refused, and
  /// so is one that can no longer be read: the slice would be of another version.
  public func slice(_ id: String) throws(LedgerError) -> Ledger? {
    guard let position = positions[id] else { return nil }
    let root = JSONNode(object: [
      ("format", JSONNode(string: LedgerReader.format)),
      ("customers", customers.array(of: [position])),
      ("contracts", contracts.node(position)),
      ("invoices", invoices.node(position)),
      ("payments", payments.node(position)),
      ("credits", credits.node(position)),
    ])
    let built: Result<Ledger, LedgerError>
    do {
      built = .success(try LedgerReader.parseJSON(root, file: file.path, issuer: issuer))
    } catch {
      built = .failure(error)
    }
    // Messages that name the file themselves: a batch shows them as its reason to stop.
    if let reason = file.readFailure {
      throw LedgerError([
        LedgerIssue(file: file.path, line: 0, field: "", message: "cannot read \(file.path) again: \(reason)")
      ])
    }
    guard file.unchanged else {
      throw LedgerError([
        LedgerIssue(
          file: file.path, line: 0, field: "",
          message:
            "\(file.path) changed while the batch was reading it (at customer \(id)); the letters written before stand: run the batch again once nothing is writing to it"
        )
      ])
    }
    return try built.get()
  }
}

extension LedgerReader {
  /// A ledger for a batch: the model, checked whole (for its digest and every check), and for
  /// a JSON file that can be read again (not a pipe, not CSV), where each customer's records
  /// are, so that the batch can let the model go (``LedgerFileSlices``).
  public static func loadForBatch(
    _ path: String, encoding: TextEncoding? = nil, maxBytes: Int = defaultMaxLedgerBytes
  ) throws(LedgerError) -> (ledger: Ledger, slices: LedgerFileSlices?) {
    let read = try loadChecked(path, encoding: encoding, maxBytes: maxBytes)
    guard let root = read.root, let file = read.file, file.isRegularFile else { return (read.ledger, nil) }
    return (read.ledger, LedgerFileSlices(read.ledger, root: root, file: file))
  }
}
