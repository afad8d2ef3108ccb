import Basics
import Foundation
import Ledger
import Letters
import LibXML
import TestSupport
import Testing

@Suite struct RefusalTests {
  /// A proposal's results achieved add up to the balance it splits: C001 was invoiced
  /// 1,140,000.00, credited 20,000.00 (CN-2026-0007) and paid 740,000.00, which leaves the
  /// 380,000.00 the plan divides.
  @Test func aProposalsResultsAddUpToItsBalance() throws {
    let factory = try exampleFactory()
    var request = LetterRequest(
      kind: .installmentProposal, customer: "C001", asOf: asOf, installments: InstallmentOptions(count: 3))
    let zh = try render(GoldenCase(name: "C001", request: request, number: "FQ-1"), factory: factory)
    #expect(zh.contains("<p>双方合作项目累计开票 ¥1,140,000.00，红字冲减 ¥20,000.00，贵公司已支付 ¥740,000.00。</p>"))
    #expect(zh.contains(#"<meta name="ardoc:balance" content="380000.00" />"#))
    request.locale = "en"
    let en = try render(GoldenCase(name: "C001", request: request, number: "FQ-1"), factory: factory)
    #expect(
      en.contains(
        "<p>Invoiced to date: CNY 1,140,000.00; credited by credit notes: CNY 20,000.00; paid by your company: CNY 740,000.00.</p>"
      ))
  }

  @Test func noConfirmedPaymentOwner() throws {
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C008", asOf: asOf))
        == "error: C008: no confirmed payment owner on 2026-11-30: 谢婷 (payment-owner) has no confirmation on or before that day; record when and how it was confirmed (JSON: paymentOwnerConfirmation's confirmedOn and method; CSV: contacts.csv's confirmedOn and confirmationMethod) and import the ledger again"
    )
    // The owner is judged at the document date: C012's new owner was confirmed on 2026-08-03.
    #expect(try refusal(LetterRequest(kind: .confirmation, customer: "C012", asOf: day("2025-11-19"))) != nil)
  }

  @Test func nothingOverdueForADunningLetter() throws {
    #expect(
      try refusal(LetterRequest(kind: .dunning, customer: "C003", asOf: asOf))
        == "error: C003: nothing is overdue on 2026-11-30 (balance 270,000.00 CNY, next due 2026-12-15); a dunning letter is only for what is past due"
    )
    #expect(
      try refusal(LetterRequest(kind: .dunning, customer: "C002", asOf: asOf))
        == "error: C002: nothing is overdue on 2026-11-30 (balance 0.00 CNY); a dunning letter is only for what is past due"
    )
    #expect(
      try refusal(LetterRequest(kind: .dunning, customer: "C006", asOf: asOf))
        == "error: C006: nothing is overdue on 2026-11-30 (balance -5,000.00 CNY); a dunning letter is only for what is past due"
    )
  }

  @Test func noLegalDemandWhileAProjectIssueIsOpen() throws {
    #expect(
      try refusal(LetterRequest(kind: .penaltyNotice, customer: "C009", asOf: asOf, measure: .legalDemand))
        == "error: C009: the ledger shows an open project issue — HT-2026-019: 质量追溯模块与客户 ERP 接口数据不一致，客户拒绝签署终验, open since 2026-09-05; resolve it (or close it in the ledger) before a legal demand"
    )
    // Other measures stay possible.
    #expect(try refusal(LetterRequest(kind: .penaltyNotice, customer: "C009", asOf: asOf, measure: .stopSupply)) == nil)
  }

  @Test func otherRefusals() throws {
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C404", asOf: asOf))
        == "error: C404: no such customer in the ledger; check the id (see 'ardoc aging')")
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C007", asOf: asOf))
        == "error: C007: has accounts in CNY and USD; choose one with --currency")
    #expect(try refusal(LetterRequest(kind: .confirmation, customer: "C007", currency: "USD", asOf: asOf)) == nil)
    #expect(
      try refusal(LetterRequest(kind: .penaltyNotice, customer: "C003", asOf: asOf, measure: .stopSupply))
        == "error: C003: nothing is overdue on 2026-11-30; a penalty notice needs an overdue debt")
    #expect(
      try refusal(LetterRequest(kind: .installmentProposal, customer: "C006", asOf: asOf))
        == "error: C006: the balance is -5,000.00; there is nothing to split into installments")
    #expect(
      try refusal(
        LetterRequest(
          kind: .installmentProposal, customer: "C010", asOf: asOf,
          installments: InstallmentOptions(count: 3, start: day("2026-11-30"))))
        == "error: C010: --start 2026-11-30 is not after the proposal's date 2026-11-30; the first installment must fall after it (default: 15 days after)"
    )
    #expect(
      try refusal(LetterRequest(kind: .dunning, customer: "C001", asOf: asOf, date: day("2026-11-29")))
        == "error: C001: --date 2026-11-29 is before --as-of 2026-11-30: a document cannot state figures as of a day after its own date; date it 2026-11-30 or later"
    )
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C006", asOf: asOf, collect: true))
        == "error: C006: --collect asks for payment, but the balance on 2026-11-30 is -5,000.00 CNY (the customer has paid more than is invoiced); leave out --collect"
    )
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C002", asOf: asOf, collect: true))
        == "error: C002: --collect asks for payment, but the balance on 2026-11-30 is 0.00 CNY; leave out --collect")
    #expect(
      try refusal(LetterRequest(kind: .confirmation, customer: "C001", asOf: asOf, locale: "fr"))
        == "error: C001: locale 'fr' is not available; use zh-CN or en")
  }
}

