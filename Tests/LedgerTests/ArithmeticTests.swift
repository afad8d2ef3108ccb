import Basics
import Ledger
import PropertyBased
import TestSupport
import Testing

@Suite struct AllocationTests {
  // Two invoices due 03-31 and 02-28; a payment naming the later one first, then FIFO.
  let ledger = smallLedger(
    contracts: [
      Contract(id: "K1-A", customer: "K1", amount: d("1000.00")),
      Contract(id: "K1-U", customer: "K1", currency: "USD", amount: d("500.00")),
    ],
    invoices: [
      Invoice(
        number: "I-1", contract: "K1-A", issuedOn: day("2026-01-10"), dueOn: day("2026-03-31"), amount: d("300.00")),
      Invoice(
        number: "I-2", contract: "K1-A", issuedOn: day("2026-01-20"), dueOn: day("2026-02-28"), amount: d("200.00")),
      Invoice(
        number: "I-3", contract: "K1-A", issuedOn: day("2026-04-01"), dueOn: day("2026-04-30"), amount: d("100.00")),
      Invoice(
        number: "U-1", contract: "K1-U", issuedOn: day("2026-01-05"), dueOn: day("2026-02-05"), amount: d("500.00")),
    ],
    payments: [
      Payment(
        id: "P-2", customer: "K1", receivedOn: day("2026-03-01"), amount: d("350.00"), currency: "CNY",
        appliesTo: ["I-1"]),
      Payment(id: "P-1", customer: "K1", receivedOn: day("2026-03-01"), amount: d("100.00"), currency: "CNY"),
      Payment(id: "P-3", customer: "K1", receivedOn: day("2026-03-20"), amount: d("200.00"), currency: "CNY"),
      Payment(id: "P-U", customer: "K1", receivedOn: day("2026-03-01"), amount: d("100.00"), currency: "USD"),
    ],
    credits: [CreditNote(number: "CN-1", invoice: "I-2", issuedOn: day("2026-02-10"), amount: d("20.00"))])

  @Test func appliesToFirstThenFirstInFirstOutThenCredit() throws {
    let r = try Receivables(ledger, asOf: day("2026-03-31"))
    // P-1 (same day, id first): FIFO → I-2 (due first): 100 of its 180.
    // P-2: appliesTo I-1 300; 50 left → FIFO I-2 (80 open) → 50.
    // P-3: FIFO I-2 30 more; 170 left, I-1 paid, I-3 not issued yet → unapplied credit 170.
    #expect(
      r.allocations.map { "\($0.payment)>\($0.invoice):\($0.amount)" } == [
        "P-1>I-2:100.00", "P-2>I-1:300.00", "P-2>I-2:50.00", "P-3>I-2:30.00", "P-U>U-1:100.00",
      ])
    let cny = r.account(customer: "K1", currency: "CNY")
    #expect(cny?.invoices.map(\.open) == [d("0"), d("0")])
    #expect(cny?.unappliedCredit == d("170.00"))
    #expect(cny?.balance == d("-170.00"))
    #expect(r.account(customer: "K1", currency: "USD")?.balance == d("400.00"))
  }

  @Test func creditsAndInvoicesCountOnlyUpToTheDate() throws {
    let early = try Receivables(ledger, asOf: day("2026-02-09"))
    #expect(early.account(customer: "K1", currency: "CNY")?.balance == d("500.00"))
    let afterCredit = try Receivables(ledger, asOf: day("2026-02-10"))
    #expect(afterCredit.account(customer: "K1", currency: "CNY")?.balance == d("480.00"))
    let later = try Receivables(ledger, asOf: day("2026-04-30"))
    // Allocation is recomputed at each date: with I-3 issued, P-3's FIFO reaches it (effective
    // from its issue date), leaving 70 unapplied: balance -70.
    let account = later.account(customer: "K1", currency: "CNY")
    #expect(account?.invoices.first { $0.invoice.number == "I-3" }?.open == d("0.00"))
    #expect(account?.balance == d("-70.00"))
  }

  @Test func daysOverdue() throws {
    let r = try Receivables(ledger, asOf: day("2026-03-31"))
    let usd = r.account(customer: "K1", currency: "USD")
    #expect(usd?.invoices.first?.daysOverdue == 54)
    #expect(usd?.maxDaysOverdue == 54)
  }

  @Test func paymentBeforeTheInvoiceReducesItFromItsIssueDate() throws {
    let r = try Receivables(ledger, asOf: day("2026-04-30"))
    let toI3 = r.allocations.first { $0.invoice == "I-3" }
    #expect(toI3?.effectiveOn == day("2026-04-01"))
    #expect(toI3?.payment == "P-3")
  }
}

