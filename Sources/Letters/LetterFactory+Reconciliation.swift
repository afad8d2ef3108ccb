import Basics
import Ledger
import Templating
import Vocabulary

/// The reconciliation statement (余额调节表): it answers a disputed reply to a confirmation
/// letter with our balance (the letter's, which the ledger must still show at the letter's
/// as-of date), each reconciling item the reply recorded, what remains unexplained, and the
/// customer's balance, for both sides to stamp.
extension LetterFactory {
  func reconciliation(_ request: LetterRequest, account: Account) throws(LetterRefusal) -> TemplateValue {
    let id = request.customer
    guard let number = request.letter else {
      throw LetterRefusal(customer: id, "a reconciliation statement needs the confirmation letter it answers")
    }
    guard let reply = replies.first(where: { $0.letter == number && $0.state == .inForce }),
      reply.answer == .disputed, let theirs = reply.theirBalance
    else {
      throw LetterRefusal(
        customer: id,
        "\(number) has no disputed reply in force; a reconciliation statement answers one (record it with 'ardoc reply \(number) --disputed --received DATE --their-balance AMOUNT')"
      )
    }
    guard request.date >= reply.receivedOn else {
      throw LetterRefusal(
        customer: id,
        "the statement's date \(request.date.iso) is before the reply it answers (received \(reply.receivedOn.iso)); date it on or after that day"
      )
    }
    guard reply.currency == account.currency, reply.ourBalance == account.balance else {
      throw LetterRefusal(
        customer: id,
        "\(number) stated \(reply.ourBalance.formatted(places: 2)) \(reply.currency), but the ledger's balance on \(request.asOf.iso) is now \(account.balance.formatted(places: 2)) \(account.currency); the ledger changed since the letter: reissue it at the ledger's balance ('ardoc confirm --customer \(id) --currency \(account.currency) --as-of \(request.asOf.iso) --reissue'), which replaces the disputed letter, rather than reconcile the old one"
      )
    }
    // The same balance from other invoices (a payment and a new invoice of one amount) is not
    // the letter's account: the statement would list invoices the customer never saw.
    if let listed = request.listed {
      let now = account.openInvoices.map { ListedInvoice(invoice: $0.invoice.number, open: $0.open) }
      let differences = Self.differences(letter: listed, ledger: now)
      if !differences.isEmpty {
        throw LetterRefusal(
          customer: id,
          "\(number) listed other invoices than the ledger now shows on \(request.asOf.iso) (\(differences.joined(separator: "; "))); the ledger changed since the letter: send a new confirmation letter rather than reconcile the old one"
        )
      }
    }
    let unexplained = reply.unexplained ?? .zero
    let letterDate = history.first { $0.number == number }?.documentDate
    return [
      "letter": .string(number), "letterDate": Self.date(letterDate), "receivedOn": .string(reply.receivedOn.iso),
      "signedBy": reply.signedBy.map { TemplateValue.string($0) } ?? .null,
      "ours": Self.money(reply.ourBalance), "theirs": Self.money(theirs),
      // Said without a sign in the text; the table carries the signs.
      "difference": Self.money(((try? theirs.subtracting(reply.ourBalance)) ?? .zero).magnitude),
      "items": .array(
        reply.items.map {
          [
            "kind": .string($0.kind.rawValue), "reference": .string($0.reference), "amount": Self.money($0.amount),
            "note": .string($0.note),
          ]
        }),
      "unexplained": Self.money(unexplained), "explained": .bool(unexplained.isZero),
      // Said without a sign: how much, and whether their books show less or more than our
      // balance with the items applied.
      "unexplainedAmount": Self.money(unexplained.magnitude), "theirsLess": .bool(unexplained.isNegative),
    ]
  }

  /// How the ledger's open invoices differ from a letter's, each said in a few words, at most
  /// three (and how many more).
  public static func differences(letter: [ListedInvoice], ledger: [ListedInvoice]) -> [String] {
    let before = Dictionary(letter.map { ($0.invoice, $0.open) }, uniquingKeysWith: { first, _ in first })
    let after = Dictionary(ledger.map { ($0.invoice, $0.open) }, uniquingKeysWith: { first, _ in first })
    var said: [String] = []
    for item in ledger where before[item.invoice] == nil {
      said.append("\(item.invoice), open \(item.open.formatted(places: 2)), was not on it")
    }
    for item in letter {
      guard let open = after[item.invoice] else {
        said.append("\(item.invoice) is no longer open")
        continue
      }
      if open != item.open {
        said.append(
          "\(item.invoice) is open \(open.formatted(places: 2)), not \(item.open.formatted(places: 2))")
      }
    }
    return said.count > 3 ? Array(said.prefix(3)) + ["\(said.count - 3) more"] : said
  }

  /// The metas a reconciliation statement carries beside every document's.
  static func reconciliationMeta(_ context: TemplateValue) -> [TemplateValue] {
    [
      ["name": .string(MetaName.letter.rawValue), "content": context["letter"] ?? .null],
      ["name": .string(MetaName.theirBalance.rawValue), "content": context["theirs"] ?? .null],
    ]
  }
}