@Suite struct LegalDemandFigureTests {
  /// The interest in the demand, per invoice, read back from the document.
  func interest(_ customer: String) throws -> [String: String] {
    let text = try render(
      GoldenCase(
        name: customer,
        request: LetterRequest(
          kind: .penaltyNotice, customer: customer, asOf: asOf, measure: .legalDemand, despiteThreshold: true),
        number: "TZ-1"),
      factory: try exampleFactory())
    let document = try XMLDocument.parse(Array(text.utf8), file: customer)
    let rows = try document.select(
      "//h:table[contains(@class,'demand')]/h:tbody/h:tr[@data-claim]",
      namespaces: ["h": "http://www.w3.org/1999/xhtml"])
    var result: [String: String] = [:]
    for row in rows {
      let cell = try document.select(
        "h:td[@data-field='interest']", namespaces: ["h": "http://www.w3.org/1999/xhtml"], from: row)
      result[row.attribute("data-invoice") ?? "?"] = cell.first?.textContent
    }
    return result
  }

  @Test func interestEqualsTheLedgerArithmeticToTheCent() throws {
    // C001: two partial payments; contract rate 4.65%. 0451 0003 (300,000.00, 20,000.00 of it
    // credited on 2026-09-10 and so never owed): 280,000.00 × 102 days × 4.65% ÷ 365 = 3,638.47.
    #expect(try interest("C001") == ["0451 0002": "4,377.37", "0451 0003": "3,638.47"])
    // C010: installment contract, one invoice partly paid, one paid five days late (its
    // interest is claimed with no principal left); policy rate 3.90%.
    #expect(
      try interest("C010") == [
        "0460 0001": "38.47", "0460 0002": "6,087.21", "0460 0003": "11,222.38", "0460 0004": "10,347.29",
      ])
    // C011: a partial payment and a credit note; contract rate 4.50%. 0461 0002 (260,000.00,
    // 10,000.00 credited): 250,000.00 × 275 days × 4.5% ÷ 365 = 8,476.03.
    #expect(try interest("C011") == ["0461 0001": "7,434.25", "0461 0002": "8,476.03"])
  }

  @Test func theDemandCarriesTotalsRateEvidenceAndLimitation() throws {
    let text = try FileBytes.text(goldens + "/zh-CN/penalty-legal-demand-C011.html")
    #expect(text.contains(#"<meta name="ardoc:interest" content="15910.28" />"#))
    #expect(text.contains(#"<td class="num figure" data-field="demand-total">425,910.28</td>"#))
    #expect(text.contains(#"<span data-field="interest-rate">4.50%</span>（ACT/365）"#))
    #expect(text.contains("合同：HT-2025-041（签订于 2025年8月1日） 化工园区安全监测"))
    #expect(text.contains("签收单：签收单 0461 0001（发票 0461 0001）"))
    #expect(text.contains(#"诉讼时效期间至 <span data-field="limitation-expires">2028年12月20日</span> 届满"#))
    #expect(text.contains("上海明衡律师事务所"))
    let c010 = try FileBytes.text(goldens + "/zh-CN/penalty-legal-demand-C010.html")
    #expect(c010.contains("依《民法典》第一百八十九条自 2023年12月20日 起算"))
    #expect(c010.contains(#"<span data-field="limitation-expires">2026年12月20日</span>"#))
  }
}

