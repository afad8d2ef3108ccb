import Basics

/// Money applied from a payment to an invoice, and the day it reduces the invoice.
public struct Allocation: Sendable, Equatable {
  public let payment: String
  public let invoice: String
  public let amount: ExactDecimal
  /// max(receivedOn, issuedOn): a payment received before an invoice existed reduces it
  /// only from the invoice's issue date.
  public let effectiveOn: CivilDate
}

/// An invoice as it stands at the as-of date.
public struct InvoiceStatus: Sendable, Equatable {
  public let invoice: Invoice
  public let customer: String
  public let currency: String
  /// Credit notes issued on or before the as-of date.
  public let credited: ExactDecimal
  /// Payments allocated to it.
  public let paid: ExactDecimal
  /// amount − credited − paid.
  public let open: ExactDecimal
  /// As-of date minus due date, when positive; 0 otherwise.
  public let daysOverdue: Int
}

/// One customer's position in one currency.
public struct Account: Sendable, Equatable {
  public let customer: String
  public let currency: String
  public let invoices: [InvoiceStatus]
  /// Payment money not applied to any invoice: a credit in the customer's favour.
  public let unappliedCredit: ExactDecimal
  /// Open invoices minus unapplied credit.
  public let balance: ExactDecimal

  /// The days overdue of the oldest invoice with principal still owed (an invoice credited
  /// beyond its amount is owed nothing and is not overdue).
  public var maxDaysOverdue: Int { invoices.filter { $0.open > .zero }.map(\.daysOverdue).max() ?? 0 }
  /// The open amounts of the invoices past due (an over-credited one counts below zero).
  public let overdueAmount: ExactDecimal
  public var openInvoices: [InvoiceStatus] { invoices.filter { !$0.open.isZero } }
}

/// The receivables of a ledger at a date: allocation of payments, open amounts, balances.
///
/// Allocation follows docs/design.md section 4: payments in (receivedOn, id) order; each goes first
/// to its `appliesTo` invoices in order, then first-in-first-out to the customer's open
/// invoices in its currency by (dueOn, issuedOn, number); what is left is unapplied credit.
///
/// ```swift
/// let receivables = try Receivables(ledger, asOf: try CivilDate(iso: "2026-11-30"))
/// receivables.account(customer: "C001", currency: "CNY")?.balance
/// ```
public struct Receivables: Sendable {
  public let asOf: CivilDate
  public let accounts: [Account]
  public let allocations: [Allocation]
  /// Credit notes effective at the as-of date, by invoice number.
  public let creditsByInvoice: [String: [CreditNote]]

  /// Throws ``DecimalError/overflow`` only for amounts beyond what import accepts (10^16
  /// each): sums of imported amounts stay far inside the 38 digits `ExactDecimal` holds.
  public init(_ ledger: Ledger, asOf: CivilDate) throws(DecimalError) {
    self.asOf = asOf
    var contractInfo: [String: (customer: String, currency: String)] = [:]
    for contract in ledger.contracts { contractInfo[contract.id] = (contract.customer, contract.currency) }

    var credits: [String: [CreditNote]] = [:]
    for credit in ledger.credits where credit.issuedOn <= asOf { credits[credit.invoice, default: []].append(credit) }
    creditsByInvoice = credits

    struct Key: Hashable {
      let customer: String
      let currency: String
    }
    var invoicesByAccount: [Key: [Invoice]] = [:]
    var accountOrder: [Key] = []
    for invoice in ledger.invoices where invoice.issuedOn <= asOf {
      guard let info = contractInfo[invoice.contract] else { continue }
      let key = Key(customer: info.customer, currency: info.currency)
      if invoicesByAccount[key] == nil { accountOrder.append(key) }
      invoicesByAccount[key, default: []].append(invoice)
    }
    var paymentsByCustomer: [String: [Payment]] = [:]
    for payment in ledger.payments where payment.receivedOn <= asOf {
      paymentsByCustomer[payment.customer, default: []].append(payment)
      let key = Key(customer: payment.customer, currency: payment.currency)
      if invoicesByAccount[key] == nil {
        invoicesByAccount[key] = []
        accountOrder.append(key)
      }
    }

    var allocations: [Allocation] = []
    var accounts: [Account] = []
    let customerOrder = Dictionary(uniqueKeysWithValues: ledger.customers.enumerated().map { ($1.id, $0) })
    accountOrder.sort {
      let a = customerOrder[$0.customer] ?? Int.max
      let b = customerOrder[$1.customer] ?? Int.max
      return a != b ? a < b : $0.currency < $1.currency
    }

    for key in accountOrder {
      let invoices = invoicesByAccount[key] ?? []
      let payments = (paymentsByCustomer[key.customer] ?? []).filter { $0.currency == key.currency }
      let allocated = try Self.allocate(invoices: invoices, payments: payments, credits: credits)
      let (remaining, paid, unapplied) = (allocated.remaining, allocated.paid, allocated.unapplied)
      allocations += allocated.allocations
      var statuses: [InvoiceStatus] = []
      var openTotal = ExactDecimal.zero
      var overdue = ExactDecimal.zero
      for invoice in invoices {
        let open = remaining[invoice.number] ?? .zero
        let credited = try ExactDecimal.sum((credits[invoice.number] ?? []).map(\.amount))
        openTotal = try openTotal.adding(open)
        if invoice.dueOn < asOf { overdue = try overdue.adding(open) }
        statuses.append(
          InvoiceStatus(
            invoice: invoice, customer: key.customer, currency: key.currency, credited: credited,
            paid: paid[invoice.number] ?? .zero, open: open, daysOverdue: max(0, invoice.dueOn.days(until: asOf))))
      }
      accounts.append(
        Account(
          customer: key.customer, currency: key.currency, invoices: statuses, unappliedCredit: unapplied,
          balance: try openTotal.subtracting(unapplied), overdueAmount: overdue))
    }
    self.accounts = accounts
    self.allocations = allocations
  }

