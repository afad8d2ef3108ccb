import Basics
import Foundation
import Testing

/// A dispute ends on the paper the customer signs: the reconciliation statement. Its stamp is
/// recorded under the statement's number, for the letter it answers, and a demand cites the
/// statement (our balance, the difference reconciled), not a stamp on the disputed letter.
@Suite struct StampedStatementTests {
  /// C001: ours 380,000.00, theirs 300,000.00, the 80,000.00 an invoice they have not booked.
  func reconciled() throws -> String {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder).status == 0)
    try Data("type,reference,amount,note\ninvoice-not-booked,0451 0003,-80000.00,未入账\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/d.csv"))
    let disputed = try CLI.run(
      [
        "reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "300000",
        "--differences", "d.csv",
      ], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    #expect(try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-03"], in: folder).status == 0)
    return folder
  }

  @Test func aStampedStatementEndsTheDisputeAndIsCitedAsTheStatement() throws {
    let folder = try reconciled()
    // While it is not stamped, the dispute holds back a dunning letter, and the refusal names
    // the statement to record the stamp on.
    let held = try CLI.run(["dun", "--customer", "C001", "--as-of", "2026-12-03"], in: folder)
    #expect(held.status == 2)
    #expect(
      held.stderr
        == "error: C001: DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00; reconciliation statement TJ-202612-0001 answers it: record the customer's stamp on it with 'ardoc reply TJ-202612-0001 --agreed --received DATE' or pass --despite-dispute\n"
    )
    let refused: [([String], String)] = [
      (
        ["--disputed", "--received", "2026-12-04", "--their-balance", "1"],
        "error: TJ-202612-0001 is a reconciliation statement: the customer stamps it as agreed ('ardoc reply TJ-202612-0001 --agreed …'); a balance of theirs that differs again is a disputed reply to DZ-202611-0001\n"
      ),
      (
        ["--agreed", "--received", "2026-12-02"],
        "error: --received 2026-12-02 is before TJ-202612-0001 was written (2026-12-03); give the day the stamped statement arrived\n"
      ),
    ]
    for (arguments, message) in refused {
      let result = try CLI.run(["reply", "TJ-202612-0001"] + arguments, in: folder)
      #expect(result.status == 2)
      #expect(result.stderr == message)
    }
    let stamped = try CLI.run(
      ["reply", "TJ-202612-0001", "--agreed", "--received", "2026-12-05", "--signed-by", "王建国"], in: folder)
    #expect(stamped.status == 0, "\(stamped.stderr)")
    #expect(
      stamped.stdout == """
        TJ-202612-0001 is the reconciliation statement of DZ-202611-0001; its stamp is recorded as the customer's agreement to that letter
        DZ-202611-0001: agreed, received 2026-12-05, signed by 王建国; acknowledges 380,000.00 CNY (invoices 0451 0002, 0451 0003)
        supersedes the disputed reply received 2026-12-02

        """)
    // The statement was answered, not overtaken.
    let checked = try CLI.run(
      ["validate", "Output/2026-11/reconciliation/TJ-202612-0001-reconciliation-C001.html", "--register"], in: folder)
    #expect(checked.status == 0, "\(checked.stdout)")
    let demand = try CLI.run(
      [
        "notice", "--customer", "C001", "--measure", "legal-demand", "--as-of", "2026-11-30", "--date", "2026-12-06",
        "--despite-threshold",
      ], in: folder)
    #expect(demand.status == 0, "\(demand.stderr)")
    let path = try #require(demand.stdout.components(separatedBy: "\n").first)
    let text = try FileBytes.text(folder + "/" + path).replacingOccurrences(
      of: #"<[^>]+>"#, with: "", options: .regularExpression)
    #expect(
      text.contains(
        "余额调节表（贵公司盖章确认）：TJ-202612-0001（对账函 DZ-202611-0001 的余额调节表，2026年12月5日 收到；本公司余额 380,000.00，双方差异已逐项调节）"
      ), "\(text)")
    #expect(!text.contains("对账函回函（贵公司盖章确认）"))
    #expect(text.contains("2026年12月5日贵公司盖章确认余额调节表 TJ-202612-0001而中断并重新计算"))
    #expect(!text.contains("余额调节表：TJ-202612-0001"))
  }

  /// A statement that leaves part of the difference unexplained reconciles no balance when
  /// stamped: the stamp is refused, saying what to do.
  @Test func aStatementWithAnUnexplainedDifferenceIsNoAgreement() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder).status == 0)
    #expect(
      try CLI.run(
        ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "300000"], in: folder
      ).status == 0)
    #expect(try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-03"], in: folder).status == 0)
    let stamped = try CLI.run(["reply", "TJ-202612-0001", "--agreed", "--received", "2026-12-05"], in: folder)
    #expect(stamped.status == 2)
    #expect(
      stamped.stderr
        == "error: TJ-202612-0001 leaves -80,000.00 CNY unexplained: stamped, it reconciles no balance. Record the customer's corrected items ('ardoc reply DZ-202611-0001 --disputed … --differences FILE'), write a new statement, and record its stamp\n"
    )
  }
}