@Suite struct MarkerTests {
  @Test(arguments: goldenCases.filter { $0.name.hasPrefix("zh-CN") })
  func everyDocumentCarriesItsMarkers(_ c: GoldenCase) throws {
    let text = try FileBytes.text(goldens + "/" + c.name + ".html")
    let document = try XMLDocument.parse(Array(text.utf8), file: c.name)
    let ns = ["h": "http://www.w3.org/1999/xhtml"]
    let owner = try document.select("//h:*[@data-field='payment-owner']", namespaces: ns)
    #expect(owner.count == 1)
    let meta = try document.select("//h:meta[@name='ardoc:payment-owner']", namespaces: ns)
    #expect(meta.first?.attribute("content") == owner.first?.textContent)
    #expect(
      try document.select("//h:meta[@name='ardoc:kind']", namespaces: ns).first?.attribute("content")
        == c.request.kind.rawValue)
    #expect(
      try document.select("//h:meta[@name='ardoc:number']", namespaces: ns).first?.attribute("content") == c.number)
    let seals = try document.select("//h:*[@data-seal]", namespaces: ns)
    #expect(seals.contains { $0.attribute("data-seal") == "issuer" && $0.attribute("data-party") == "上海澄明工业软件有限公司" })
    let needsCounterparty = [.confirmation, .installmentProposal, .reconciliation].contains(c.request.kind)
    #expect(seals.contains { $0.attribute("data-seal") == "counterparty" } == needsCounterparty)
    // The table rows add up to the balance.
    let balance =
      try document.select("//h:meta[@name='ardoc:balance']", namespaces: ns).first?.attribute("content") ?? ""
    let rows = try document.select("//h:tr[@data-amount]", namespaces: ns).compactMap { $0.attribute("data-amount") }
    let sum = rows.reduce(ExactDecimal.zero) { total, text in (try? total.adding(ExactDecimal(parsing: text))) ?? total
    }
    #expect(sum == (try? ExactDecimal(parsing: balance)))
    // 大写 matches the balance.
    let words = try document.select("//h:*[@data-field='balance-in-words']", namespaces: ns).first?.textContent
    #expect(words == (try? AmountInWords.chinese(ExactDecimal(parsing: balance))))
  }

  @Test func aSoftReminderNeverSaysContract() throws {
    for locale in ["zh-CN"] {
      let text = try FileBytes.text(goldens + "/\(locale)/dunning-1-C013.html")
      let body = String(text[text.range(of: "<body>")!.lowerBound...])
      #expect(!body.contains("合同"))
      #expect(body.contains("1%"))  // the early-payment discount
    }
  }

  /// The early-payment discount of a soft reminder in a currency without a minor unit is whole:
  /// 1% of 90,050 yen is 900.50, offered as 901 (half away from zero), 89,149 to pay.
  @Test func aDiscountInACurrencyWithoutCentsIsWhole() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    for index in ledger.contracts.indices where ledger.contracts[index].customer == "C013" {
      ledger.contracts[index].currency = "JPY"
    }
    let invoice = try #require(ledger.invoices.firstIndex { $0.number == "0463 0001" })
    ledger.invoices[invoice].amount = ExactDecimal(90_050)
    var policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let request = LetterRequest(kind: .dunning, customer: "C013", asOf: asOf, locale: "zh-CN")
    // The example policy's dunning amounts are in yuan and dollars: no level is reached in yen, and the
    // refusal says why.
    let yuanOnly = LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
    #expect(throws: LetterRefusal.self) { try yuanOnly.prepare(request) }
    do {
      _ = try yuanOnly.prepare(request)
    } catch {
      #expect(
        "\(error)"
          == "error: C013: the overdue amount is 90,050.00 JPY, but the policy's dunning levels set their minimum amounts in CNY and USD only, and ardoc converts no currency; add JPY to dunning.levels[].minAmount, or choose --level"
      )
    }
    policy.dunningLevels = policy.dunningLevels.map {
      Policy.DunningLevel(
        level: $0.level, daysOverdue: $0.daysOverdue,
        minAmount: PolicyAmount(
          byCurrency: $0.minAmount.byCurrency.merging(["JPY": ExactDecimal(20_000)]) { a, _ in a }))
    }
    let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
    let text = try render(GoldenCase(name: "C013", request: request, number: "CK-1"), factory: factory)
    // Yen has no minor unit: no figure, in the text or the table, is written with decimals.
    #expect(text.contains("的付款折让（JP¥901），\n        实付 JP¥89,149。"), "\(text)")
    for (field, shown) in [
      ("row-amount", "90,050"), ("row-paid", "0"), ("row-open", "90,050"), ("total", "90,050"),
      ("balance", "JP¥90,050"), ("overdue", "JP¥90,050"),
    ] {
      #expect(text.contains(#"data-field="\#(field)">\#(shown)<"#), "\(field)")
    }
  }

  /// A payment request asks for what falls due by its deadline: C003's invoice due 2026-12-15
  /// is listed in a letter as of 2026-11-25 (deadline 2026-12-10) but not demanded early, while
  /// one due 2026-11-20 is; with nothing due by the deadline there is no request.
  @Test func aPaymentRequestAsksOnlyForWhatIsDueByItsDeadline() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let day = try CivilDate(iso: "2026-11-25")
    var request = LetterRequest(kind: .confirmation, customer: "C003", asOf: day, locale: "zh-CN", collect: true)
    #expect(
      try refusal(request)
        == "error: C003: --collect asks for payment by 2026-12-10, but nothing of the balance 270,000.00 CNY falls due by then, after money received and not applied (the first invoice is due 2026-12-15; a letter dated 2026-11-30 or later asks by then); leave out --collect, or date the letter later with --date"
    )
    ledger.invoices.append(
      Invoice(
        number: "0453 0000", contract: "HT-2026-044", issuedOn: try CivilDate(iso: "2026-11-01"),
        dueOn: try CivilDate(iso: "2026-11-20"), amount: ExactDecimal(30_000)))
    let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
    let chinese = try render(GoldenCase(name: "C003", request: request, number: "DZ-1"), factory: factory)
    #expect(
      chinese.contains(
        "前将上述款项中届时已到期的 ¥30,000.00 支付至本公司上述账户；其余 ¥270,000.00 请按各发票到期日支付。本函同时作为本公司的付款要求。</p>"),
      "\(chinese)")
    request.locale = "en"
    let english = try render(GoldenCase(name: "C003", request: request, number: "DZ-1"), factory: factory)
    #expect(
      english.contains(
        """
        Please pay CNY 30,000.00, the amount falling due by then,
              into the account above by <span data-field="deadline">10 December 2026</span>, and the remaining CNY 270,000.00 as each invoice falls due. This letter is also our request for payment.</p>
        """), "\(english)")
  }

  /// A letter dated after its as-of day says when the ledger shows money received in between,
  /// which its figures leave out; one dated on its as-of day, or a payment after its date, not.
  @Test func aLaterDatedLetterNamesThePaymentsItsFiguresLeaveOut() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    for (id, day) in [("P-1203", "2026-12-03"), ("P-1210", "2026-12-10")] {
      ledger.payments.append(
        Payment(
          id: id, customer: "C004", receivedOn: try CivilDate(iso: day), amount: ExactDecimal(10_000), currency: "CNY"))
    }
    let factory = LetterFactory(
      ledger: ledger, policy: try Policy.load(packageRoot + "/Examples/policy.json"),
      templateRoots: [packageRoot + "/Templates"])
    let later = LetterRequest(kind: .dunning, customer: "C004", asOf: asOf, date: try CivilDate(iso: "2026-12-07"))
    #expect(
      try factory.prepare(later).warnings.map(\.description) == [
        "[later-payment] the figures are as of 2026-11-30, and leave out what the ledger shows received since, by the document's date 2026-12-07: P-1203 of 2026-12-03, 10,000.00 CNY; write it as of a later day if that should count"
      ])
    #expect(try factory.prepare(LetterRequest(kind: .dunning, customer: "C004", asOf: asOf)).warnings.isEmpty)
  }

  @Test func englishDocumentsAreEnglishThroughout() throws {
    for c in goldenCases where c.name.hasPrefix("en/") {
      let text = try FileBytes.text(goldens + "/" + c.name + ".html")
      let body = String(text[text.range(of: "<body>")!.lowerBound...])
      // Chinese may only appear in names and addresses from the ledger, never in labels or dates.
      for word in ["日期", "合计", "年", "大写", "逾期天数", "（盖章）"] {
        #expect(!body.contains(word), "\(c.name) contains \(word)")
      }
    }
  }
}

