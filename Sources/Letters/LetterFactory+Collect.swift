import Basics
import Ledger
import Templating

extension LetterFactory {
  /// What a confirmation letter with a payment request (`--collect`) asks to be paid by its
  /// deadline: the invoices due by then, less money received and not applied. An invoice that
  /// falls due later is listed, since the balance includes it, but not demanded before its day:
  /// asking for it early claims what the contract does not give. Nothing due by the deadline is
  /// no payment request at all.
  func collectDue(_ request: LetterRequest, account: Account, context: inout [String: TemplateValue])
    throws(LetterRefusal)
  {
    let payBy = request.paymentDeadline(policy)
    let due = try exact(request.customer) { () throws(DecimalError) -> ExactDecimal in
      let open = try ExactDecimal.sum(account.openInvoices.filter { $0.invoice.dueOn <= payBy }.map(\.open))
      return try open.subtracting(account.unappliedCredit)
    }
    guard due > .zero else {
      let next = account.openInvoices.map(\.invoice.dueOn).min()
      throw LetterRefusal(
        customer: request.customer,
        "--collect asks for payment by \(payBy.iso), but nothing of the balance \(account.balance.formatted(places: 2)) \(account.currency) falls due by then\(next.map { " (the first invoice is due \($0.iso))" } ?? ""); leave out --collect, or ask later"
      )
    }
    let later = try exact(request.customer) { () throws(DecimalError) in try account.balance.subtracting(due) }
    guard case .object(var fields) = context["account"] else { return }
    fields["dueByDeadline"] = Self.money(due)
    fields["notYetDue"] = Self.money(later)
    fields["allDueByDeadline"] = .bool(later.isZero)
    context["account"] = .object(fields)
  }
}
