import Basics
import Foundation
import Ledger
import Testing

/// A JSON ledger names only the fields ardoc reads: a misspelt one is refused with the nearest
/// name, where it would have been read as absent (a payment's `applies_to` would have been
/// allocated to the oldest invoices, not the one it names).
@Suite struct UnknownFieldTests {
  static let ledger = """
    {"format": "ardoc-ledger/1", "exportedBy": "ERP 7",
    "issuer": {"name": "Issuer Co", "bank": {"name": "Bank", "acount": "1"}},
    "customers": [{"id": "C1", "name": "One", "_note": "a comment, never read",
      "contacts": [{"name": "Owner", "roles": ["payment-owner"], "mobile": "1"}]}],
    "contracts": [{"id": "K1", "customer": "C1", "amount": "2000.00",
      "lateInterest": {"annualRate": "0.05", "clauses": "9.2"}}],
    "invoices": [
      {"number": "I1", "contract": "K1", "issuedOn": "2026-01-01", "dueOn": "2026-02-01", "amount": "1000.00"},
      {"number": "I2", "contract": "K1", "issuedOn": "2026-01-01", "dueDate": "2026-03-01", "dueOn": "2026-03-01", "amount": "1000.00"}],
    "payments": [{"id": "P1", "customer": "C1", "receivedOn": "2026-02-10", "amount": "1000.00", "applies_to": ["I2"]}]}
    """

  /// The ledger with its names corrected, then `changes` made (text replaced).
  static func corrected(then changes: [(String, String)] = []) -> String {
    var text = ledger
    let corrections = [
      (#""exportedBy": "ERP 7","#, ""), (#""acount""#, #""account""#), (#", "mobile": "1""#, ""),
      (#""clauses""#, #""clause""#), (#""dueDate": "2026-03-01", "#, ""), (#""applies_to""#, #""appliesTo""#),
    ]
    for (wrong, right) in corrections + changes { text = text.replacingOccurrences(of: wrong, with: right) }
    return text
  }

  @Test func aMisspeltFieldIsRefusedWithTheNearestName() throws {
    let folder = try temporary(["ledger.json": Array(Self.ledger.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:1:44: error: exportedBy: is not a field of a ledger; the fields are format, issuer, customers, contracts, invoices, credits, payments",
        "ledger.json:2:68: error: issuer.bank.acount: is not a field of a bank account; did you mean 'account'? the fields are name, account, accountName",
        "ledger.json:4:72: error: customers[0].contacts[0].mobile: is not a field of a contact; the fields are name, roles, title, phone, email, address, paymentOwnerConfirmation",
        "ledger.json:6:53: error: contracts[0].lateInterest.clauses: is not a field of a contract's lateInterest; did you mean 'clause'? the fields are annualRate, dailyRate, basis, clause",
        "ledger.json:9:75: error: invoices[1].dueDate: is not a field of an invoice; the fields are number, contract, issuedOn, dueOn, amount, deliveryReceipt",
        "ledger.json:10:108: error: payments[0].applies_to: is not a field of a payment; did you mean 'appliesTo'? the fields are id, customer, receivedOn, amount, currency, reference, appliesTo",
        "6 problems found; nothing was loaded.",
      ])
  }

  /// The same ledger with the names corrected loads, the comment included; the payment goes to
  /// the invoice it names.
  @Test func theCorrectedLedgerLoads() throws {
    let ledger = try LedgerReader.parseJSON(Array(Self.corrected().utf8), file: "ledger.json")
    #expect(ledger.payments.map(\.appliesTo) == [["I2"]])
    #expect(ledger.issuer.bank.account == "1")
    #expect(ledger.contracts.first?.lateInterest?.clause == "9.2")
  }

  /// A contract whose currency is no currency is reported once: the customer's payments are
  /// not told they need a currency because of it. A padded amount says what is in the way.
  @Test func aBadCurrencyIsOneProblemAndAPaddedAmountIsNamed() throws {
    let text = Self.corrected(then: [
      (#""lateInterest""#, #""currency": "USX", "lateInterest""#),
      (#""amount": "1000.00", "appliesTo""#, #""amount": " 1000.00", "appliesTo""#),
    ])
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:6:15: error: contracts[0].currency: 'USX' is not an ISO 4217 currency code; use one such as CNY, USD, EUR or HKD",
        "ledger.json:10:83: error: payments[0].amount: ' 1000.00' has a space before or after its digits; remove it",
        "2 problems found; nothing was loaded.",
      ])
  }
}