@Suite struct ForeignCurrencyTests {
  @Test func aUSDAccountNamesItsCurrencyInCapitals() throws {
    let text = try render(
      GoldenCase(
        name: "C007-USD", request: LetterRequest(kind: .confirmation, customer: "C007", currency: "USD", asOf: asOf),
        number: "DZ-USD"), factory: try exampleFactory())
    #expect(text.contains(#"<span class="figure" data-field="balance">$30,000.00</span>"#))
    #expect(text.contains(#"data-field="balance-in-words">美元叁万元整</span>"#))
    #expect(text.contains(#"<meta name="ardoc:currency" content="USD" />"#))
  }
}

/// A demand interrupts only limitation periods still running (民法典 第195条); for a claim whose
/// period has ended it says what still counts (第192条) instead of claiming a restart.
@Suite struct LimitationWordingTests {
  static let restart = "本函的送达构成《民法典》第一百九十五条规定的权利人向义务人提出履行请求，诉讼时效自本函送达之日起重新计算。"
  static let restartRunningOnly =
    "本函的送达构成《民法典》第一百九十五条规定的权利人向义务人提出履行请求，对诉讼时效期间尚未届满的款项，诉讼时效自本函送达之日起重新计算。"
  static let expired = "诉讼时效期间已届满的款项，本函不使诉讼时效中断；依《民法典》第一百九十二条，贵公司同意履行的，不得以诉讼时效期间届满为由抗辩，已自愿履行的，不得请求返还。"

