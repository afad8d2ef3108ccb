import Basics
import Ledger
import Vocabulary

/// How an open dispute ends, said in one place for every place that advises it: the refusal of
/// a document the dispute holds back, preflight's "no open dispute", the dunning batch's
/// `skipped.csv`, and the note on an agreed reply to a letter whose dispute has a statement.
///
/// The way on depends on the register. A reissue of the disputed letter asks the customer
/// again, and their answer to it ends the dispute. A reconciliation statement written for the
/// dispute ends it when the customer stamps it: the stamp is recorded under the statement's
/// number, so a legal demand cites the statement rather than a stamp on the letter they
/// disputed. Without one, a statement is written, or the customer stamps the letter itself.
public struct DisputeAdvice: Sendable, Equatable {
  /// The disputed reply in force.
  public let dispute: Reply
  /// The letter that replaced the disputed one after one reissue or more, when one did: the
  /// customer's answer to it ends the dispute (a superseded letter takes no reply).
  public let reissue: String?
  /// The reconciliation statement written for this dispute: the one standing in its letter's
  /// slot (customer, currency, as-of month), issued on or after the disputed reply arrived.
  /// One written before answers an earlier reply, whose figures its stamp would confirm.
  public let statement: RegisterEntry?
  /// A statement stands in the letter's slot but answers no longer (written for an earlier
  /// reply, or written INVALID): a new one needs `--reissue`.
  let slotTaken: Bool
  /// The ledger's balance now for the dispute's account at its letter's as-of date, when the
  /// caller has the ledger (``ledgerBalance(_:ledger:receivables:)``).
  public let ledgerBalance: ExactDecimal?

  /// `history`: the customer's register entries, oldest first (the order the store lists them).
  /// `ledgerBalance`: the ledger's balance now at the letter's as-of date; when it is not the
  /// letter's, the letter is reissued rather than reconciled (a statement must state the
  /// letter's balance, and `ardoc reconcile` refuses one the ledger no longer shows).
  public init(_ dispute: Reply, history: [RegisterEntry], ledgerBalance: ExactDecimal? = nil) {
    self.dispute = dispute
    self.ledgerBalance = ledgerBalance
    reissue = dispute.letterSuperseded ? Self.reissue(of: dispute.letter, history: history) : nil
    // A statement of a superseded letter cannot be stamped: the stamp confirms a letter that
    // no longer stands.
    let standing =
      dispute.letterSuperseded
      ? nil
      : history.last {
        $0.kind == .reconciliation && [.issued, .invalid].contains($0.status) && $0.customer == dispute.customer
          && $0.currency == dispute.currency && DocumentPath.month($0.asOf) == DocumentPath.month(dispute.asOf)
      }
    statement = standing.flatMap { $0.status == .issued && $0.documentDate >= dispute.receivedOn ? $0 : nil }
    slotTaken = standing != nil && statement == nil
  }

  /// The dispute in a clause: "DZ-202611-0001 is disputed since 2026-12-02: their balance
  /// 300,000.00, ours 380,000.00 CNY" (amounts in the currency's unit), and ", reissued as
  /// DZ-202611-0002" after a reissue.
  public var state: String {
    let theirs = (dispute.theirBalance ?? .zero).formatted(in: dispute.currency)
    let reissued = reissue.map { ", reissued as \($0)" } ?? ""
    return
      "\(dispute.letter) is disputed since \(dispute.receivedOn.iso): their balance \(theirs), ours \(dispute.ourBalance.formatted(in: dispute.currency)) \(dispute.currency)\(reissued)"
  }

