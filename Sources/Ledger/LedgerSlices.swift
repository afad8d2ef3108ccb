import Basics

/// Per-customer views of a ledger: everything one customer's documents need (the issuer, the
/// customer, its contracts, invoices, payments and credit notes), so that a batch can work
/// customer by customer without holding every figure of every customer at once.
public struct LedgerSlices: Sendable {
  public let issuer: Issuer
  public let customers: [Customer]
  /// Each customer id's first place in `customers`.
  let positions: [String: Int]
  let contracts: [String: [Contract]]
  let invoices: [String: [Invoice]]
  let payments: [String: [Payment]]
  let credits: [String: [CreditNote]]

  public init(_ ledger: Ledger) {
    issuer = ledger.issuer
    customers = ledger.customers
    var positions: [String: Int] = [:]
    for (index, customer) in ledger.customers.enumerated() where positions[customer.id] == nil {
      positions[customer.id] = index
    }
    self.positions = positions
    contracts = Dictionary(grouping: ledger.contracts, by: \.customer)
    var owner: [String: String] = [:]
    for contract in ledger.contracts { owner[contract.id] = contract.customer }
    invoices = Dictionary(grouping: ledger.invoices, by: { owner[$0.contract] ?? "" })
    payments = Dictionary(grouping: ledger.payments, by: \.customer)
    var invoiceOwner: [String: String] = [:]
    for invoice in ledger.invoices { invoiceOwner[invoice.number] = owner[invoice.contract] }
    credits = Dictionary(grouping: ledger.credits, by: { invoiceOwner[$0.invoice] ?? "" })
  }

  /// The customer with this id (the first, if the ledger lists it twice).
  public func customer(_ id: String) -> Customer? {
    positions[id].map { customers[$0] }
  }

  /// A consistent ledger with one customer and its records only.
  public func slice(_ customer: Customer) -> Ledger {
    Ledger(
      issuer: issuer, customers: [customer], contracts: contracts[customer.id] ?? [],
      invoices: invoices[customer.id] ?? [], payments: payments[customer.id] ?? [],
      credits: credits[customer.id] ?? [])
  }
}
