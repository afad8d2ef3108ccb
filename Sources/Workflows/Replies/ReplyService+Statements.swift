import Basics
import Ledger
import LedgerStore
import Letters
import LibXML
import Vocabulary

/// A reconciliation statement the customer stamped: the reply that ends a dispute on the paper
/// the customer signed. Recorded as an agreed reply to the letter the statement answers, under
/// the statement's number (as a second notice's), so that what cites it later names the
/// statement, not a stamp on the letter the customer disputed.
extension ReplyService {
  /// The statement registered under `number`, or nil when the number is another document's.
  func statementEntry(_ number: String) throws(ReplyError) -> RegisterEntry? {
    let typed = number.trimmingCharacters(in: .whitespaces)
    guard let entry = try storeCall({ () throws(StoreError) in try store.entry(typed) }),
      entry.kind == .reconciliation
    else { return nil }
    return entry
  }

  /// The letter a standing statement answers (its `ardoc:letter`), which must stand too.
  func reconciledLetter(of statement: RegisterEntry) throws(ReplyError) -> RegisterEntry {
    guard statement.status == .issued else {
      throw ReplyError(
        "error: \(statement.number) is \(statement.status.rawValue); record the customer's stamp on the statement that stands (see 'ardoc register list --customer \(statement.customer) --kind reconciliation')"
      )
    }
    let bytes = try issuedBytes(of: statement, for: "a stamped statement is recorded for the letter it answers")
    guard let named = DocumentMeta.value(.letter, in: bytes), !named.isEmpty,
      let letter = try storeCall({ () throws(StoreError) in try store.entry(named) }), letter.kind == .confirmation,
      letter.customer == statement.customer
    else {
      throw ReplyError(
        "error: \(statement.number) names no confirmation letter of \(statement.customer) in the register (<meta name=\"ardoc:letter\">)"
      )
    }
    guard letter.status == .issued else {
      throw ReplyError(
        "error: \(statement.number) answers \(named), which no longer stands (\(letter.status.rawValue)); the statement's stamp confirms what it stated, not the letter that replaced it"
      )
    }
    return letter
  }

  /// A stamped statement is an agreement to it: received on or after its date, while the
  /// dispute it answers is the reply in force, and only when its items explain the whole
  /// difference (one that leaves an amount unexplained, stamped, reconciles no balance).
  func checkStamped(_ statement: RegisterEntry, letter: RegisterEntry, _ request: ReplyRequest) throws(ReplyError) {
    guard request.answer == .agreed else {
      throw ReplyError(
        "error: \(statement.number) is a reconciliation statement: the customer stamps it as agreed ('ardoc reply \(statement.number) --agreed …'); a balance of theirs that differs again is a disputed reply to \(letter.number)"
      )
    }
    if request.receivedOn < statement.documentDate {
      throw ReplyError(
        "error: --received \(request.receivedOn.iso) is before \(statement.number) was written (\(statement.documentDate.iso)); give the day the stamped statement arrived"
      )
    }
    let bytes = try issuedBytes(of: statement, for: "a stamped statement is recorded for the letter it answers")
    let theirs = DocumentMeta.value(.theirBalance, in: bytes).flatMap { try? ExactDecimal(parsing: $0) }
    let dispute = try storeCall { () throws(StoreError) in try store.replyInForce(letter: letter.number) }
    guard let dispute, dispute.answer == .disputed, let theirs, dispute.theirBalance == theirs else {
      throw ReplyError(
        "error: \(statement.number) answers \(letter.number)'s dispute at \(theirs?.formatted(in: letter.currency) ?? "?"), which is no longer the reply in force; record the customer's answer to the letter, or write a statement for the reply in force ('ardoc reconcile \(letter.number) --reissue')"
      )
    }
    // What the customer stamps is the statement as written: one written for an earlier reply at
    // the same balance may still show an amount the reply in force explains.
    let printed = try unexplainedAmount(in: bytes, of: statement)
    if let unexplained = [dispute.unexplained, printed].compactMap({ $0 }).first(where: { !$0.isZero }) {
      throw ReplyError(
        "error: \(statement.number) leaves \(unexplained.formatted(in: letter.currency)) \(letter.currency) unexplained: stamped, it reconciles no balance; \(DisputeAdvice.correctedItems(letter.number)), write a new statement ('ardoc reconcile \(letter.number) --reissue'), and record its stamp"
      )
    }
  }

  /// The amount a statement prints as not yet explained (its `data-unexplained` row).
  func unexplainedAmount(in bytes: [UInt8], of statement: RegisterEntry) throws(ReplyError) -> ExactDecimal? {
    let path = statement.path ?? statement.number
    do {
      let rows = try XMLDocument.parse(bytes, file: path).select("//*[@data-unexplained]")
      return rows.first?.attribute("data-unexplained").flatMap { try? ExactDecimal(parsing: $0) }
    } catch {
      throw ReplyError("error: \(path) cannot be read as the statement it was: \(error)")
    }
  }

  /// The note on an agreed reply to a disputed letter itself, when a statement written for the
  /// dispute could have been stamped instead (``DisputeAdvice/agreedOnLetterNote``). A register
  /// that cannot be read leaves the note out: the reply is recorded by then.
  func statementNote(_ request: ReplyRequest, notice: RegisterEntry?, replaced: Reply?) -> String? {
    guard request.answer == .agreed, notice?.kind != .reconciliation, let replaced, replaced.answer == .disputed,
      let history = try? store.entries(customer: replaced.customer)
    else { return nil }
    return DisputeAdvice(replaced, history: history).agreedOnLetterNote
  }
}
