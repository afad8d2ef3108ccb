import Basics
import Ledger
import PropertyBased
import Testing

/// Late interest (docs/design.md section 4) worked by hand, period by period: one invoice of
/// 100,000.00 due 2026-01-31, so interest runs from 2026-02-01.
@Suite struct InterestPeriodTests {
  static func line(
    rate: String, asOf: String, payments: [(String, String)] = [], credits: [(String, String)] = []
  ) throws -> InterestLine {
    let ledger = smallLedger(
      contracts: [
        Contract(
          id: "K", customer: "K1", amount: d("100000.00"),
          lateInterest: InterestTerms(annualRate: d(rate), basis: .act365, clause: "第8条"))
      ],
      invoices: [
        Invoice(
          number: "I", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: d("100000.00"))
      ],
      payments: payments.enumerated().map {
        Payment(
          id: "P\($0.offset)", customer: "K1", receivedOn: day($0.element.0), amount: d($0.element.1), currency: "CNY")
      },
      credits: credits.enumerated().map {
        CreditNote(number: "CN\($0.offset)", invoice: "I", issuedOn: day($0.element.0), amount: d($0.element.1))
      })
    let receivables = try Receivables(ledger, asOf: day(asOf))
    let account = try #require(receivables.accounts.first)
    return try #require(try receivables.lateInterest(account, ledger: ledger, policy: .standard).first)
  }

  /// Each period as "from to days principal interest".
  static func periods(_ line: InterestLine) -> [String] {
    line.periods.map { "\($0.from.iso) \($0.to.iso) \($0.days) \($0.principal) \($0.interest)" }
  }

  /// The interest lines of A (100,000.00 issued 2026-01-01, due 2026-01-31) and B (100,000.00
  /// issued and due as given) at 3.65% ACT/365, 10.00 a day on 100,000.00, with one payment
  /// P1 of 100,000.00 and the credit notes given.
  static func twoInvoices(
    b: (issued: String, due: String), paid: String, appliesTo: [String] = [], credits: [CreditNote] = [], asOf: String
  ) throws -> [InterestLine] {
    let ledger = smallLedger(
      contracts: [
        Contract(
          id: "K", customer: "K1", amount: d("200000.00"),
          lateInterest: InterestTerms(annualRate: d("0.0365"), basis: .act365))
      ],
      invoices: [
        Invoice(
          number: "A", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: d("100000.00")),
        Invoice(number: "B", contract: "K", issuedOn: day(b.issued), dueOn: day(b.due), amount: d("100000.00")),
      ],
      payments: [
        Payment(
          id: "P1", customer: "K1", receivedOn: day(paid), amount: d("100000.00"), currency: "CNY",
          appliesTo: appliesTo)
      ],
      credits: credits)
    let receivables = try Receivables(ledger, asOf: day(asOf))
    let account = try #require(receivables.accounts.first)
    return try receivables.lateInterest(account, ledger: ledger, policy: .standard)
  }

  /// Each period as "from to principal interest".
  static func spans(_ line: InterestLine) -> [String] {
    line.periods.map { "\($0.from.iso) \($0.to.iso) \($0.principal) \($0.interest)" }
  }

  @Test func paidLateInFull() throws {
    // 3.65% ACT/365 is 10.00 a day on 100,000.00; paid on 2026-02-10: 9 days, 90.00. The
    // interest stays claimable after the payment, with no principal left.
    let line = try Self.line(rate: "0.0365", asOf: "2026-03-31", payments: [("2026-02-10", "100000.00")])
    #expect(Self.periods(line) == ["2026-02-01 2026-02-09 9 100000.00 90.00"])
    #expect(line.interest == d("90.00"))
    #expect(line.principal == d("0.00"))
    #expect(line.paidOn == day("2026-02-10"))
    #expect(line.interestDays == 9)
    #expect(line.days == 59)
    #expect(line.source == .contract(id: "K", clause: "第8条"))
  }

