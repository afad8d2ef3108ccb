import Basics
import Letters
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
}
