import Basics
import PropertyBased
import Testing

@testable import Ledger

/// ``LedgerSlices`` groups the ledger's lists in place by customer: whatever the order of the
/// records, each customer's slice must be its records in their ledger order, and nothing may
/// be lost or doubled.
@Suite struct GroupingTests {
  @Test func groupingKeepsEachKeysItemsInOrderAndLosesNone() async {
    await propertyCheck(input: Gen.int(in: 0...5).array(of: 0...40)) { keys in
      // Items are (key, place in the list): the place tells their original order apart.
      let original = keys.enumerated().map { ("K\($0.element)", $0.offset) }
      var items = original
      let ranges = LedgerSlices.group(&items) { $0.0 }
      let firstAppearance = original.map(\.0).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      #expect(ranges.keys.sorted() == firstAppearance.sorted())
      var start = 0
      for key in firstAppearance {
        let range = ranges[key] ?? 0..<0
        #expect(range.lowerBound == start)
        #expect(items[range].map(\.1) == original.filter { $0.0 == key }.map(\.1))
        start = range.upperBound
      }
      #expect(start == original.count)
    }
  }

  @Test func theDocumentedExample() {
    var names = ["b1", "a1", "b2"]
    let ranges = LedgerSlices.group(&names) { String($0.prefix(1)) }
    #expect(ranges == ["b": 0..<2, "a": 2..<3])
    #expect(names == ["b1", "b2", "a1"])
  }

  /// A customer's slice: its contracts, their invoices, its payments and the credit notes on
  /// its invoices, in ledger order, whatever lies between them in the lists.
  @Test func aSliceIsTheCustomersRecordsInLedgerOrder() throws {
    let day = try CivilDate(iso: "2026-10-01")
    let amount = ExactDecimal(significand: 100_00, scale: 2)
    func contract(_ id: String, _ customer: String) -> Contract { Contract(id: id, customer: customer, amount: amount) }
    func invoice(_ number: String, _ contract: String) -> Invoice {
      Invoice(number: number, contract: contract, issuedOn: day, dueOn: day, amount: amount)
    }
    func payment(_ id: String, _ customer: String) -> Payment {
      Payment(id: id, customer: customer, receivedOn: day, amount: amount, currency: "CNY")
    }
    func credit(_ number: String, _ invoice: String) -> CreditNote {
      CreditNote(number: number, invoice: invoice, issuedOn: day, amount: amount)
    }
    let ledger = Ledger(
      issuer: Issuer(name: "I"), customers: [Customer(id: "A", name: "A"), Customer(id: "B", name: "B")],
      contracts: [contract("KB1", "B"), contract("KA1", "A"), contract("KB2", "B")],
      invoices: [invoice("B1", "KB1"), invoice("A1", "KA1"), invoice("B2", "KB2"), invoice("A2", "KA1")],
      payments: [payment("PA1", "A"), payment("PB1", "B"), payment("PA2", "A")],
      credits: [credit("CB2", "B2"), credit("CA2", "A2"), credit("CB1", "B1")])
    let slices = LedgerSlices(ledger)
    let b = slices.slice(ledger.customers[1])
    #expect(b.contracts.map(\.id) == ["KB1", "KB2"])
    #expect(b.invoices.map(\.number) == ["B1", "B2"])
    #expect(b.payments.map(\.id) == ["PB1"])
    #expect(b.credits.map(\.number) == ["CB2", "CB1"])
    let a = slices.slice(ledger.customers[0])
    #expect(a.contracts.map(\.id) == ["KA1"])
    #expect(a.invoices.map(\.number) == ["A1", "A2"])
    #expect(a.payments.map(\.id) == ["PA1", "PA2"])
    #expect(a.credits.map(\.number) == ["CA2"])
    // The caller's ledger is its own: grouping reordered a copy.
    #expect(ledger.invoices.map(\.number) == ["B1", "A1", "B2", "A2"])
    #expect(slices.slice(Customer(id: "Z", name: "Z")).invoices.isEmpty)

    // A job alongside the grouping (a batch's digest) is given the ledger as it was, and the
    // slices are the same.
    let seen = Locked<Ledger?>(nil)
    let alongside = LedgerSlices(ledger) { given in seen.withLock { $0 = given } }
    #expect(seen.withLock { $0 } == ledger)
    for customer in ledger.customers { #expect(alongside.slice(customer) == slices.slice(customer)) }
  }
}