  @Test func paidLateInPartWithCumulativeRounding() throws {
    // 4.50%: 100,000.00 × 4 days × 4.5% ÷ 365 = 49.3150… and 50,000.00 × 50 days = 308.2191…;
    // the invoice's interest is (49.3150… + 308.2191…) = 357.5342… → 357.53, rounded once.
    // The first period shows 49.32; the second 357.53 − 49.32 = 308.21 (its own product would
    // round to 308.22), so the periods add up to the invoice's interest exactly.
    let line = try Self.line(rate: "0.045", asOf: "2026-03-26", payments: [("2026-02-05", "50000.00")])
    #expect(
      Self.periods(line) == [
        "2026-02-01 2026-02-04 4 100000.00 49.32", "2026-02-05 2026-03-26 50 50000.00 308.21",
      ])
    #expect(line.interest == d("357.53"))
    #expect(line.principalDays == d("2900000.00"))
    #expect(line.principal == d("50000.00"))
    #expect(line.paidOn == nil)
  }

  @Test func creditNoteAfterTheDueDate() throws {
    // 30,000.00 credited on 2026-02-15 was never owed, before that day either: 59 days on
    // 70,000.00 (7.00 a day, 413.00), not 14 days on 100,000.00 first.
    let line = try Self.line(rate: "0.0365", asOf: "2026-03-31", credits: [("2026-02-15", "30000.00")])
    #expect(Self.periods(line) == ["2026-02-01 2026-03-31 59 70000.00 413.00"])
    #expect(line.interest == d("413.00"))
    #expect(line.paidOn == nil)
    #expect(line.principal == d("70000.00"))
  }

  @Test func paymentBeforeTheDueDate() throws {
    // 50,000.00 paid on 2026-01-20 reduces every overdue day: 59 days on 50,000.00 (5.00 a day).
    let line = try Self.line(rate: "0.0365", asOf: "2026-03-31", payments: [("2026-01-20", "50000.00")])
    #expect(Self.periods(line) == ["2026-02-01 2026-03-31 59 50000.00 295.00"])
    #expect(line.interest == d("295.00"))
  }

  @Test func paidInFullBeforeTheDueDateHasNoInterest() throws {
    let line = try Self.line(rate: "0.0365", asOf: "2026-03-31", payments: [("2026-01-30", "100000.00")])
    #expect(line.periods.isEmpty)
    #expect(line.interest == d("0.00"))
    #expect(line.paidOn == nil)
  }

  @Test func aCreditNoteAfterThePaymentDoesNotReopenThePaidInvoice() throws {
    // 100,000.00 paid on 2026-02-10 settles the invoice that day; the 5,000.00 credited on
    // 2026-02-20 makes the payment 5,000.00 more than owed, a credit for the customer from
    // then on. The allocation at the as-of date alone sees the credit note first and left
    // 5,000.00 owing from 02-10 to 02-19: interest on money paid, "paid in full" 10 days late.
    // The 5,000.00 credited was never owed: 95,000.00 × 9 days at 9.50 a day, 85.50.
    let line = try Self.line(
      rate: "0.0365", asOf: "2026-03-31", payments: [("2026-02-10", "100000.00")], credits: [("2026-02-20", "5000.00")])
    #expect(Self.periods(line) == ["2026-02-01 2026-02-09 9 95000.00 85.50"])
    #expect(line.interest == d("85.50"))
    #expect(line.paidOn == day("2026-02-10"))
  }

  /// Two invoices and one payment without `appliesTo`: the payment settles the older one the
  /// day it arrives; a credit note on that invoice months later sends the payment's surplus
  /// to the newer one from that day, not back to the day of the payment (the probe's case: the
  /// as-of allocation claimed interest on 30,000.00 of the older one for 80 days after it was
  /// paid, and dated its payment in full to the credit note).
  @Test func aLaterCreditNoteMovesThePaymentsSurplusOnFromItsOwnDay() throws {
    let lines = try Self.twoInvoices(
      b: ("2026-02-01", "2026-02-28"), paid: "2026-02-10",
      credits: [CreditNote(number: "CN", invoice: "A", issuedOn: day("2026-05-01"), amount: d("30000.00"))],
      asOf: "2026-05-31")
    // A: 70,000.00 (the 30,000.00 credited was never owed) × 9 days (02-01 to 02-09) at 7.00
    // a day; paid in full on 02-10.
    #expect(Self.spans(lines[0]) == ["2026-02-01 2026-02-09 70000.00 63.00"])
    #expect(lines[0].paidOn == day("2026-02-10"))
    // B: 100,000.00 from 03-01 to 04-30 (61 days, 610.00), then 70,000.00 to 05-31 (31 days,
    // 217.00): the 30,000.00 the credit note freed is paid on B from 05-01.
    #expect(
      Self.spans(lines[1]) == ["2026-03-01 2026-04-30 100000.00 610.00", "2026-05-01 2026-05-31 70000.00 217.00"])
    #expect(lines[1].interest == d("827.00"))
  }

  @Test func creditNotesAboveTheInvoiceEarnNoNegativeInterest() throws {
    // Credited 120,000.00 on 100,000.00 on 2026-02-11: nothing of it was ever owed, so no day
    // before the credit note earns interest, and the customer's credit after it earns no
    // negative interest; nothing was paid, so it is not "paid in full" either.
    let line = try Self.line(rate: "0.0365", asOf: "2026-03-31", credits: [("2026-02-11", "120000.00")])
    #expect(line.periods.isEmpty)
    #expect(line.interest == d("0.00"))
    #expect(line.paidOn == nil)
  }

  /// The audit's case (ledger4.json N-1): an invoice credited in full after its due date and
  /// never paid owes no interest and is not paid in full; one paid late in part and credited
  /// the rest owes interest on the part paid late only, to the day it was paid.
  @Test func aCreditedPartEarnsNoInterest() throws {
    let credited = try Self.line(rate: "0.0365", asOf: "2026-06-30", credits: [("2026-03-01", "100000.00")])
    #expect(credited.interest == d("0.00"))
    #expect(credited.paidOn == nil)
    // 60,000.00 paid on 2026-03-01, 40,000.00 credited on 2026-04-01: 60,000.00 × 28 days
    // (02-01 to 02-28) × 3.65% ÷ 365 = 168.00; nothing owed from 03-01.
    let part = try Self.line(
      rate: "0.0365", asOf: "2026-05-31", payments: [("2026-03-01", "60000.00")], credits: [("2026-04-01", "40000.00")])
    #expect(Self.periods(part) == ["2026-02-01 2026-02-28 28 60000.00 168.00"])
    #expect(part.interest == d("168.00"))
    #expect(part.paidOn == day("2026-03-01"))
  }

  /// A payment that names an invoice not issued yet (an advance against the next invoice)
  /// waits for it: it never pays the older invoice in between, which would leave that one
  /// owing again from the named invoice's issue day, with days of interest unclaimed.
  @Test func aPaymentForAnInvoiceNotIssuedYetWaitsForIt() throws {
    let lines = try Self.twoInvoices(
      b: ("2026-03-10", "2026-04-10"), paid: "2026-03-01", appliesTo: ["B"], asOf: "2026-05-31")
    // A: owed all along, 02-01 to 05-31, 120 days at 10.00 a day; B: paid before it fell due.
    #expect(Self.spans(lines[0]) == ["2026-02-01 2026-05-31 100000.00 1200.00"])
    #expect(lines[1].periods.isEmpty)
  }

  @Test func twoReductionsOnOneDayMakeOnePeriodBoundary() throws {
    // A payment and a credit note effective the same day: one change of principal.
    let line = try Self.line(
      rate: "0.0365", asOf: "2026-02-20", payments: [("2026-02-11", "20000.00")], credits: [("2026-02-11", "10000.00")])
    // The 10,000.00 credited was never owed: 90,000.00 to 02-10 (90.00), then 70,000.00 (70.00).
    #expect(
      Self.periods(line) == ["2026-02-01 2026-02-10 10 90000.00 90.00", "2026-02-11 2026-02-20 10 70000.00 70.00"])
  }

  @Test func thePolicyRateNamesItsSource() throws {
    let ledger = smallLedger(
      contracts: [Contract(id: "K", customer: "K1", amount: d("100000.00"))],
      invoices: [
        Invoice(
          number: "I", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: d("100000.00"))
      ])
    let receivables = try Receivables(ledger, asOf: day("2026-02-10"))
    let account = try #require(receivables.accounts.first)
    let line = try #require(try receivables.lateInterest(account, ledger: ledger, policy: .standard).first)
    // LPR 3.00% × 1.3 = 3.90%: 100,000.00 × 10 days × 3.9% ÷ 365 = 106.849… → 106.85.
    #expect(line.annualRate == d("0.039"))
    #expect(line.source == .policy(Policy.standard.interest))
    #expect(line.interest == d("106.85"))
  }

  /// On any invoice, payments and credit notes: the interest equals the day-by-day sum of
  /// docs/design.md section 4 (each day's open amount from that day's allocation, less the
  /// credit notes issued after that day) rounded once, the periods add up to it exactly, join without gaps, and
  /// each is within a cent of its own product.
  @Test func periodsAgreeWithTheDayByDayComputation() async {
    await propertyCheck(input: Gen.int(in: 1...1_000_000_000), Gen.int(in: 1...900), Gen.int(in: 0...Int(Int32.max))) {
      cents, span, seed in
      var state = UInt64(seed) &+ 0x9E37_79B9
      func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
      }
      let amount = ExactDecimal(significand: Int128(cents), scale: 2)
      let issued = day("2024-01-01")
      let due = issued.adding(days: 1 + next(60))
      let asOf = due.adding(days: span)
      let rates = ["0.0365", "0.045", "0.0465", "0.039", "0.1825", "0.04185"]
      let rate = d(rates[next(rates.count)])
      let basis: DayCountBasis = next(4) == 0 ? .act360 : .act365
      var left = cents
      let payments = (0..<next(5)).map { i -> Payment in
        let paid = left > 0 ? 1 + next(left) : 1
        left -= min(paid, left)
        return Payment(
          id: "P\(i)", customer: "K1", receivedOn: issued.adding(days: next(span + 90)),
          amount: ExactDecimal(significand: Int128(paid), scale: 2), currency: "CNY")
      }
      let credits = (0..<next(3)).map { i -> CreditNote in
        let credit = 1 + next(max(1, cents / 4))
        return CreditNote(
          number: "CN\(i)", invoice: "I", issuedOn: issued.adding(days: next(span + 90)),
          amount: ExactDecimal(significand: Int128(credit), scale: 2))
      }
      let ledger = smallLedger(
        contracts: [
          Contract(
            id: "K", customer: "K1", amount: amount, lateInterest: InterestTerms(annualRate: rate, basis: basis))
        ],
        invoices: [Invoice(number: "I", contract: "K", issuedOn: issued, dueOn: due, amount: amount)],
        payments: payments, credits: credits)
      let receivables = try Receivables(ledger, asOf: asOf)
      guard let account = receivables.accounts.first,
        let line = try? receivables.lateInterest(account, ledger: ledger, policy: .standard).first
      else {
        Issue.record("no interest line")
        return
      }
      // Day by day, independently of the periods.
      var sum = ExactDecimal.zero
      var charged = 0
      var day = due.adding(days: 1)
      while day <= asOf {
        // The allocation made that day, from what existed that day.
        var open = try Receivables(ledger, asOf: day).accounts.first?.invoices.first?.open ?? amount
        // Less what credit notes issued later (by the as-of date) take off: never owed.
        for credit in credits where credit.issuedOn > day && credit.issuedOn <= asOf {
          open = try open.subtracting(credit.amount)
        }
        if open > .zero {
          charged += 1
          sum = try sum.adding(open)
        }
        day = day.adding(days: 1)
      }
      let year = ExactDecimal(basis.daysInYear)
      let expected = try? sum.multiplied(by: rate).divided(by: year, scale: 2)
      #expect(line.principalDays == sum)
      #expect(line.interest == expected)
      #expect(try ExactDecimal.sum(line.periods.map(\.interest)) == line.interest)
      #expect(line.interestDays == charged)
      var from = due.adding(days: 1)
      for period in line.periods {
        #expect(period.from >= from)
        from = period.to.adding(days: 1)
        let own = (try? period.principalDays.multiplied(by: rate).divided(by: year, scale: 2)) ?? .zero
        #expect(try own.subtracting(period.interest).magnitude <= ExactDecimal(significand: 1, scale: 2))
      }
    }
  }
}