  /// One account's allocation (docs/design.md section 4) of `payments` to `invoices`, less
  /// `credits` by invoice; the caller passes what exists at the day it allocates at.
  struct Allocated {
    /// Each invoice's open amount: its amount less its credits and the money allocated to it.
    var remaining: [String: ExactDecimal] = [:]
    var paid: [String: ExactDecimal] = [:]
    var allocations: [Allocation] = []
    var unapplied = ExactDecimal.zero
  }

  static func allocate(invoices: [Invoice], payments: [Payment], credits: [String: [CreditNote]])
    throws(DecimalError) -> Allocated
  {
    var allocator = try Allocator(invoices: invoices, credits: credits)
    for payment in payments.sorted(by: { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }) {
      try allocator.pay(payment)
    }
    return allocator.result
  }

  /// The allocation under way: the invoices and credit notes it allocates to, and the payments
  /// taken so far, in (receivedOn, id) order. A payment that comes after all those taken
  /// continues it; anything else starts a new one.
  struct Allocator {
    private(set) var result = Allocated()
    private var issued: [String: CivilDate] = [:]
    private var fifo: [String]
    private var fifoStart = 0
    /// The first-in-first-out order's last invoice, by (dueOn, issuedOn, number).
    private var last: (CivilDate, CivilDate, String)?

    init(invoices: [Invoice], credits: [String: [CreditNote]]) throws(DecimalError) {
      for invoice in invoices {
        let credited = try ExactDecimal.sum((credits[invoice.number] ?? []).map(\.amount))
        result.remaining[invoice.number] = try invoice.amount.subtracting(credited)
        issued[invoice.number] = invoice.issuedOn
      }
      let ordered = invoices.sorted {
        ($0.dueOn, $0.issuedOn, $0.number) < ($1.dueOn, $1.issuedOn, $1.number)
      }
      fifo = ordered.map(\.number)
      last = ordered.last.map { ($0.dueOn, $0.issuedOn, $0.number) }
    }

    /// Adds invoices (without credit notes) that come after every invoice it has in the
    /// first-in-first-out order, and gives them the unapplied credit, first in, first out:
    /// the open amounts are those of starting again with them, where each payment's leftover
    /// reaches them last. False, and nothing changed, when one would come earlier. The money
    /// given them is not recorded as allocations (the open amounts are what this is for).
    mutating func append(_ invoices: [Invoice]) throws(DecimalError) -> Bool {
      let ordered = invoices.sorted {
        ($0.dueOn, $0.issuedOn, $0.number) < ($1.dueOn, $1.issuedOn, $1.number)
      }
      guard let first = ordered.first else { return true }
      if let last, last >= (first.dueOn, first.issuedOn, first.number) { return false }
      var left = result.unapplied
      for invoice in ordered {
        let given = min(invoice.amount, left)
        result.remaining[invoice.number] = try invoice.amount.subtracting(given)
        if given > .zero { result.paid[invoice.number] = given }
        left = try left.subtracting(given)
        issued[invoice.number] = invoice.issuedOn
        fifo.append(invoice.number)
      }
      result.unapplied = left
      last = ordered.last.map { ($0.dueOn, $0.issuedOn, $0.number) }
      return true
    }

    /// Takes `payment`: first its `appliesTo` invoices in order, then the open invoices first
    /// in, first out; what is left is unapplied credit.
    mutating func pay(_ payment: Payment) throws(DecimalError) {
      var left = payment.amount
      func apply(_ number: String, _ result: inout Allocated) throws(DecimalError) {
        guard left > .zero, let open = result.remaining[number], open > .zero, let issuedOn = issued[number] else {
          return
        }
        let amount = min(open, left)
        result.remaining[number] = try open.subtracting(amount)
        left = try left.subtracting(amount)
        result.paid[number] = try (result.paid[number] ?? .zero).adding(amount)
        result.allocations.append(
          Allocation(
            payment: payment.id, invoice: number, amount: amount, effectiveOn: max(payment.receivedOn, issuedOn)))
      }
      for number in payment.appliesTo { try apply(number, &result) }
      while fifoStart < fifo.count, (result.remaining[fifo[fifoStart]] ?? .zero) <= .zero { fifoStart += 1 }
      var index = fifoStart
      while left > .zero, index < fifo.count {
        try apply(fifo[index], &result)
        index += 1
      }
      result.unapplied = try result.unapplied.adding(left)
    }
  }

  public func account(customer: String, currency: String) -> Account? {
    accounts.first { $0.customer == customer && $0.currency == currency }
  }

  public func accounts(customer: String) -> [Account] { accounts.filter { $0.customer == customer } }

  public func allocations(toInvoice number: String) -> [Allocation] { allocations.filter { $0.invoice == number } }
}
