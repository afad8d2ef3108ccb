import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// What a letter dated after its as-of day leaves out: money received and credit notes issued
/// in between, named in its `later-payment` warning.
@Suite struct LaterChangesTests {
  func factory(payments: [(String, String)] = [], credits: [(String, String, String)]) throws -> LetterFactory {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    for (id, day) in payments {
      ledger.payments.append(
        Payment(
          id: id, customer: "C004", receivedOn: try CivilDate(iso: day), amount: ExactDecimal(10_000), currency: "CNY"))
    }
    for (number, invoice, day) in credits {
      ledger.credits.append(
        CreditNote(number: number, invoice: invoice, issuedOn: try CivilDate(iso: day), amount: ExactDecimal(5_000)))
    }
    return LetterFactory(
      ledger: ledger, policy: try Policy.load(packageRoot + "/Examples/policy.json"),
      templateRoots: [packageRoot + "/Templates"])
  }

  /// The audit's K3 of ledger2.json, on the example's C004: a credit note after the as-of day
  /// and by the letter's date is named with the payment; one after the letter's date is not.
  @Test func aCreditNoteBetweenTheAsOfDayAndTheDateIsNamed() throws {
    let later = LetterRequest(kind: .dunning, customer: "C004", asOf: asOf, date: day("2026-12-07"))
    let both = try factory(
      payments: [("P-1203", "2026-12-03")],
      credits: [("CN-1204", "0454 0002", "2026-12-04"), ("CN-1209", "0454 0001", "2026-12-09")])
    #expect(
      try both.prepare(later).warnings.map(\.description) == [
        "[later-payment] the figures are as of 2026-11-30, and leave out what the ledger shows received and credited since, by the document's date 2026-12-07: P-1203 of 2026-12-03, 10,000.00 CNY; credit note CN-1204 of 2026-12-04 on invoice 0454 0002, 5,000.00 CNY; write it as of a later day if that should count"
      ])
    let creditOnly = try factory(credits: [("CN-1201", "0454 0001", "2026-12-01")])
    #expect(
      try creditOnly.prepare(later).warnings.map(\.description) == [
        "[later-payment] the figures are as of 2026-11-30, and leave out what the ledger shows credited since, by the document's date 2026-12-07: credit note CN-1201 of 2026-12-01 on invoice 0454 0001, 5,000.00 CNY; write it as of a later day if that should count"
      ])
    // Dated on its as-of day: nothing is left out.
    #expect(try creditOnly.prepare(LetterRequest(kind: .dunning, customer: "C004", asOf: asOf)).warnings.isEmpty)
  }
}
