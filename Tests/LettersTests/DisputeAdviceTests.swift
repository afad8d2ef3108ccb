import Basics
import Ledger
import Letters
import TestSupport
import Testing
import Vocabulary

/// How a dispute ends, by what the register holds: the statement written for it, one written
/// for an earlier reply, a reissue of the letter.
@Suite struct DisputeAdviceTests {
  /// C003's dispute with its items explaining the whole difference.
  var explained: Reply {
    var reply = disputedReply
    reply.unexplained = .zero
    return reply
  }

  func statement(_ number: String, written: String, status: RegisterEntry.Status = .issued) -> RegisterEntry {
    RegisterEntry(
      number: number, kind: .reconciliation, customer: "C003", documentDate: day(written), asOf: asOf,
      currency: "CNY", amount: ExactDecimal(270_000), status: status)
  }

  /// The letter, and a statement written for the dispute after it arrived.
  var reconciled: [RegisterEntry] { [disputedLetter, statement("TJ-202612-0001", written: "2026-12-05")] }

  let onLetter =
    "or record their agreed reply to the letter itself with 'ardoc reply DZ-202611-0002 --agreed --received DATE'"

  @Test func withoutAStatementItIsWrittenOrTheLetterStamped() {
    let advice = DisputeAdvice(explained, history: [disputedLetter])
    #expect(
      advice.state
        == "DZ-202611-0002 is disputed since 2026-12-04: their balance 236,000.00, ours 270,000.00 CNY")
    #expect(
      advice.advice
        == "write a reconciliation statement with 'ardoc reconcile DZ-202611-0002' and record the customer's stamp on it, \(onLetter)"
    )
    #expect(advice.statement == nil)
    #expect(advice.agreedOnLetterNote == nil)
  }

  @Test func theStatementWrittenForTheDisputeTakesTheStamp() {
    let advice = DisputeAdvice(explained, history: reconciled)
    #expect(
      advice.advice
        == "reconciliation statement TJ-202612-0001 answers it: record the customer's stamp on it with 'ardoc reply TJ-202612-0001 --agreed --received DATE'"
    )
    #expect(advice.agreedOnLetterNote?.hasPrefix("note: reconciliation statement TJ-202612-0001 answers ") == true)
  }

  /// One written before the reply in force arrived, or written INVALID, answers nothing now,
  /// and holds the letter's slot: a new one takes --reissue.
  @Test func aStatementThatNoLongerAnswersIsReplaced() {
    for standing in [
      statement("TJ-202612-0001", written: "2026-12-03"),
      statement("TJ-202612-0001", written: "2026-12-05", status: .invalid),
    ] {
      let advice = DisputeAdvice(explained, history: [disputedLetter, standing])
      #expect(
        advice.advice
          == "write a new reconciliation statement with 'ardoc reconcile DZ-202611-0002 --reissue' and record the customer's stamp on it, \(onLetter)"
      )
      #expect(advice.agreedOnLetterNote == nil)
    }
  }

  /// A stamp on a statement that leaves an amount unexplained would be refused: it is not
  /// advised.
  @Test func aStatementLeavingAnAmountUnexplainedIsNotToBeStamped() {
    let advice = DisputeAdvice(disputedReply, history: reconciled)
    #expect(
      advice.advice
        == "reconciliation statement TJ-202612-0001 leaves -10,000.00 CNY unexplained, which its stamp would not reconcile: record the customer's corrected items with 'ardoc reply DZ-202611-0002 --disputed --their-balance AMOUNT --differences FILE --received DATE' and write a new statement with 'ardoc reconcile DZ-202611-0002 --reissue', \(onLetter)"
    )
    #expect(advice.agreedOnLetterNote == nil)
  }

  /// After a reissue, the letter that stands takes the answer; a statement of the superseded
  /// letter could not be stamped.
  @Test func aReissueTakesTheAnswer() {
    var reply = explained
    reply.letterSuperseded = true
    var reissue = disputedLetter
    reissue.number = "DZ-202611-0003"
    reissue.supersedes = "DZ-202611-0002"
    let advice = DisputeAdvice(reply, history: reconciled + [reissue])
    #expect(advice.state.hasSuffix(" CNY, reissued as DZ-202611-0003"))
    #expect(
      advice.advice
        == "record the customer's agreed reply to DZ-202611-0003 with 'ardoc reply DZ-202611-0003 --agreed --received DATE'"
    )
    #expect(advice.statement == nil)
    // A register read without the reissue still names no placeholder.
    #expect(
      DisputeAdvice(reply, history: []).advice
        == "record the customer's agreed reply to the letter that replaced it (see 'ardoc register list --customer C003 --kind confirmation')"
    )
  }

  static let reissueAdvice =
    "the ledger's balance on 2026-11-30 is now 250,000.00 CNY, not the letter's: reissue the letter at the ledger's balance with 'ardoc confirm --customer C003 --currency CNY --as-of 2026-11-30 --reissue', which replaces the disputed letter, and record the customer's reply to the new one"

  /// Once the ledger no longer shows the letter's balance, `ardoc reconcile` refuses a
  /// statement of it: the way on is a reissue, which a disputed letter at another balance takes.
  @Test func afterALedgerChangeTheLetterIsReissuedNotReconciled() {
    #expect(
      DisputeAdvice(explained, history: [disputedLetter], ledgerBalance: ExactDecimal(250_000)).advice
        == Self.reissueAdvice)
    // The ledger still at the letter's balance: a statement, as without it.
    #expect(
      DisputeAdvice(explained, history: [disputedLetter], ledgerBalance: ExactDecimal(270_000)).advice
        == DisputeAdvice(explained, history: [disputedLetter]).advice)
  }

  /// The balance the advice compares is the ledger's at the letter's as-of date, and a held-back
  /// dunning letter gives the reissue once a payment the letter did not know of is booked.
  @Test func theLedgersBalanceAtTheLettersDateDecides() throws {
    var ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    #expect(DisputeAdvice.ledgerBalance(disputedReply, ledger: ledger) == ExactDecimal(270_000))
    ledger.payments.append(
      Payment(
        id: "P-LATE", customer: "C003", receivedOn: day("2026-11-20"), amount: ExactDecimal(20_000),
        currency: "CNY"))
    #expect(DisputeAdvice.ledgerBalance(disputedReply, ledger: ledger) == ExactDecimal(250_000))
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let factory = LetterFactory(
      ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"], history: [disputedLetter],
      replies: [explained])
    #expect(
      throws: LetterRefusal(
        customer: "C003",
        "DZ-202611-0002 is disputed since 2026-12-04: their balance 236,000.00, ours 270,000.00 CNY; \(Self.reissueAdvice), or pass --despite-dispute",
        cause: .disputed(DisputeAdvice(explained, history: [disputedLetter], ledgerBalance: ExactDecimal(250_000))))
    ) {
      try factory.prepare(LetterRequest(kind: .dunning, customer: "C003", asOf: day("2026-12-31")))
    }
  }
}
