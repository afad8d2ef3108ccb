import Basics

extension Check {
  /// With a ledger, the bank account a letter asks to be paid into is the issuer's: an account
  /// changed by hand would send the customer's payment elsewhere, and every other rule would
  /// pass.
  mutating func bankAccount() {
    guard let ledger = validator.ledger else { return }
    let account = ledger.issuer.bank.account.trimmingCharacters(in: .whitespacesAndNewlines)
    for node in field("bank-account") {
      let shown = node.textContent.trimmingCharacters(in: .whitespacesAndNewlines)
      guard shown != account else { continue }
      add(
        "bank",
        "the bank account reads '\(shown)', but the ledger's issuer account is '\(account)'; the payment would go elsewhere",
        at: node)
    }
  }
}