  func demand(_ customer: String, asOf: CivilDate, factory: LetterFactory) throws -> String {
    try render(
      GoldenCase(
        name: customer,
        request: LetterRequest(kind: .penaltyNotice, customer: customer, asOf: asOf, measure: .legalDemand),
        number: "TZ-1"),
      factory: factory)
  }

  @Test func runningPeriodsRestart() throws {
    let text = try demand("C011", asOf: asOf, factory: try exampleFactory())
    #expect(text.contains(Self.restart))
    #expect(!text.contains("第一百九十二条"))
  }

  @Test func periodsThatEndedAreNotSaidToRestart() throws {
    // C010's three installment invoices run out on 2026-12-20.
    let text = try demand("C010", asOf: day("2027-01-10"), factory: try exampleFactory())
    #expect(text.contains("（已届满）"))
    #expect(!text.contains("重新计算"))
    #expect(text.contains(Self.expired))
  }

  @Test func aMixOfBothSaysWhichRestart() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    ledger.invoices.append(
      Invoice(
        number: "0461 OLD", contract: "HT-2025-041", issuedOn: day("2019-01-02"), dueOn: day("2019-02-01"),
        amount: ExactDecimal(1000)))
    let factory = LetterFactory(
      ledger: ledger, policy: try Policy.load(packageRoot + "/Examples/policy.json"),
      templateRoots: [packageRoot + "/Templates"])
    let text = try demand("C011", asOf: asOf, factory: factory)
    #expect(text.contains("诉讼时效期间至 <span data-field=\"limitation-expires\">2022年2月1日</span> 届满（已届满）"))
    #expect(text.contains(Self.restartRunningOnly))
    #expect(text.contains(Self.expired))
  }
}

/// Issuer details the ledger leaves out are left out of the letter, not printed as empty labels.
@Suite struct MissingIssuerDetailsTests {
  @Test func noContactNoFooterNoBankNoBankLine() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    ledger.issuer.contact = Person()
    ledger.issuer.bank = BankAccount()
    let factory = LetterFactory(
      ledger: ledger, policy: try Policy.load(packageRoot + "/Examples/policy.json"),
      templateRoots: [packageRoot + "/Templates"])
    let text = try render(
      GoldenCase(
        name: "C001", request: LetterRequest(kind: .confirmation, customer: "C001", asOf: asOf), number: "DZ-1"),
      factory: factory)
    #expect(!text.contains("<footer"))
    #expect(!text.contains("联系人："))
    #expect(!text.contains("class=\"bank\""))
    #expect(text.contains("截至上述日期，贵公司尚欠本公司款项"))
    #expect(
      throws: LetterRefusal(
        customer: "C001",
        "the ledger gives no bank account for 上海澄明工业软件有限公司 (issuer.bank.account); a letter that asks for payment must say where to pay: add it and import the ledger again"
      )
    ) { try factory.prepare(LetterRequest(kind: .dunning, customer: "C001", asOf: asOf)) }
  }
}