@Suite struct ExampleFiguresTests {
  let asOf = day("2026-11-30")

  @Test func balancesAndCredit() throws {
    let ledger = try exampleLedger()
    let r = try Receivables(ledger, asOf: asOf)
    func balance(_ c: String, _ currency: String = "CNY") -> ExactDecimal? {
      r.account(customer: c, currency: currency)?.balance
    }
    #expect(balance("C001") == d("380000.00"))
    #expect(balance("C002") == d("0.00"))
    #expect(balance("C003") == d("270000.00"))
    #expect(balance("C006") == d("-5000.00"))
    #expect(r.account(customer: "C006", currency: "CNY")?.unappliedCredit == d("5000.00"))
    #expect(balance("C007") == d("50000.00"))
    #expect(balance("C007", "USD") == d("30000.00"))
    #expect(balance("C010") == d("225000.00"))
    #expect(balance("C011") == d("410000.00"))
    #expect(r.accounts.count == 14)
  }

  @Test func agingBuckets() throws {
    let ledger = try exampleLedger()
    let lines = try Receivables(ledger, asOf: asOf).aging(.standard)
    let c001 = try #require(lines.first { $0.customer == "C001" })
    #expect(c001.amount(inBucket: "91-180") == d("380000.00"))
    #expect(c001.maxDaysOverdue == 166)
    let c010 = try #require(lines.first { $0.customer == "C010" })
    #expect(c010.amount(inBucket: "over-365") == d("225000.00"))
    let c003 = try #require(lines.first { $0.customer == "C003" })
    #expect(c003.amount(inBucket: "current") == d("270000.00"))
    let c011 = try #require(lines.first { $0.customer == "C011" })
    #expect(c011.amount(inBucket: "181-365") == d("410000.00"))  // 365 and 275 days
    let c004 = try #require(lines.first { $0.customer == "C004" })
    #expect(c004.amount(inBucket: "1-30") == d("160000.00"))
  }

  @Test func lateInterestOnTheFallingPrincipal() throws {
    let ledger = try exampleLedger()
    let r = try Receivables(ledger, asOf: asOf)
    func lines(_ c: String) -> [String] {
      guard let account = r.account(customer: c, currency: "CNY") else { return [] }
      return ((try? r.lateInterest(account, ledger: ledger, policy: .standard)) ?? []).map {
        "\($0.invoice) \($0.principalDays) \($0.interest)"
      }
    }
    // C001: contract rate 4.65% ACT/365. 0451 0002: 480,000 due 06-17, 300,000 paid 07-20,
    // 80,000 on 09-28: 480000×33 + 180000×70 + 100000×63 = 34,360,000 principal-days.
    // 0451 0003: 300,000 due 08-20, 20,000 credited on 09-10 (never owed): 280000×102 days.
    #expect(lines("C001") == ["0451 0001 0 0.00", "0451 0002 34360000.00 4377.37", "0451 0003 28560000.00 3638.47"])
    // C002 paid two days late: the interest accrued (one day) is kept after payment.
    #expect(lines("C002") == ["0452 0001 0 0.00", "0452 0002 160000.00 17.10"])
    // C010: no contract rate, policy LPR 3.00% × 1.3 = 3.90%.
    #expect(
      lines("C010") == [
        "0460 0001 360000.00 38.47", "0460 0002 56970000.00 6087.21", "0460 0003 105030000.00 11222.38",
        "0460 0004 96840000.00 10347.29",
      ])
    // C011: contract rate 4.50%; a credit note of 10,000 on 0461 0002 on 03-15, after it fell due
    // on 02-28, earns no interest before it either: 250000×275 days.
    #expect(lines("C011") == ["0461 0001 60300000.00 7434.25", "0461 0002 68750000.00 8476.03"])
  }

  @Test func act360Basis() throws {
    let ledger = smallLedger(
      contracts: [
        Contract(
          id: "K", customer: "K1", amount: d("100000.00"),
          lateInterest: InterestTerms(annualRate: d("0.0365"), basis: .act360))
      ],
      invoices: [
        Invoice(
          number: "I", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: d("100000.00"))
      ])
    let r = try Receivables(ledger, asOf: day("2026-03-02"))
    let account = r.accounts[0]
    let line = try #require(try r.lateInterest(account, ledger: ledger, policy: .standard).first)
    // 100,000 × 30 days × 3.65% / 360 = 304.1666… → 304.17
    #expect(line.days == 30)
    #expect(line.interest == d("304.17"))
  }

  @Test func dunningLevels() throws {
    let ledger = try exampleLedger()
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let r = try Receivables(ledger, asOf: asOf)
    func level(_ c: String, _ currency: String = "CNY") -> Int? {
      r.account(customer: c, currency: currency).flatMap { try? policy.dunningLevel(for: $0, ledger: ledger) }
    }
    #expect(level("C001") == 3)
    #expect(level("C002") == nil)  // paid
    #expect(level("C003") == nil)  // not yet due
    #expect(level("C004") == 1)
    #expect(level("C005") == 2)
    #expect(level("C006") == nil)  // in credit
    #expect(level("C007") == 3)
    #expect(level("C007", "USD") == 1)
    #expect(level("C012") == 2)
    #expect(level("C013") == 1)
  }

  @Test func contractDunningStartHoldsBackSmallOrRecentDebts() throws {
    let ledger = smallLedger(
      contracts: [
        Contract(
          id: "K", customer: "K1", amount: d("5000.00"),
          dunningStart: DunningStart(daysOverdue: 15, minAmount: d("10000.00")))
      ],
      invoices: [
        Invoice(number: "I", contract: "K", issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: d("5000.00"))
      ])
    let account = try Receivables(ledger, asOf: day("2026-03-31")).accounts[0]
    // Below 10,000.
    #expect(try Policy.standard.dunningLevel(for: account, ledger: ledger) == nil)
  }
}

