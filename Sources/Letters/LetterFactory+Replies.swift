import Basics
import Ledger
import Templating
import Vocabulary

/// What the customer's replies to confirmation letters change in the documents: an open
/// dispute stops dunning letters, penalty notices and proposals, an agreed reply is an acknowledgment
/// that restarts limitation, and a letter without a reply gets a second notice.
extension LetterFactory {
  /// Refuses a dunning letter, penalty notice or phased-payment proposal while the account's
  /// balance is disputed, or, with `--despite-dispute`, gives the warning it is issued with. A
  /// proposal asks the customer to confirm the debt at our balance, which they dispute.
  func disputeCheck(_ request: LetterRequest, account: Account) throws(LetterRefusal) -> LetterWarning? {
    guard [.dunning, .penaltyNotice, .installmentProposal].contains(request.kind),
      let dispute = Self.openDispute(replies, customer: request.customer, currency: account.currency)
    else { return nil }
    let balance =
      dispute.asOf == request.asOf ? account.balance : DisputeAdvice.ledgerBalance(dispute, ledger: ledger)
    let advice = DisputeAdvice(dispute, history: history, ledgerBalance: balance)
    guard request.despiteDispute else {
      throw LetterRefusal(
        customer: request.customer, "\(advice.state); \(advice.advice), or pass --despite-dispute",
        cause: .disputed(advice))
    }
    return LetterWarning(.dispute, "written despite the dispute: \(advice.state)")
  }

  /// The dispute that stands for an account now: among the replies in force, the one to the
  /// latest letter (by its as-of date, then the day received), when it disputes the balance.
  /// An agreed reply to that letter or a later one ends it (the reissue of a disputed letter
  /// included: until the customer answers it, their dispute stands); an agreed reply to an
  /// earlier letter does not. A document dated before the dispute arrived is held back all the
  /// same: it is written now, knowing of it.
  public static func openDispute(_ replies: [Reply], customer: String, currency: String) -> Reply? {
    let latest = replies.filter { $0.customer == customer && $0.currency == currency && $0.state == .inForce }
      .max { ($0.asOf, $0.receivedOn, $0.id) < ($1.asOf, $1.receivedOn, $1.id) }
    return latest?.answer == .disputed ? latest : nil
  }

  /// The agreed replies in force to confirmation letters that included the invoice.
  func acknowledgments(of invoice: String, currency: String) -> [Interruption] {
    agreedReplies(currency: currency).filter { $0.invoices.contains(invoice) }.map {
      isStatement($0.notice)
        ? Interruption(date: $0.receivedOn, kind: .reconciliation, evidence: $0.notice ?? $0.letter)
        : Interruption(date: $0.receivedOn, kind: .acknowledgment, evidence: $0.letter)
    }
  }

  /// Whether a reply was given under a reconciliation statement's number (the customer
  /// stamped the statement), not a second notice's.
  func isStatement(_ number: String?) -> Bool {
    guard let number else { return false }
    return history.contains { $0.number == number && $0.kind == .reconciliation }
  }

  func agreedReplies(currency: String) -> [Reply] {
    replies.filter { $0.currency == currency && $0.state == .inForce && $0.answer == .agreed }
      .sorted { ($0.receivedOn, $0.letter) < ($1.receivedOn, $1.letter) }
  }

  /// A second notice's own part: the letter it asks about again, in its text and metadata.
  func secondNotice(_ request: LetterRequest, account: Account, context: inout TemplateMembers)
    throws(LetterRefusal)
  {
    guard let resent = request.resending else { return }
    guard !request.collect else {
      throw LetterRefusal(customer: request.customer, "a second notice asks for the reply only; leave out --collect")
    }
    guard account.balance == resent.balance else {
      throw LetterRefusal(
        customer: request.customer,
        "\(resent.number) stated \(resent.balance.formatted(places: 2)) \(account.currency), but the ledger's balance on \(request.asOf.iso) is now \(account.balance.formatted(places: 2)); the ledger changed since the letter: send a new confirmation letter rather than a second notice of the old one"
      )
    }
    context["resend"] = [
      "number": .string(resent.number), "date": .string(resent.date.iso), "collect": .bool(resent.requestedPayment),
    ]
    Self.addMeta([["name": .string(MetaName.letter.rawValue), "content": .string(resent.number)]], to: &context)
  }

  /// Appends metas to the document's head (`doc.meta`).
  static func addMeta(_ metas: [TemplateValue], to context: inout TemplateMembers) {
    var doc = context["doc"]?.objectValue ?? [:]
    doc["meta"] = .array((doc["meta"]?.arrayValue ?? []) + metas)
    context["doc"] = .object(doc)
  }
}