@Suite struct TemplateChoiceTests {
  let ledger: Ledger
  let policy: Policy
  let request = LetterRequest(kind: .confirmation, customer: "C001", asOf: asOf)

  init() throws {
    ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    policy = try Policy.load(packageRoot + "/Examples/policy.json")
  }

  /// A copy of the bundled templates, without the files named.
  func templates(without removed: [String] = []) throws -> String {
    let root = scratchPath("choice")
    try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: root)
    for name in removed { try FileManager.default.removeItem(atPath: root + "/" + name) }
    return root
  }

  /// The template a kind and locale use is looked up once per cache, like the compiled template
  /// itself: a batch's thousands of letters do not ask the file system each time, and a file
  /// removed during a run does not change the run's template.
  @Test func aTemplateIsChosenOncePerCache() throws {
    let root = try templates()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: [root])
    #expect(try factory.prepare(request).template == "zh-CN/confirmation.xhtml")
    try FileManager.default.removeItem(atPath: root + "/zh-CN/confirmation.xhtml")
    #expect(try factory.prepare(request).template == "zh-CN/confirmation.xhtml")
    let fresh = LetterFactory(ledger: ledger, policy: policy, templateRoots: [root])
    let error = #expect(throws: LetterRefusal.self) { try fresh.prepare(request) }
    #expect(error?.message == "no template zh-CN/confirmation.xhtml in \(root); check --templates")
  }

  /// Factories sharing one cache with other template folders or locales each get their own
  /// choice: the key holds the roots and the names looked for.
  @Test func oneCacheKeepsEachFoldersAndLocalesChoice() throws {
    let full = try templates()
    let bare = try templates(without: ["zh-CN/confirmation.xhtml"])
    defer {
      try? FileManager.default.removeItem(atPath: full)
      try? FileManager.default.removeItem(atPath: bare)
    }
    let cache = TemplateCache()
    let first = LetterFactory(ledger: ledger, policy: policy, templateRoots: [full], cache: cache)
    #expect(try first.prepare(request).template == "zh-CN/confirmation.xhtml")
    var english = request
    english.locale = "en"
    #expect(try first.prepare(english).template == "en/confirmation.xhtml")
    let second = LetterFactory(ledger: ledger, policy: policy, templateRoots: [bare], cache: cache)
    #expect(throws: LetterRefusal.self) { try second.prepare(request) }
    #expect(try second.prepare(english).template == "en/confirmation.xhtml")
    let both = LetterFactory(ledger: ledger, policy: policy, templateRoots: [bare, full], cache: cache)
    #expect(try both.prepare(request).template == "zh-CN/confirmation.xhtml")
  }

  /// A folder whose path holds `|` is one root, not two: `[A, B]` and the single folder
  /// `A|B` (here `<tmp>/x|<tmp>/y`, made empty) do not share a cached choice or template.
  @Test func aRootWithABarInItsPathIsNotTwoRoots() throws {
    let empty = try templates(without: ["zh-CN"])
    let full = try templates()
    let barred = empty + "|" + full
    defer {
      for path in [empty, full, empty + "|"] { try? FileManager.default.removeItem(atPath: path) }
    }
    try FileManager.default.createDirectory(atPath: barred, withIntermediateDirectories: true)
    let cache = TemplateCache()
    let two = LetterFactory(ledger: ledger, policy: policy, templateRoots: [empty, full], cache: cache)
    let prepared = try two.prepare(request)
    #expect(prepared.template == "zh-CN/confirmation.xhtml")
    _ = try two.render(prepared, number: "DZ-202611-0001")
    let one = LetterFactory(ledger: ledger, policy: policy, templateRoots: [barred], cache: cache)
    let error = #expect(throws: LetterRefusal.self) { try one.prepare(request) }
    #expect(error?.message == "no template zh-CN/confirmation.xhtml in \(barred); check --templates")
  }
}