@Suite struct InstallmentTests {
  @Test func equalSplitWithTheRemainderLast() throws {
    let plan = try InstallmentPlan.make(total: d("100.00"), count: 3, schedule: .monthly(start: day("2026-01-31")))
    #expect(plan.map(\.amount) == [d("33.33"), d("33.33"), d("33.34")])
    #expect(plan.map(\.dueOn.iso) == ["2026-01-31", "2026-02-28", "2026-03-31"])
  }

  /// A currency without a minor unit is split into whole amounts.
  @Test func wholeUnitsForACurrencyWithoutAMinorUnit() throws {
    let plan = try InstallmentPlan.make(
      total: d("1000"), count: 3, schedule: .monthly(start: day("2026-01-31")), places: 0)
    #expect(plan.map(\.amount) == [d("333"), d("333"), d("334")])
    let first = try InstallmentPlan.make(
      total: d("100000.00"), count: 4, firstPercent: d("33.3"), schedule: .monthly(start: day("2026-01-31")),
      places: 0)
    #expect(first.map(\.amount) == [d("33300"), d("22233"), d("22233"), d("22234")])
  }

  @Test func firstPaymentPercent() throws {
    let plan = try InstallmentPlan.make(
      total: d("1000.00"), count: 4, firstPercent: d("30"), schedule: .everyDays(start: day("2026-12-01"), days: 30))
    #expect(plan.map(\.amount) == [d("300.00"), d("233.33"), d("233.33"), d("233.34")])
    #expect(plan.map(\.dueOn.iso) == ["2026-12-01", "2026-12-31", "2027-01-30", "2027-03-01"])
  }

