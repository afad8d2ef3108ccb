import Basics
import Ledger
import Templating

extension LetterFactory {
  /// What a confirmation letter with a payment request (`--collect`) asks to be paid by its
  /// deadline: the invoices due by then, less money received and not applied. An invoice that
  /// falls due later is listed, since the balance includes it, but not demanded before its day:
  /// asking for it early claims what the contract does not give. Nothing due by the deadline is
  /// no payment request at all.
  func collectDue(_ request: LetterRequest, account: Account, context: inout TemplateMembers)
    throws(LetterRefusal)
  {
    let payBy = request.paymentDeadline(policy)
    // An invoice credited beyond its amount lowers what is owed whenever it falls due, and
    // nothing is asked beyond the balance.
    let due = try exact(request.customer) { () throws(DecimalError) -> ExactDecimal in
      let counted = account.openInvoices.filter { $0.invoice.dueOn <= payBy || $0.open.isNegative }
      return min(try ExactDecimal.sum(counted.map(\.open)).subtracting(account.unappliedCredit), account.balance)
    }
    guard due > .zero else {
      let next = account.openInvoices.filter { $0.invoice.dueOn > payBy && $0.open > .zero }.map(\.invoice.dueOn).min()
      let first = next.map { day in
        " (the first invoice is due \(day.iso); a letter dated \(day.adding(days: -policy.paymentDeadlineDays).iso) or later asks by then)"
      }
      throw LetterRefusal(
        customer: request.customer,
        "--collect asks for payment by \(payBy.iso), but nothing of the balance \(account.balance.formatted(places: 2)) \(account.currency) falls due by then, after money received and not applied\(first ?? ""); leave out --collect, or date the letter later with --date"
      )
    }
    let later = try exact(request.customer) { () throws(DecimalError) in try account.balance.subtracting(due) }
    guard case .object(var fields) = context["account"] else { return }
    fields["dueByDeadline"] = Self.money(due)
    fields["notYetDue"] = Self.money(later)
    fields["allDueByDeadline"] = .bool(later.isZero)
    context["account"] = .object(fields)
  }

  /// A document dated after its as-of day states the figures of that day; money the ledger
  /// shows received in between, and credit notes issued in between on the invoices it lists,
  /// are not in them, and a reader on the document's date would take the balance for what is
  /// owed then. Said, not refused: the as-of day is the user's choice (a month's letters), and
  /// the warning stays in the register with the document.
  func laterPaymentWarning(_ request: LetterRequest, account: Account) -> LetterWarning? {
    // Only a document that asks for payment: a confirmation states a balance as of its day (a
    // second notice and a statement keep their letter's), which later money does not change.
    let asksForPayment =
      [.dunning, .installmentProposal, .penaltyNotice].contains(request.kind)
      || (request.kind == .confirmation && request.collect && request.resending == nil)
    guard asksForPayment, request.date > request.asOf else { return nil }
    let between = { (day: CivilDate) in day > request.asOf && day <= request.date }
    let later = ledger.payments.filter {
      $0.customer == request.customer && $0.currency == account.currency && between($0.receivedOn)
    }.sorted { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }
    let listed = Set(account.invoices.map(\.invoice.number))
    let credited = ledger.credits.filter { listed.contains($0.invoice) && between($0.issuedOn) }
      .sorted { ($0.issuedOn, $0.number) < ($1.issuedOn, $1.number) }
    guard !later.isEmpty || !credited.isEmpty else { return nil }
    let named =
      later.map { "\($0.id) of \($0.receivedOn.iso), \($0.amount.formatted(places: 2)) \($0.currency)" }
      + credited.map {
        "credit note \($0.number) of \($0.issuedOn.iso) on invoice \($0.invoice), \($0.amount.formatted(places: 2)) \(account.currency)"
      }
    let what =
      credited.isEmpty ? "received" : later.isEmpty ? "credited" : "received and credited"
    return LetterWarning(
      .laterPayment,
      "the figures are as of \(request.asOf.iso), and leave out what the ledger shows \(what) since, by the document's date \(request.date.iso): \(named.joined(separator: "; ")); write it as of a later day if that should count"
    )
  }
}
