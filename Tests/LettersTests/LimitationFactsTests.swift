import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// What a legal demand's limitation section says each period runs from, and what restarted it.
@Suite struct LimitationFactsTests {
  /// C010's installment contract HT-2023-006 with its payment terms undated: 第189条 counts from
  /// the due date of the contract's invoice due last, 0460 0004's 2023-12-20, which the notice
  /// names for every invoice of the contract.
  @Test func anInstallmentContractWithoutDatedTermsNamesItsLastInvoice() throws {
    let example = try exampleFactory()
    var ledger = example.ledger
    ledger.contracts = ledger.contracts.map { contract in
      var contract = contract
      if contract.id == "HT-2023-006" {
        contract.paymentTerms = contract.paymentTerms.map { PaymentTerm(milestone: $0.milestone, percent: $0.percent) }
      }
      return contract
    }
    let factory = LetterFactory(ledger: ledger, policy: example.policy, templateRoots: example.templateRoots)
    var request = LetterRequest(kind: .penaltyNotice, customer: "C010", asOf: asOf, measure: .legalDemand)
    let zh = try render(GoldenCase(name: "C010", request: request, number: "TZ-1"), factory: factory)
    #expect(
      zh.contains(
        "发票 0460 0002：依《民法典》第一百八十九条自 最后一期（发票 0460 0004）履行期限届满之日 2023年12月20日 起算，诉讼时效期间至 <span data-field=\"limitation-expires\">2026年12月20日</span> 届满。"
      ))
    request.locale = "en"
    let en = try render(GoldenCase(name: "C010", request: request, number: "TZ-1"), factory: factory)
    #expect(
      en.contains(
        "Invoice 0460 0002: under Article 189 of the Civil Code the period runs from 20 December 2023, the due date of the last instalment (invoice 0460 0004), and ends on <span data-field=\"limitation-expires\">20 December 2026</span>."
      ))
  }
}