  /// The plan states the first payment's share: one that cannot be paid as stated is refused.
  @Test func aFirstShareThatCannotBePaidAsStatedIsRefused() throws {
    #expect(
      throws: InstallmentPlan.Failure.firstShare(percent: d("99.99"), total: d("1.00"), count: 7, unit: d("0.01"))
    ) {
      try InstallmentPlan.make(
        total: d("1.00"), count: 7, firstPercent: d("99.99"), schedule: .monthly(start: day("2026-01-01")))
    }
    #expect(
      InstallmentPlan.Failure.firstShare(percent: d("0.1"), total: d("1.00"), count: 3, unit: d("0.01")).description
        == "a first payment of 0.1% of 1.00 leaves less than 0.01 for each of the other 2 installments, or is less than 0.01 itself; change the first payment's share or the number of installments"
    )
    #expect(throws: InstallmentPlan.Failure.self) {
      try InstallmentPlan.make(
        total: d("1.00"), count: 3, firstPercent: d("0.1"), schedule: .monthly(start: day("2026-01-01")))
    }
    // One installment is the whole balance: a share of it, in range or not, would be stated
    // beside a plan that does not apply it.
    for percent in ["40", "150", "-5"] {
      #expect(throws: InstallmentPlan.Failure.shareOfOne(d(percent))) {
        try InstallmentPlan.make(
          total: d("140000.00"), count: 1, firstPercent: d(percent), schedule: .monthly(start: day("2026-12-22")))
      }
    }
    #expect(
      InstallmentPlan.Failure.shareOfOne(d("40")).description
        == "a first payment of 40% needs 2 or more installments; one installment is the whole balance, so leave the first payment's share out"
    )
  }

  @Test func tinyTotalsNeverLeaveAnEmptyInstallment() throws {
    #expect(
      try InstallmentPlan.make(total: d("0.06"), count: 4, schedule: .monthly(start: day("2026-01-01"))).map(\.amount)
        == [d("0.01"), d("0.01"), d("0.01"), d("0.03")])
    #expect(throws: InstallmentPlan.Failure.totalTooSmall(total: d("0.03"), count: 4)) {
      try InstallmentPlan.make(total: d("0.03"), count: 4, schedule: .monthly(start: day("2026-01-01")))
    }
  }

  @Test func milestoneStages() throws {
    let plan = try InstallmentPlan.stages(
      total: d("100000.01"),
      [
        ("到货", d("33.3"), day("2026-12-01")), ("验收", d("33.3"), day("2027-01-01")),
        ("质保", d("33.4"), day("2027-06-01")),
      ])
    #expect(plan.map(\.amount) == [d("33300.00"), d("33300.00"), d("33400.01")])
  }

  @Test func schedulesAlwaysSumToTheTotal() async {
    let cents = Gen.int(in: 1...1_000_000_000_000)
    await propertyCheck(input: cents, Gen.int(in: 1...60), Gen.int(in: 0...99)) { totalCents, count, percent in
      let total = ExactDecimal(significand: Int128(totalCents), scale: 2)
      guard totalCents >= count else { return }
      let plan = try? InstallmentPlan.make(
        total: total, count: count, firstPercent: percent == 0 ? nil : ExactDecimal(percent),
        schedule: .monthly(start: CivilDate(daysSinceEpoch: 20_000)))
      // A first share rounded to nothing, or leaving less than a cent for each other one, or
      // given for one installment (the whole balance), is refused rather than changed.
      let firstCents = (totalCents * percent * 2 + 100) / 200
      let unfit = percent > 0 && (count == 1 || firstCents == 0 || firstCents > totalCents - (count - 1))
      guard let plan else {
        #expect(unfit, "no plan for \(total) / \(count) at \(percent)%")
        return
      }
      #expect(!unfit)
      #expect(plan.count == count)
      #expect((try? ExactDecimal.sum(plan.map(\.amount))) == total)
      #expect(
        plan.allSatisfy { $0.amount >= ExactDecimal(significand: 1, scale: 2) && $0.amount.normalized.scale <= 2 })
    }
  }
}

@Suite struct LimitationTests {
  @Test func threeYearsFromTheDueDate() {
    let invoice = Invoice(
      number: "I", contract: "K", issuedOn: day("2024-02-01"), dueOn: day("2024-02-29"), amount: d("1.00"))
    let facts = Limitation.facts(for: invoice, contract: nil, interruptions: [], asOf: day("2026-11-30"))
    #expect(facts.basis == .dueDate(day("2024-02-29")))
    #expect(facts.expiresOn == day("2027-02-28"))
    #expect(!facts.expired)
  }

  @Test func installmentDebtRunsFromTheLastInstallment() throws {
    let ledger = try exampleLedger()
    let contract = ledger.contract("HT-2023-006")
    let invoice = try #require(ledger.invoices.first { $0.number == "0460 0002" })
    let r = try Receivables(ledger, asOf: day("2026-11-30"))
    let payments = Limitation.paymentInterruptions(for: invoice.number, in: r, ledger: ledger)
    #expect(payments.map(\.date) == [day("2023-06-28")])  // before the period started: no effect
    let facts = Limitation.facts(for: invoice, contract: contract, interruptions: payments, asOf: day("2026-11-30"))
    #expect(facts.basis == .lastInstallment(day("2023-12-20")))
    #expect(facts.expiresOn == day("2026-12-20"))
    #expect(facts.daysLeft == 20)
    #expect(facts.interruptions.isEmpty)
  }

