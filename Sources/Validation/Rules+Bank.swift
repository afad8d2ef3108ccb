import Basics
import Vocabulary

extension Check {
  /// With a ledger, the bank account a letter asks to be paid into is the issuer's: an account
  /// changed by hand would send the customer's payment elsewhere, and every other rule would
  /// pass.
  mutating func bankAccount(kind: String?) {
    // A letter that asks for payment says where to pay in a field the rule reads: an account
    // written as plain text (a template that dropped the mark) would pass unread.
    let asksPayment =
      [DocumentKind.dunning.rawValue, DocumentKind.penaltyNotice.rawValue, DocumentKind.installmentProposal.rawValue]
      .contains(kind ?? "") || !field("payment-request").isEmpty
    if asksPayment && field("bank-account").isEmpty {
      add(
        "bank",
        "the letter asks for payment but names no account to pay into in a data-field=\"bank-account\"; mark the account (the partials' bank() does)",
        at: body)
    }
    guard let ledger = validator.ledger else { return }
    let given = ledger.issuer.bank.account
    for node in field("bank-account") {
      let text = node.textContent
      // A render writes the account as the ledger gives it: compared first as it stands, since
      // trimming is most of this rule's cost in a batch.
      if text == given { continue }
      let account = given.trimmingCharacters(in: .whitespacesAndNewlines)
      let shown = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard shown != account else { continue }
      add(
        "bank",
        "the bank account reads '\(shown)', but the ledger's issuer account is '\(account)'; the payment would go elsewhere",
        at: node)
    }
  }
}
