import Basics
import Ledger
import LedgerStore
import Letters
import Vocabulary

extension DocumentService {
  /// The disputed letter a reissue of `request` may replace although the ledger still gives its
  /// balance: one whose invoices the ledger no longer shows as it listed them (an invoice
  /// renumbered, or paid and another of the same amount issued). A statement could not
  /// reconcile it (it would list invoices the customer never saw), so a new letter asks again;
  /// the dispute stays with the letter it answered. Nil when there is none, or its file cannot
  /// be read (the dispute then keeps the letter, and the refusal names it).
  func disputeTheLedgerOvertook(_ request: LetterRequest, currency: String, history: [RegisterEntry], replies: [Reply])
    -> String?
  {
    guard request.kind == .confirmation,
      let letter = history.last(where: {
        $0.kind == .confirmation && $0.status == .issued && $0.currency == currency
          && DocumentPath.month($0.asOf) == DocumentPath.month(request.asOf)
          && $0.detail != ConfirmationDetail.secondNotice.rawValue
      }),
      replies.contains(where: { $0.letter == letter.number && $0.state == .inForce && $0.answer == .disputed }),
      let listed = try? ReplyService(store: store).listedInvoices(letter),
      let account = (try? Receivables(ledger, asOf: letter.asOf))?.account(
        customer: request.customer, currency: currency)
    else { return nil }
    let before = listed.map { ListedInvoice(invoice: $0.invoice, open: $0.open) }
    let now = account.openInvoices.map { ListedInvoice(invoice: $0.invoice.number, open: $0.open) }
    return LetterFactory.differences(letter: before, ledger: now).isEmpty ? nil : letter.number
  }
}
