import Basics
import PropertyBased
import Testing

@testable import Ledger

/// Interest's day-by-day open amounts (``Receivables/openChanges(invoices:payments:credits:)``)
/// continue the allocation from day to day where they can: on every day they must be the open
/// amounts of the allocation started again from nothing with what there was that day.
@Suite struct OpenChangesTests {
  @Test func theyAreTheAllocationOfEachDay() async {
    await propertyCheck(input: Gen.int(in: 1...8), Gen.int(in: 0...8), Gen.int(in: 0...Int(Int32.max))) {
      invoiceCount, paymentCount, seed in
      var state = UInt64(seed) &+ 0x9E37_79B9
      func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
      }
      let base = day("2026-01-01")
      let invoices = (0..<invoiceCount).map { i -> Invoice in
        let issued = base.adding(days: next(120))
        return Invoice(
          number: "I\(i)", contract: "K", issuedOn: issued, dueOn: issued.adding(days: next(60)),
          amount: ExactDecimal(significand: Int128(1 + next(100_000)), scale: 2))
      }
      let payments = (0..<paymentCount).map { i -> Payment in
        // Some name an invoice issued by then; none one that comes later (that one waits).
        let received = base.adding(days: next(200))
        let named = invoices.filter { $0.issuedOn <= received }.map(\.number)
        let appliesTo = next(3) == 0 && !named.isEmpty ? [named[next(named.count)]] : []
        return Payment(
          id: "P\(i)", customer: "K1", receivedOn: received,
          amount: ExactDecimal(significand: Int128(1 + next(80_000)), scale: 2), currency: "CNY",
          appliesTo: appliesTo)
      }
      let credits = (0..<next(3)).compactMap { i -> CreditNote? in
        guard !invoices.isEmpty else { return nil }
        let invoice = invoices[next(invoices.count)]
        return CreditNote(
          number: "C\(i)", invoice: invoice.number, issuedOn: invoice.issuedOn.adding(days: next(90)),
          amount: ExactDecimal(significand: Int128(1 + next(20_000)), scale: 2))
      }
      let ledger = smallLedger(
        contracts: [Contract(id: "K", customer: "K1", amount: ExactDecimal(10_000_000))], invoices: invoices,
        payments: payments, credits: credits)
      let changes = try Receivables.openChanges(
        invoices: invoices, payments: payments, credits: Dictionary(grouping: credits, by: \.invoice))
      var day = base
      while day <= base.adding(days: 300) {
        let fresh = try Receivables(ledger, asOf: day).accounts.first?.invoices ?? []
        for status in fresh {
          let seen = changes[status.invoice.number]?.last { $0.day <= day }?.open
          #expect(seen == status.open, "\(status.invoice.number) on \(day.iso)")
        }
        day = day.adding(days: 7)
      }
    }
  }
}