  /// What ends the dispute, with the commands and the register's numbers.
  public var advice: String {
    let letter = dispute.letter
    let onLetter = "record their agreed reply to the letter itself with '\(Self.agreed(letter))'"
    if dispute.letterSuperseded {
      guard let reissue else {
        return
          "record the customer's agreed reply to the letter that replaced it (see 'ardoc register list --customer \(dispute.customer) --kind confirmation')"
      }
      return "record the customer's agreed reply to \(reissue) with '\(Self.agreed(reissue))'"
    }
    guard let statement else {
      if let now = ledgerBalance, now != dispute.ourBalance {
        let reissue =
          "ardoc confirm --customer \(dispute.customer) --currency \(dispute.currency) --as-of \(dispute.asOf.iso) --reissue"
        return
          "the ledger's balance on \(dispute.asOf.iso) is now \(now.formatted(in: dispute.currency)) \(dispute.currency), not the letter's: reissue the letter at the ledger's balance with '\(reissue)', which replaces the disputed letter, and record the customer's reply to the new one"
      }
      let reconcile = "ardoc reconcile \(letter)\(slotTaken ? " --reissue" : "")"
      // A statement of a dispute that leaves an amount unexplained could not be stamped.
      if let unexplained = dispute.unexplained, !unexplained.isZero {
        return
          "their reply leaves \(unexplained.formatted(in: dispute.currency)) \(dispute.currency) unexplained: \(Self.correctedItems(letter)), then write a reconciliation statement with '\(reconcile)' and record the customer's stamp on it, or \(onLetter)"
      }
      return
        "write \(slotTaken ? "a new" : "a") reconciliation statement with '\(reconcile)' and record the customer's stamp on it, or \(onLetter)"
    }
    if let stampable {
      return
        "\(Self.name(stampable)) answers it: record the customer's stamp on it with '\(Self.agreed(stampable.number))'"
    }
    return
      "\(Self.name(statement)) leaves \((dispute.unexplained ?? .zero).formatted(in: dispute.currency)) \(dispute.currency) unexplained, which its stamp would not reconcile: \(Self.correctedItems(letter)) and write a new statement with 'ardoc reconcile \(letter) --reissue', or \(onLetter)"
  }

  /// Said after an agreed reply to the disputed letter itself, when a statement the customer
  /// could have stamped instead answers the dispute: the reply stands (a customer may stamp
  /// the letter), but a demand will cite it as a stamp on the letter, so the user hears which
  /// statement is the usual way and how to record its stamp instead. Nil otherwise.
  public var agreedOnLetterNote: String? {
    guard let stampable else { return nil }
    return
      "note: \(Self.name(stampable)) answers \(dispute.letter)'s dispute, and its stamp is the usual way to end it ('\(Self.agreed(stampable.number))'); this reply is recorded as the customer's stamp on the letter itself, and a legal demand cites it so. If they stamped the statement, withdraw this reply ('ardoc reply \(dispute.letter) --withdraw'), record their dispute again with '--received \(dispute.receivedOn.iso)' (the reply the statement answers), then the statement's stamp"
  }

  /// The statement whose stamp ends the dispute: written for it, its items explaining the
  /// whole difference (a stamp on one that leaves an amount unexplained is refused).
  var stampable: RegisterEntry? {
    (dispute.unexplained ?? .zero).isZero ? statement : nil
  }

  /// The ledger's balance for `dispute`'s customer and currency at its letter's as-of date
  /// (zero when nothing is open), from `receivables` when they are of that date; nil when the
  /// ledger's figures are too large to compute.
  public static func ledgerBalance(_ dispute: Reply, ledger: Ledger, receivables: Receivables? = nil)
    -> ExactDecimal?
  {
    guard let figures = receivables?.asOf == dispute.asOf ? receivables : try? Receivables(ledger, asOf: dispute.asOf)
    else { return nil }
    return figures.account(customer: dispute.customer, currency: dispute.currency)?.balance ?? .zero
  }

  static func name(_ statement: RegisterEntry) -> String { "reconciliation statement \(statement.number)" }

  /// How the customer's corrected items are recorded: a disputed reply with the file of the
  /// items that differ.
  public static func correctedItems(_ letter: String) -> String {
    "record the customer's corrected items with 'ardoc reply \(letter) --disputed --their-balance AMOUNT --differences FILE --received DATE'"
  }

  /// The command that records the customer's agreement under `number`: a letter's, or the
  /// stamp on a statement.
  static func agreed(_ number: String) -> String { "ardoc reply \(number) --agreed --received DATE" }

  /// The letter that stands in place of `letter` after one reissue or more (each names the one
  /// it supersedes), from the customer's register entries; nil when none does.
  static func reissue(of letter: String, history: [RegisterEntry]) -> String? {
    var current = letter
    var seen: Set<String> = [letter]
    while let next = history.first(where: { $0.supersedes == current })?.number, seen.insert(next).inserted {
      current = next
    }
    return current == letter ? nil : current
  }
}