  /// An installment contract whose terms date no installment (the audit's K6 of ledger1.json):
  /// 第189条 counts from the due date of its invoice due last, K6-3's 2024-01-31, for each of
  /// its invoices; an invoice issued after the as-of date is not in it, and a contract that is
  /// not an installment contract keeps each invoice's own due date (第188条).
  @Test func anInstallmentContractWithoutDatedTermsRunsFromItsInvoiceDueLast() {
    let contract = Contract(id: "K6-A", customer: "K6", amount: d("900000.00"), installment: true)
    func invoice(_ number: String, issued: String, due: String) -> Invoice {
      Invoice(number: number, contract: "K6-A", issuedOn: day(issued), dueOn: day(due), amount: d("300000.00"))
    }
    let invoices = [
      invoice("K6-1", issued: "2023-11-01", due: "2023-11-30"),
      invoice("K6-2", issued: "2023-12-01", due: "2023-12-31"),
      invoice("K6-3", issued: "2024-01-01", due: "2024-01-31"),
      invoice("K6-4", issued: "2026-12-02", due: "2027-01-31"),
    ]
    let facts = Limitation.facts(
      for: invoices[1], contract: contract, contractInvoices: invoices, interruptions: [], asOf: day("2026-12-01"))
    #expect(facts.basis == .lastInvoicedInstallment(day("2024-01-31"), invoice: "K6-3"))
    #expect(facts.expiresOn == day("2027-01-31"))
    #expect(facts.daysLeft == 61)
    var plain = contract
    plain.installment = false
    let own = Limitation.facts(
      for: invoices[1], contract: plain, contractInvoices: invoices, interruptions: [], asOf: day("2026-12-01"))
    #expect(own.basis == .dueDate(day("2023-12-31")))
    #expect(own.expiresOn == day("2026-12-31"))
  }

  /// The audit's M1 of ledger3.json: PM1-1 (1,000.00 on 2025-03-10) names and pays M1-1; the
  /// credit note CM1-1 (300.00 on 2025-04-10) moves its surplus onto M1-2. PM1-1 interrupts
  /// M1-1's period, not M1-2's: the credit note is ours, and the customer paid M1-1.
  @Test func aPaymentInterruptsOnlyWhatItPaidOnItsDay() throws {
    let ledger = smallLedger(
      contracts: [Contract(id: "M1-A", customer: "K1", amount: d("2000.00"))],
      invoices: [
        Invoice(
          number: "M1-1", contract: "M1-A", issuedOn: day("2025-01-01"), dueOn: day("2025-01-31"), amount: d("1000.00")),
        Invoice(
          number: "M1-2", contract: "M1-A", issuedOn: day("2025-01-01"), dueOn: day("2025-02-28"), amount: d("1000.00")),
      ],
      payments: [
        Payment(
          id: "PM1-1", customer: "K1", receivedOn: day("2025-03-10"), amount: d("1000.00"), currency: "CNY",
          appliesTo: ["M1-1"])
      ],
      credits: [CreditNote(number: "CM1-1", invoice: "M1-1", issuedOn: day("2025-04-10"), amount: d("300.00"))])
    let r = try Receivables(ledger, asOf: day("2026-12-01"))
    // At the as-of date PM1-1 is allocated 700.00 to M1-1 and 300.00 to M1-2.
    #expect(r.allocations(toInvoice: "M1-2").map(\.payment) == ["PM1-1"])
    #expect(
      Limitation.paymentInterruptions(for: "M1-1", in: r, ledger: ledger)
        == [Interruption(date: day("2025-03-10"), kind: .payment, evidence: "PM1-1")])
    #expect(Limitation.paymentInterruptions(for: "M1-2", in: r, ledger: ledger) == [])
  }

  @Test func aDemandRestartsThePeriodButNotAfterExpiry() {
    let invoice = Invoice(
      number: "I", contract: "K", issuedOn: day("2022-01-01"), dueOn: day("2022-03-31"), amount: d("1.00"))
    let demand = Interruption(date: day("2024-05-10"), kind: .demand, evidence: "催款函 CK-1")
    let facts = Limitation.facts(for: invoice, contract: nil, interruptions: [demand], asOf: day("2026-11-30"))
    #expect(facts.runsFrom == day("2024-05-10"))
    #expect(facts.expiresOn == day("2027-05-10"))
    let late = Interruption(date: day("2025-06-01"), kind: .agreement, evidence: "盖章对账函")
    let expired = Limitation.facts(
      for: Invoice(
        number: "J", contract: "K", issuedOn: day("2021-01-01"), dueOn: day("2022-01-31"), amount: d("1.00")),
      contract: nil, interruptions: [late], asOf: day("2026-11-30"))
    #expect(expired.interruptions.isEmpty)
    #expect(expired.expiresOn == day("2025-01-31"))
    #expect(expired.expired)
  }
}
