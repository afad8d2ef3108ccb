import Basics
import Foundation
import Testing

/// A dispute ends on the paper the customer signs: the reconciliation statement. Its stamp is
/// recorded under the statement's number, for the letter it answers, and a demand cites the
/// statement (our balance, the difference reconciled), not a stamp on the disputed letter.
@Suite struct StampedStatementTests {
  /// C001's dispute: ours 380,000.00, theirs 300,000.00, the 80,000.00 an invoice they have not
  /// booked (`d.csv`).
  static let dispute = [
    "reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "300000",
    "--differences", "d.csv",
  ]

  /// C001's letter disputed and reconciled, in `prepared` (a folder whose store holds the
  /// example ledger) or a new folder.
  func reconciled(in prepared: String? = nil) throws -> String {
    let folder = try prepared ?? CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder).status == 0)
    try Data("type,reference,amount,note\ninvoice-not-booked,0451 0003,-80000.00,未入账\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/d.csv"))
    let disputed = try CLI.run(Self.dispute, in: folder)
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
        == "error: C001: DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY; reconciliation statement TJ-202612-0001 answers it: record the customer's stamp on it with 'ardoc reply TJ-202612-0001 --agreed --received DATE', or pass --despite-dispute\n"
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

  /// While the statement awaits its stamp, every place that says how the dispute ends names
  /// it: preflight, and the dunning batch's skipped.csv (its fix) and listing. An agreed reply
  /// to the letter itself is still recorded (a customer may stamp the letter), with a note
  /// naming the statement and the way back to it, which works.
  @Test func everyAdviceNamesTheStatementThatAwaitsItsStamp() throws {
    let folder = try reconciled()
    let dispute = "DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY"
    let advice =
      "reconciliation statement TJ-202612-0001 answers it: record the customer's stamp on it with 'ardoc reply TJ-202612-0001 --agreed --received DATE'"
    let month = ["--as-of", "2026-11-30"]
    let preflight = try CLI.run(["preflight", "--customer", "C001"] + month, in: folder)
    #expect(preflight.status == 1)
    #expect(preflight.stdout.contains("\n    - no open dispute: \(dispute) — \(advice)\n"), "\(preflight.stdout)")
    let fix =
      "\(advice), or write the letter with 'ardoc dun --customer C001 --currency CNY --despite-dispute' after review"
    let batch = try CLI.run(["batch", "--kind", "dunning"] + month, in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    let skipped = try FileBytes.text(folder + "/Output/2026-11/dunning/skipped.csv")
    #expect(skipped.contains("\r\nC001,CNY,disputed,\"\(dispute)\",\"\(fix)\"\r\n"), "\(skipped)")
    // A run for some customers writes no skipped.csv: it lists the fix itself.
    let one = try CLI.run(["batch", "--kind", "dunning", "--customers", "C001"] + month, in: folder)
    #expect(one.stdout.contains("\nskipped C001 CNY: disputed: \(dispute); \(fix)\n"), "\(one.stdout)")

    let onLetter = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-05"], in: folder)
    #expect(onLetter.status == 0, "\(onLetter.stderr)")
    #expect(
      onLetter.stdout == """
        DZ-202611-0001: agreed, received 2026-12-05; acknowledges 380,000.00 CNY (invoices 0451 0002, 0451 0003)
        supersedes the disputed reply received 2026-12-02

        """)
    #expect(
      onLetter.stderr
        == "note: reconciliation statement TJ-202612-0001 answers DZ-202611-0001's dispute, and its stamp is the usual way to end it ('ardoc reply TJ-202612-0001 --agreed --received DATE'); this reply is recorded as the customer's stamp on the letter itself, and a legal demand cites it so. If they stamped the statement, withdraw this reply ('ardoc reply DZ-202611-0001 --withdraw'), record their dispute again with '--received 2026-12-02' (the reply the statement answers), then the statement's stamp\n"
    )
    // The way back the note gives.
    #expect(try CLI.run(["reply", "DZ-202611-0001", "--withdraw"], in: folder).status == 0)
    let again = try CLI.run(Self.dispute, in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    let stamped = try CLI.run(["reply", "TJ-202612-0001", "--agreed", "--received", "2026-12-05"], in: folder)
    #expect(stamped.status == 0, "\(stamped.stderr)")
    #expect(stamped.stderr == "")
  }

  /// The page says the same in its words, and the statement's page takes the stamp (agreed
  /// only), recorded for the letter, whose page then lists it.
  @Test func thePageNamesTheStatementAndTakesItsStamp() throws {
    let folder = try reconciled(in: try Served.examplePrepared())
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("张伟", jar: "zw")
    let customer = try server.request("/customers/C001?asOf=2026-11-30", jar: "zw")
    #expect(
      customer.body.contains(
        "DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY — reconciliation statement TJ-202612-0001 answers it: record the customer's stamp on it with the reply form on TJ-202612-0001's page"
      ), "\(customer.body)")
    let statement = try server.request("/documents/TJ-202612-0001", jar: "zw")
    #expect(statement.body.contains(#"action="/documents/TJ-202612-0001/reply""#), "\(statement.body)")
    #expect(!statement.body.contains(#"value="disputed""#))
    #expect(!statement.body.contains(#"name="theirBalance""#))
    let stamped = try server.request(
      "POST", "/documents/TJ-202612-0001/reply",
      form: [("csrf", token), ("answer", "agreed"), ("received", "2026-12-05")], jar: "zw")
    #expect(stamped.status == 303, "\(stamped.body)")
    #expect(stamped.location == "/documents/DZ-202611-0001")
    let letter = try server.request("/documents/DZ-202611-0001", jar: "zw").body.replacingOccurrences(
      of: #"<[^>]+>"#, with: "", options: .regularExpression)
    #expect(letter.contains("agreed, 2026-12-05 (in-force)"), "\(letter)")
    let replies = try CLI.run(["replies", "--format", "csv", "--customer", "C001"], in: folder).stdout
    #expect(replies.contains("DZ-202611-0001,C001,CNY,380000.00,agreed,2026-12-05,"), "\(replies)")
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
        == "error: TJ-202612-0001 leaves -80,000.00 CNY unexplained: stamped, it reconciles no balance; record the customer's corrected items with 'ardoc reply DZ-202611-0001 --disputed --their-balance AMOUNT --differences FILE --received DATE', write a new statement ('ardoc reconcile DZ-202611-0001 --reissue'), and record its stamp\n"
    )
  }

  /// A statement written for a reply that left an amount unexplained, stamped after the
  /// customer's items came at the same balance, is refused on what it prints: the customer
  /// would be stamping a difference it says is not yet explained, and a demand would cite it
  /// as reconciled.
  @Test func aStatementIsStampedAsItIsPrinted() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder).status == 0)
    let bare = ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "300000"]
    #expect(try CLI.run(bare, in: folder).status == 0)
    #expect(try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-03"], in: folder).status == 0)
    try Data("type,reference,amount,note\ninvoice-not-booked,0451 0003,-80000.00,未入账\n".utf8).write(
      to: URL(fileURLWithPath: folder + "/d.csv"))
    let items = try CLI.run(
      [
        "reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-04", "--their-balance", "300000",
        "--differences", "d.csv",
      ], in: folder)
    #expect(items.status == 0, "\(items.stderr)")
    let stamped = try CLI.run(["reply", "TJ-202612-0001", "--agreed", "--received", "2026-12-05"], in: folder)
    #expect(stamped.status == 2)
    #expect(
      stamped.stderr
        == "error: TJ-202612-0001 leaves -80,000.00 CNY unexplained: stamped, it reconciles no balance; record the customer's corrected items with 'ardoc reply DZ-202611-0001 --disputed --their-balance AMOUNT --differences FILE --received DATE', write a new statement ('ardoc reconcile DZ-202611-0001 --reissue'), and record its stamp\n"
    )
    // The advice the register gives leads to a statement that can be stamped.
    #expect(try CLI.run(["reconcile", "DZ-202611-0001", "--reissue", "--date", "2026-12-05"], in: folder).status == 0)
    let second = try CLI.run(["reply", "TJ-202612-0002", "--agreed", "--received", "2026-12-06"], in: folder)
    #expect(second.status == 0, "\(second.stderr)")
  }
}
