import Basics
import Foundation
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

let goldens = packageRoot + "/Tests/LettersTests/Fixtures/golden"

func day(_ text: String) -> CivilDate { (try? CivilDate(iso: text)) ?? CivilDate(daysSinceEpoch: 0) }

func exampleFactory(history: [RegisterEntry] = [], replies: [Reply] = []) throws -> LetterFactory {
  let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
  let policy = try Policy.load(packageRoot + "/Examples/policy.json")
  return LetterFactory(
    ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"], history: history, replies: replies)
}

/// C003's confirmation of 2026-11-30 (270,000.00 CNY), disputed on 2026-12-04 at 236,000.00:
/// an invoice they have not booked (-30,000.00) and one booked 6,000.00 higher explain all but
/// 10,000.00 of the difference.
let disputedLetter = RegisterEntry(
  number: "DZ-202611-0002", kind: .confirmation, customer: "C003", documentDate: asOf, asOf: asOf, currency: "CNY",
  amount: ExactDecimal(270_000), status: .issued)
let disputedReply = Reply(
  id: 1, letter: "DZ-202611-0002", customer: "C003", currency: "CNY", asOf: asOf, answer: .disputed,
  receivedOn: day("2026-12-04"),
  signedBy: "周芳", ourBalance: ExactDecimal(270_000), theirBalance: ExactDecimal(236_000),
  items: [
    ReconcilingItem(
      kind: .invoiceNotBooked, reference: "0453 0002", amount: ExactDecimal(-30_000), note: "贵公司尚未收到发票 <原件>"),
    ReconcilingItem(
      kind: .amountDiffers, reference: "0453 0001", amount: ExactDecimal(6_000), note: "booked at 276,000.00"),
  ], unexplained: ExactDecimal(-10_000))

/// One golden document: what it is generated from.
struct GoldenCase: CustomStringConvertible, Sendable {
  let name: String
  let request: LetterRequest
  let number: String
  var description: String { name }
}

let asOf = day("2026-11-30")

/// Every kind, level and measure, in both locales, from the example ledger.
let goldenCases: [GoldenCase] = ["zh-CN", "en"].flatMap { locale -> [GoldenCase] in
  func make(_ name: String, _ request: LetterRequest, _ number: String) -> GoldenCase {
    var r = request
    r.locale = locale
    return GoldenCase(name: "\(locale)/\(name)", request: r, number: number)
  }
  return [
    make("confirmation-C001", LetterRequest(kind: .confirmation, customer: "C001", asOf: asOf), "DZ-202611-0001"),
    make(
      "confirmation-collect-C012", LetterRequest(kind: .confirmation, customer: "C012", asOf: asOf, collect: true),
      "DZ-202611-0002"),
    // A credit balance: the customer has paid more than is invoiced.
    make("confirmation-C006", LetterRequest(kind: .confirmation, customer: "C006", asOf: asOf), "DZ-202611-0003"),
    make("dunning-1-C013", LetterRequest(kind: .dunning, customer: "C013", asOf: asOf), "CK-202611-0001"),
    make("dunning-2-C005", LetterRequest(kind: .dunning, customer: "C005", asOf: asOf), "CK-202611-0002"),
    make("dunning-3-C001", LetterRequest(kind: .dunning, customer: "C001", asOf: asOf), "CK-202611-0003"),
    make(
      "installment-proposal-C010",
      LetterRequest(
        kind: .installmentProposal, customer: "C010", asOf: asOf,
        installments: InstallmentOptions(
          count: 4, firstPercent: try? ExactDecimal(parsing: "40"), start: day("2026-12-20"))),
      "FQ-2026-0001"),
    make(
      "penalty-stop-supply-C011",
      LetterRequest(kind: .penaltyNotice, customer: "C011", asOf: asOf, measure: .stopSupply), "TZ-2026-0001"),
    make(
      "penalty-stop-service-C011",
      LetterRequest(kind: .penaltyNotice, customer: "C011", asOf: asOf, measure: .stopService), "TZ-2026-0002"),
    make(
      "penalty-revoke-license-C011",
      LetterRequest(kind: .penaltyNotice, customer: "C011", asOf: asOf, measure: .revokeLicense), "TZ-2026-0003"),
    make(
      "penalty-legal-demand-C011",
      LetterRequest(kind: .penaltyNotice, customer: "C011", asOf: asOf, measure: .legalDemand), "TZ-2026-0004"),
    make(
      "penalty-legal-demand-C010",
      LetterRequest(kind: .penaltyNotice, customer: "C010", asOf: asOf, measure: .legalDemand), "TZ-2026-0005"),
    make(
      "confirmation-second-notice-C004",
      {
        var request = LetterRequest(kind: .confirmation, customer: "C004", asOf: asOf, date: day("2026-12-14"))
        request.resending = ResentLetter(number: "DZ-202611-0003", date: asOf, balance: ExactDecimal(160_000))
        return request
      }(), "DZ-202612-0001"),
    make(
      "reconciliation-C003",
      {
        var request = LetterRequest(kind: .reconciliation, customer: "C003", asOf: asOf, date: day("2026-12-07"))
        request.letter = "DZ-202611-0002"
        return request
      }(), "TJ-202612-0001"),
  ]
}

func render(_ c: GoldenCase, factory: LetterFactory) throws -> String {
  let prepared = try factory.prepare(c.request)
  let letter = try factory.render(prepared, number: c.number)
  return String(decoding: letter.bytes, as: UTF8.self)
}

/// The refusal of a request by the example factory, as the CLI prints it, or nil.
func refusal(_ request: LetterRequest) throws -> String? {
  let factory = try exampleFactory()
  do {
    _ = try factory.prepare(request)
    return nil
  } catch {
    return error.description
  }
}
