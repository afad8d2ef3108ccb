import Basics
import Foundation
import Testing

/// What follows from a reply: a dispute blocks dunning and penalties until it is reconciled,
/// and a stamped confirmation restarts the limitation period of the invoices it included.
@Suite struct ReplyConsequenceTests {
  let month = ["--as-of", "2026-11-30"]

  @Test func aDisputeBlocksDunningAndPenaltiesUntilTheAgreedReply() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "260000.00"],
      in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    // Without a reconciliation statement, and with the difference unexplained (no items), the
    // way on is the customer's items and then a statement, or the letter itself stamped, said
    // the same wherever it is said.
    let dispute = "DZ-202611-0001 is disputed since 2026-12-02: their balance 260,000.00, ours 380,000.00 CNY"
    let advice =
      "their reply leaves -120,000.00 CNY unexplained: record the customer's corrected items with 'ardoc reply DZ-202611-0001 --disputed --their-balance AMOUNT --differences FILE --received DATE', then write a reconciliation statement with 'ardoc reconcile DZ-202611-0001' and record the customer's stamp on it, or record their agreed reply to the letter itself with 'ardoc reply DZ-202611-0001 --agreed --received DATE'"
    let blocked = "\(dispute); \(advice), or pass --despite-dispute"
    let dun = try CLI.run(["dun", "--customer", "C001"] + month, in: folder)
    #expect(dun.status == 2)
    #expect(dun.stderr == "error: C001: \(blocked)\n")
    let notice = try CLI.run(["notice", "--customer", "C001", "--measure", "stop-supply"] + month, in: folder)
    #expect(notice.status == 2)
    #expect(notice.stderr == "error: C001: \(blocked)\n")
    // A proposal would have them confirm the balance they dispute.
    let proposal = try CLI.run(["propose", "--customer", "C001"] + month, in: folder)
    #expect(proposal.status == 2)
    #expect(proposal.stderr == "error: C001: \(blocked)\n")
    #expect(
      try CLI.run(["register", "list", "--kind", "dunning"], in: folder).stdout.components(separatedBy: "\n").count == 3
    )

    let batch = try CLI.run(["batch", "--kind", "dunning"] + month, in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    let skipped = try FileBytes.text(folder + "/Output/2026-11/dunning/skipped.csv")
    #expect(
      skipped.contains(
        "\r\nC001,CNY,disputed,\"\(dispute)\",\"\(advice), or write the letter with 'ardoc dun --customer C001 --currency CNY --despite-dispute' after review\"\r\n"
      ))
    #expect(batch.stdout.contains(" disputed"))

    let preflight = try CLI.run(["preflight", "--customer", "C001"] + month, in: folder)
    #expect(preflight.status == 1)
    #expect(preflight.stdout.contains("\n    - no open dispute: \(dispute) — \(advice)\n"))

    let despite = try CLI.run(["dun", "--customer", "C001", "--despite-dispute"] + month, in: folder)
    #expect(despite.status == 0, "\(despite.stderr)")
    let number = try #require(despite.stdout.split(separator: "/").last?.prefix(14))
    #expect(
      despite.stderr == "warning: \(number): [dispute] written despite the dispute: \(dispute)\n")
    #expect(
      try CLI.run(["register", "show", String(number)], in: folder).stdout.contains(
        "  -: warning [dispute] written despite the dispute: DZ-202611-0001 is disputed since 2026-12-02"))

    // Reconciled: the customer stamps the letter after all; dunning is open again.
    let agreed = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-04"], in: folder)
    #expect(agreed.status == 0, "\(agreed.stderr)")
    #expect(try CLI.run(["preflight", "--customer", "C001"] + month, in: folder).status == 0)
    let notice2 = try CLI.run(
      ["notice", "--customer", "C001", "--measure", "stop-supply", "--despite-threshold"] + month, in: folder)
    #expect(notice2.status == 0, "\(notice2.stderr)")
  }

  /// Invoice 0461 0001 fell due on 2022-11-30, so its three years ran out on 2025-11-30. The
  /// customer stamped confirmation DZ-202510-0001 on 2025-11-15, inside the period: the
  /// period runs again from that day, to 2028-11-15, and the demand of 2026-11-30 says so.
  @Test func aStampedConfirmationRestartsTheLimitationPeriod() throws {
    let folder = try CLI.temporaryFolder()
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Examples/ledger.json")))
        as? [String: Any])
    func edit(_ key: String, _ change: (inout [String: Any]) -> Void, where match: ([String: Any]) -> Bool) throws {
      var list = try #require(root[key] as? [[String: Any]])
      for index in list.indices where match(list[index]) { change(&list[index]) }
      root[key] = list
    }
    try edit(
      "customers",
      { customer in
        var contacts = customer["contacts"] as? [[String: Any]] ?? []
        var confirmation = contacts[0]["paymentOwnerConfirmation"] as? [String: Any] ?? [:]
        confirmation["confirmedOn"] = "2025-06-01"
        contacts[0]["paymentOwnerConfirmation"] = confirmation
        customer["contacts"] = contacts
      }, where: { $0["id"] as? String == "C011" })
    try edit("contracts", { $0["signedOn"] = "2022-08-01" }, where: { $0["id"] as? String == "HT-2025-041" })
    try edit(
      "invoices",
      { invoice in
        invoice["issuedOn"] = "2022-11-20"
        invoice["dueOn"] = "2022-11-30"
      }, where: { $0["number"] as? String == "0461 0001" })
    root["payments"] = (root["payments"] as? [[String: Any]] ?? []).filter { $0["customer"] as? String != "C011" }
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/old.json"))
    #expect(try CLI.run(["import", "--ledger", "old.json"], in: folder).status == 0)

    let demand = ["notice", "--customer", "C011", "--measure", "legal-demand"] + month
    let before = try CLI.run(demand, in: folder)
    #expect(before.status == 0, "\(before.stderr)")
    let expired = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html")
    #expect(
      expired.contains(
        #"发票 0461 0001：依《民法典》第一百八十八条自 2022年11月30日 起算，诉讼时效期间至 <span data-field="limitation-expires">2025年11月30日</span> 届满（已届满）。"#
      ))

    let letter = try CLI.run(["confirm", "--customer", "C011", "--as-of", "2025-10-31"], in: folder)
    #expect(letter.stdout == "Output/2025-10/confirmation/DZ-202510-0001-confirmation-C011.html\n", "\(letter.stderr)")
    let reply = try CLI.run(
      ["reply", "DZ-202510-0001", "--agreed", "--received", "2025-11-15", "--signed-by", "曹刚"], in: folder)
    #expect(reply.status == 0, "\(reply.stderr)")
    #expect(
      reply.stdout
        == "DZ-202510-0001: agreed, received 2025-11-15, signed by 曹刚; acknowledges 260,000.00 CNY (invoices 0461 0001)\n"
    )

    let after = try CLI.run(demand, in: folder)
    #expect(after.status == 0, "\(after.stderr)")
    let text = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0002-penalty-notice-C011.html")
    #expect(
      text.contains(
        #"发票 0461 0001：依《民法典》第一百八十八条自 2022年11月30日 起算，因2025年11月15日贵公司盖章确认对账函 DZ-202510-0001而中断并重新计算，诉讼时效期间至 <span data-field="limitation-expires">2028年11月15日</span> 届满。"#
      ))
    #expect(text.contains("对账函回函（贵公司盖章确认）：DZ-202510-0001（2025年11月15日 收到，确认余额 260,000.00）"))
    #expect(!after.stderr.contains("0461 0001"), "\(after.stderr)")
    let valid = try CLI.run(
      ["validate", "Output/2026-11/penalty-notice/TZ-2026-0002-penalty-notice-C011.html", "--ledger", "old.json"],
      in: folder)
    #expect(valid.status == 0, "\(valid.stdout)")
  }

  /// The same balance from other invoices (a payment, then a new invoice of the same amount)
  /// is not the letter's account: the statement would list an invoice the customer never saw.
  @Test func aStatementIsRefusedWhenTheLettersInvoicesChanged() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C009"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "280000"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Examples/ledger.json")))
        as? [String: Any])
    root["payments"] =
      try #require(root["payments"] as? [[String: Any]]) + [
        [
          "id": "P-C009", "customer": "C009", "receivedOn": "2026-11-20", "amount": "100000.00",
          "appliesTo": ["0459 0001"],
        ]
      ]
    root["invoices"] =
      try #require(root["invoices"] as? [[String: Any]]) + [
        [
          "number": "0459 0099", "contract": "HT-2026-019", "issuedOn": "2026-11-25", "dueOn": "2026-12-25",
          "amount": "100000.00",
        ]
      ]
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/changed.json"))
    #expect(try CLI.run(["import", "--ledger", "changed.json"], in: folder).status == 0)
    let refused = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-05"], in: folder)
    #expect(refused.status == 2)
    #expect(
      refused.stderr
        == "error: C009: DZ-202611-0001 listed other invoices than the ledger now shows on 2026-11-30 (0459 0099, open 100,000.00, was not on it; 0459 0001 is open 128,000.00, not 228,000.00); the ledger changed since the letter: send a new confirmation letter rather than reconcile the old one\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11/reconciliation"))
  }

  /// A customer in credit is owed by us: the statement says so, as the letter did, and
  /// does not call a negative amount their debt.
  @Test func aStatementForACustomerInCreditSaysWeOweThem() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C006"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-04", "--their-balance=-4000.00"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    for locale in ["zh-CN", "en"] {
      // One statement stands for a letter: the English one supersedes the Chinese.
      let statement = try CLI.run(
        ["reconcile", "DZ-202611-0001", "--date", "2026-12-05", "--locale", locale]
          + (locale == "en" ? ["--reissue"] : []), in: folder)
      #expect(statement.status == 0, "\(statement.stderr)")
      let path = statement.stdout.split(separator: "\n").first.map(String.init) ?? ""
      let text = try FileBytes.text(folder + "/" + path)
      if locale == "zh-CN" {
        #expect(text.contains("，即贵公司已付款项多于已开票金额，本公司尚欠贵公司 ¥5,000.00。</p>"))
        #expect(!text.contains("欠款余额为"))
      } else {
        #expect(
          text.contains(
            ": your company had paid more than had been invoiced, and we owed your company CNY 5,000.00.</p>"))
        #expect(!text.contains("owing"))
      }
      let valid = try CLI.run(["validate", path, "--ledger", CLI.root + "/Examples/ledger.json"], in: folder)
      #expect(valid.status == 0, "\(valid.stdout)")
    }
  }

  @Test func aReconciliationStatementAnswersTheDisputeAndPassesTheValidator() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C003"] + month, in: folder).status == 0)
    try Data(
      "type,reference,amount,note\ninvoice-not-booked,0453 0001,-30000.00,not received\namount-differs,0453 0001,6000.00,\n"
        .utf8
    ).write(to: URL(fileURLWithPath: folder + "/items.csv"))
    let agreedFirst = try CLI.run(["reconcile", "DZ-202611-0001"], in: folder)
    #expect(agreedFirst.status == 2)
    #expect(
      agreedFirst.stderr
        == "error: C003: DZ-202611-0001 has no disputed reply in force; a reconciliation statement answers one (record it with 'ardoc reply DZ-202611-0001 --disputed --received DATE --their-balance AMOUNT')\n"
    )
    let disputed = try CLI.run(
      [
        "reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-04", "--their-balance", "236000.00",
        "--differences", "items.csv",
      ], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let statement = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-05"], in: folder)
    #expect(
      statement.stdout == "Output/2026-11/reconciliation/TJ-202612-0001-reconciliation-C003.html\n",
      "\(statement.stderr)")
    let path = "Output/2026-11/reconciliation/TJ-202612-0001-reconciliation-C003.html"
    let valid = try CLI.run(["validate", path, "--ledger", CLI.root + "/Examples/ledger.json"], in: folder)
    #expect(valid.status == 0, "\(valid.stdout)")
    let text = try FileBytes.text(folder + "/" + path)
    #expect(text.contains(#"<meta name="ardoc:their-balance" content="236000.00" />"#))
    #expect(text.contains(#"<tr data-row="unexplained" data-unexplained="-10000.00">"#))
    #expect(text.contains(#"data-seal="counterparty" data-party="南京长江精密制造有限公司""#))
    // A statement whose items no longer add up to the customer's balance is refused.
    try Data(text.replacingOccurrences(of: #"data-item-amount="6000.00""#, with: #"data-item-amount="7000.00""#).utf8)
      .write(to: URL(fileURLWithPath: folder + "/edited.html"))
    let edited = try CLI.run(["validate", "edited.html"], in: folder)
    #expect(edited.status == 1)
    #expect(
      edited.stdout.contains(
        "[amounts] our balance 270,000.00, the items and what is unexplained add up to 237,000.00, but the customer's balance is 236,000.00"
      ), "\(edited.stdout)")
    // So is one whose cells a reader adds up say other amounts than its rows add.
    var cells = text
    for (cell, from, to) in [
      ("item-amount", "6,000.00", "6,500.00"), ("unexplained-amount", "-10,000.00", "-9,500.00"),
      ("our-balance", "270,000.00", "269,000.00"),
    ] {
      cells = cells.replacingOccurrences(
        of: #"data-field="\#(cell)">\#(from)<"#, with: #"data-field="\#(cell)">\#(to)<"#)
    }
    try Data(cells.utf8).write(to: URL(fileURLWithPath: folder + "/cells.html"))
    let cellsEdited = try CLI.run(["validate", "cells.html"], in: folder)
    #expect(cellsEdited.status == 1)
    #expect(
      cellsEdited.stdout.split(separator: "\n").filter { $0.contains("[amounts]") }.map {
        String($0.drop { $0 != "[" })
      } == [
        "[amounts] the reconciling item reads '6,500.00', but the row adds 6,000.00 at /html/body/main/table[2]/tbody/tr[3]",
        "[amounts] the unexplained difference reads '-9,500.00', but the row adds -10,000.00 at /html/body/main/table[2]/tbody/tr[4]",
        "[amounts] our balance reads '269,000.00', but ardoc:balance is 270,000.00 at /html/body/main/table[2]/tbody/tr[1]/td[3]",
      ], "\(cellsEdited.stdout)")
    let shown = try CLI.run(["register", "show", "TJ-202612-0001"], in: folder).stdout
    #expect(shown.contains("kind: reconciliation\n"))
    #expect(shown.contains("amount: 270,000.00\n"))
    // The letter whose reply it answers.
    #expect(shown.contains("letter: DZ-202611-0001\n"), "\(shown)")
    // Once the customer's word changes, the statement answers a reply no longer in force.
    #expect(try CLI.run(["validate", path, "--register"], in: folder).status == 0)
    let later = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-06", "--their-balance", "240000.00"],
      in: folder)
    #expect(later.status == 0, "\(later.stderr)")
    let overtaken = try CLI.run(["validate", path, "--register"], in: folder)
    #expect(overtaken.status == 1)
    #expect(
      overtaken.stdout.contains(
        "[register] TJ-202612-0001 answers DZ-202611-0001's dispute at 236,000.00, but the reply in force is now a dispute at 240,000.00, received 2026-12-06; it was overtaken: do not send it (write a statement for the reply in force with 'ardoc reconcile DZ-202611-0001 --reissue', which supersedes it)"
      ), "\(overtaken.stdout)")
    // One statement stands for a letter: another is refused, a reissue supersedes it.
    let again = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-07"], in: folder)
    #expect(again.status == 2)
    #expect(
      again.stderr
        == "error: C003 already has reconciliation TJ-202612-0001 for CNY as of 2026-11, issued on 2026-12-05 (\(path)); pass --reissue to issue a new one that supersedes it\n"
    )
    let reissued = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-07", "--reissue"], in: folder)
    #expect(
      reissued.stdout == """
        Output/2026-11/reconciliation/TJ-202612-0002-reconciliation-C003.html
        TJ-202612-0002 supersedes TJ-202612-0001
        TJ-202612-0001 is superseded; its file is now Output/2026-11/reconciliation/superseded/TJ-202612-0001-reconciliation-C003.html

        """, "\(reissued.stderr)")
    let replaced = try CLI.run(["register", "show", "TJ-202612-0002"], in: folder).stdout
    #expect(replaced.contains("supersedes: TJ-202612-0001\n") && replaced.contains("letter: DZ-202611-0001\n"))
    let second = "Output/2026-11/reconciliation/TJ-202612-0002-reconciliation-C003.html"
    #expect(try CLI.run(["validate", second, "--register"], in: folder).status == 0)
    // The customer stamps the statement and the agreement is recorded: it was answered, not
    // overtaken, and stays valid.
    let agreed = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-07"], in: folder)
    #expect(agreed.status == 0, "\(agreed.stderr)")
    let answered = try CLI.run(["validate", second, "--register"], in: folder)
    #expect(answered.status == 0, "\(answered.stdout)")
  }

  /// The options that pick C004's letter as of 2026-11-20.
  static let c004Letter = ["--as-of", "2026-11-20", "--customers", "C004"]

  /// A new folder with the example imported, C004's letter as of 2026-11-20 (DZ-202611-0001)
  /// and its second notice of 2026-12-01 (DZ-202612-0001).
  static func c004NoticeSent() throws -> String {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["batch", "--kind", "confirmation"] + c004Letter, in: folder).status == 0)
    let sent = try CLI.run(
      ["batch", "--kind", "confirmation", "--resend", "--date", "2026-12-01"] + c004Letter, in: folder)
    #expect(sent.stdout.contains("1 second notice(s) written"), "\(sent.stdout)\(sent.stderr)")
    // The notice names the letter it asks about again.
    let shown = try CLI.run(["register", "show", "DZ-202612-0001"], in: folder).stdout
    #expect(shown.contains("detail: second-notice\n") && shown.contains("letter: DZ-202611-0001\n"), "\(shown)")
    return folder
  }

  /// A second notice of a letter that also asked for payment does not take that request back:
  /// it says the request stands, where a plain letter's notice says it asks for none.
  @Test func aNoticeOfAPaymentRequestKeepsTheRequest() throws {
    let folder = try CLI.importedExample()
    let letter = try CLI.run(
      ["confirm", "--customer", "C004", "--collect", "--as-of", "2026-11-20", "--date", "2026-11-20"], in: folder)
    #expect(letter.status == 0, "\(letter.stderr)")
    let sent = try CLI.run(
      ["batch", "--kind", "confirmation", "--resend", "--date", "2026-12-01"] + Self.c004Letter, in: folder)
    #expect(sent.stdout.contains("1 second notice(s) written"), "\(sent.stdout)\(sent.stderr)")
    let notice = try FileBytes.text(
      folder + "/Output/2026-11/confirmation/second-notice/DZ-202612-0001-confirmation-C004.html")
    #expect(notice.contains("签章后寄回或扫描发送至本公司联系人。本函不改变原函 DZ-202611-0001 中的付款要求。</p>"), "\(notice)")
    #expect(!notice.contains("并非催款结算"))
  }

  /// A reply under a second notice's number is for the letter the notice names: once a reissue
  /// has superseded that letter, the reply is refused, not recorded for the reissue at a
  /// balance the customer never saw.
  @Test func aReplyToANoticeOfASupersededLetterIsRefused() throws {
    let folder = try Self.c004NoticeSent()
    try CLI.importExample(
      paying: ["id": "P-C004", "customer": "C004", "receivedOn": "2026-11-15", "amount": "10000.00"], in: folder)
    let reissued = try CLI.run(
      ["confirm", "--customer", "C004", "--as-of", "2026-11-20", "--date", "2026-12-02", "--reissue"], in: folder)
    #expect(
      reissued.stdout.contains("DZ-202612-0002 supersedes DZ-202611-0001"), "\(reissued.stdout)\(reissued.stderr)")
    let reply = try CLI.run(["reply", "DZ-202612-0001", "--agreed", "--received", "2026-12-03"], in: folder)
    #expect(reply.status != 0)
    #expect(
      reply.stderr
        == "error: DZ-202612-0001 is a second notice of DZ-202611-0001, which no longer stands (superseded); the customer's reply confirms what that notice stated, not the letter that replaced it: ask again with the letter that stands (see 'ardoc register list --customer C004 --kind confirmation')\n"
    )
    // Nothing was recorded: the letter that stands takes its first reply.
    let standing = try CLI.run(["reply", "DZ-202612-0002", "--agreed", "--received", "2026-12-04"], in: folder)
    #expect(standing.status == 0, "\(standing.stderr)")
    #expect(!standing.stdout.contains("supersedes"), "\(standing.stdout)")
  }

  /// A dispute the customer was right about: once the ledger is corrected, a letter at the
  /// corrected balance replaces the disputed one (the dispute stays with it); while the ledger
  /// still gives the disputed balance, the reissue is refused and says the two ways on.
  @Test func aCorrectedLedgerLetsALetterReplaceTheDisputedOne() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C004"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "150000"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let reissue = ["confirm", "--customer", "C004", "--reissue"] + month
    let unchanged = try CLI.run(reissue, in: folder)
    #expect(unchanged.status == 2)
    #expect(
      unchanged.stderr.hasSuffix(
        "(disputed, received 2026-12-03); a reissue would ask again what they answered, so it stands. The ledger still gives the balance it stated: their reply leaves -10,000.00 CNY unexplained: record the customer's corrected items with 'ardoc reply DZ-202611-0001 --disputed --their-balance AMOUNT --differences FILE --received DATE', then write a reconciliation statement with 'ardoc reconcile DZ-202611-0001' and record the customer's stamp on it, or record their agreed reply to the letter itself with 'ardoc reply DZ-202611-0001 --agreed --received DATE', or, if the ledger was wrong, correct it and import it; a letter at the corrected balance then replaces the disputed one; if the reply was recorded by mistake, withdraw it first ('ardoc reply DZ-202611-0001 --withdraw')\n"
      ), "\(unchanged.stderr)")
    try CLI.importExample(
      paying: ["id": "P-C004", "customer": "C004", "receivedOn": "2026-11-29", "amount": "10000.00"], in: folder)
    let corrected = try CLI.run(reissue, in: folder)
    #expect(corrected.status == 0, "\(corrected.stderr)")
    #expect(corrected.stdout.contains("DZ-202611-0002 supersedes DZ-202611-0001\n"), "\(corrected.stdout)")
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.contains("status: superseded\n"), "\(shown)")
    #expect(shown.contains("DZ-202611-0001: disputed, received 2026-12-03"), "\(shown)")
    // The replaced letter's dispute is not withdrawn: it holds until the reissue is answered.
    let withdrawn = try CLI.run(["reply", "DZ-202611-0001", "--withdraw"], in: folder)
    #expect(withdrawn.status == 2)
    #expect(
      withdrawn.stderr
        == "error: DZ-202611-0001 is superseded by a reissued letter, and its reply stays as it was (a dispute of it holds until the customer answers the letter that stands); record their answer to that letter instead (see 'ardoc register list --customer C004 --kind confirmation')\n"
    )
  }

  /// A ledger corrected at the same balance from other invoices (one renumbered): the disputed
  /// letter cannot be reconciled (a statement would list invoices the customer never saw), so
  /// a reissue replaces it, where before each command pointed to the other.
  @Test func aDisputedLetterWhoseInvoicesChangedIsReissued() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C004"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "150000"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let ledger = try String(contentsOfFile: CLI.root + "/Examples/ledger.json", encoding: .utf8)
    let renumbered = ledger.replacingOccurrences(of: "\"0454 0002\"", with: "\"0454 0002A\"")
    #expect(renumbered != ledger)
    try renumbered.write(toFile: folder + "/fixed.json", atomically: true, encoding: .utf8)
    #expect(try CLI.run(["import", "--ledger", "fixed.json"], in: folder).status == 0)
    let reconcile = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-07"], in: folder)
    #expect(reconcile.status == 2)
    #expect(reconcile.stderr.contains("listed other invoices than the ledger now shows"), "\(reconcile.stderr)")
    let reissued = try CLI.run(["confirm", "--customer", "C004", "--reissue"] + month, in: folder)
    #expect(reissued.status == 0, "\(reissued.stderr)")
    #expect(reissued.stdout.contains("DZ-202611-0002 supersedes DZ-202611-0001\n"), "\(reissued.stdout)")
    // At the same balance from the same invoices, the dispute still keeps the letter.
    let again = try CLI.run(
      ["reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-07", "--their-balance", "150000"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    let kept = try CLI.run(["confirm", "--customer", "C004", "--reissue"] + month, in: folder)
    #expect(kept.status == 2)
    #expect(kept.stderr.contains("a reissue would ask again what they answered, so it stands"), "\(kept.stderr)")
  }

  /// A reissue does not replace a letter the customer has answered: the batch keeps it and
  /// says why, a single reissue is refused, and a second notice never tells them no reply came.
  @Test func aReissueKeepsALetterTheCustomerAnswered() throws {
    let folder = try CLI.importedExample()
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--customers", "C001,C003"]
    #expect(try CLI.run(month, in: folder).status == 0)
    #expect(try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03"], in: folder).status == 0)
    let why =
      "DZ-202611-0001, C001's confirmation for CNY as of 2026-11, has the customer's reply in force (agreed, received 2026-12-03); a reissue would ask again what they answered, so it stands"
    let batch = try CLI.run(month + ["--reissue"], in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    #expect(batch.stdout.contains("DZ-202611-0003 supersedes DZ-202611-0002\n"), "\(batch.stdout)")
    #expect(!batch.stdout.contains("supersedes DZ-202611-0001"))
    #expect(
      batch.stdout.contains(
        "warning DZ-202611-0001: not reissued: \(why); if the reply was recorded by mistake, withdraw it ('ardoc reply DZ-202611-0001 --withdraw') and reissue\n"
      ), "\(batch.stdout)")
    let single = try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--reissue"], in: folder)
    #expect(single.status == 2)
    #expect(
      single.stderr
        == "error: \(why); if the reply was recorded by mistake, withdraw it first ('ardoc reply DZ-202611-0001 --withdraw')\n"
    )
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.contains("status: issued\n"))
  }

  /// A legal demand lists as evidence what the customer stamped: a reply given under a second
  /// notice's number cites the notice, and the letter it asked about again.
  @Test func anAcknowledgmentUnderASecondNoticeCitesTheNotice() throws {
    let folder = try Self.c004NoticeSent()
    let reply = try CLI.run(["reply", "DZ-202612-0001", "--agreed", "--received", "2026-12-03"], in: folder)
    #expect(reply.status == 0, "\(reply.stderr)")
    for (locale, cited) in [
      ("zh-CN", "对账函回函（贵公司盖章确认）：DZ-202612-0001（对账函 DZ-202611-0001 的再次询证函）（2026年12月3日 收到，确认余额 160,000.00）"),
      (
        "en",
        "Your stamped reply to confirmation request DZ-202612-0001 (the second notice of DZ-202611-0001), received 3 December 2026, confirming 160,000.00"
      ),
    ] {
      let demand = try CLI.run(
        [
          "notice", "--customer", "C004", "--measure", "legal-demand", "--as-of", "2026-12-05", "--despite-threshold",
          "--locale", locale,
        ], in: folder)
      #expect(demand.status == 0, "\(demand.stderr)")
      let path = demand.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      let text = try FileBytes.text(folder + "/" + path)
      #expect(text.contains(cited), "\(text)")
    }
  }

  /// A second notice asked about a letter a reissue has since replaced: the letter that stands
  /// was never asked about again, so the next --resend asks about it, in place of the stale
  /// notice (it said "already sent", and a reply under the old notice was refused).
  @Test func aNoticeOfAReplacedLetterGivesWayToOneOfTheLetterThatStands() throws {
    let folder = try Self.c004NoticeSent()
    let resend = ["batch", "--kind", "confirmation", "--resend"] + Self.c004Letter
    try CLI.importExample(
      paying: ["id": "P-C004", "customer": "C004", "receivedOn": "2026-11-15", "amount": "10000.00"], in: folder)
    let reissued = try CLI.run(
      ["confirm", "--customer", "C004", "--as-of", "2026-11-20", "--date", "2026-12-02", "--reissue"], in: folder)
    #expect(reissued.stdout.contains("DZ-202612-0002 supersedes DZ-202611-0001"), "\(reissued.stdout)")
    // Until then the old notice is refused as overtaken: a reply under it would be.
    let stale = try CLI.run(
      ["validate", "--register", "Output/2026-11/confirmation/second-notice/DZ-202612-0001-confirmation-C004.html"],
      in: folder)
    #expect(stale.status == 1)
    #expect(
      stale.stdout.contains(
        "[register] DZ-202612-0001 asks again about DZ-202611-0001, which a reissue has replaced ('ardoc register list' shows the letter that stands); it was overtaken: do not send it"
      ), "\(stale.stdout)")
    let again = try CLI.run(resend + ["--date", "2026-12-13"], in: folder)
    #expect(
      again.stdout.contains(
        "Output/2026-11/confirmation/second-notice: 1 second notice(s) written, 0 already sent, 0 refused.\n"),
      "\(again.stdout)\(again.stderr)")
    let notice = try FileBytes.text(
      folder + "/Output/2026-11/confirmation/second-notice/DZ-202612-0003-confirmation-C004.html")
    #expect(notice.contains(#"<meta name="ardoc:letter" content="DZ-202612-0002" />"#))
    #expect(try CLI.run(["register", "show", "DZ-202612-0001"], in: folder).stdout.contains("status: superseded\n"))
  }

  /// Second notices go to the month's letters without a reply once their reply period (ten
  /// days) is over, once each, into their own folder; a reply given under a second notice's
  /// number is recorded for the letter it asked about.
  @Test func secondNoticesAskAgainOnceForLettersWithoutAReply() throws {
    let folder = try CLI.importedExample()
    let letters = ["--as-of", "2026-11-20", "--customers", "C001,C003,C004"]
    #expect(try CLI.run(["batch", "--kind", "confirmation"] + letters, in: folder).status == 0)
    #expect(try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-11-25"], in: folder).status == 0)
    let resend = ["batch", "--kind", "confirmation", "--resend"] + letters
    let early = try CLI.run(resend + ["--date", "2026-11-30"], in: folder)
    #expect(
      early.stdout
        == "Output/2026-11/confirmation/second-notice: 0 second notice(s) written, 0 already sent, 0 refused.\n"
        + "2 letters without a reply were sent 10 days or less before 2026-11-30: not due a second notice yet (see 'ardoc replies --month 2026-11')\n",
      "\(early.stderr)")
    let sent = try CLI.run(resend + ["--date", "2026-12-01"], in: folder)
    #expect(
      sent.stdout
        == """
        Output/2026-11/confirmation/second-notice/DZ-202612-0001-confirmation-C003.html
        Output/2026-11/confirmation/second-notice/DZ-202612-0002-confirmation-C004.html
        Output/2026-11/confirmation/second-notice: 2 second notice(s) written, 0 already sent, 0 refused.

        """, "\(sent.stderr)")
    let again = try CLI.run(resend + ["--date", "2026-12-03"], in: folder)
    #expect(
      again.stdout
        == """
        Output/2026-11/confirmation/second-notice: 0 second notice(s) written, 2 already sent, 0 refused.
        DZ-202611-0002: second notice DZ-202612-0001 already sent
        DZ-202611-0003: second notice DZ-202612-0002 already sent

        """)
    let text = try FileBytes.text(
      folder + "/Output/2026-11/confirmation/second-notice/DZ-202612-0001-confirmation-C003.html")
    #expect(text.contains(#"<meta name="ardoc:letter" content="DZ-202611-0002" />"#))
    #expect(text.contains("至今尚未收到贵公司回函"))
    #expect(
      try CLI.run(["validate", "Output", "--ledger", CLI.root + "/Examples/ledger.json"], in: folder).status == 0)
    // The month's letters stay the month's: the batch and its manifest do not count the notices.
    let rerun = try CLI.run(["batch", "--kind", "confirmation"] + letters, in: folder)
    #expect(rerun.stdout.hasPrefix("Output/2026-11/confirmation: 0 written, 3 already issued this month, 0 skipped.\n"))
    let manifest = try FileBytes.text(folder + "/Output/2026-11/confirmation/manifest.csv")
    #expect(!manifest.contains("DZ-202612-"))
    // The reply slip of a second notice carries its own number; the reply is the letter's, and
    // came after the notice was sent.
    let before = try CLI.run(["reply", "DZ-202612-0001", "--agreed", "--received", "2026-11-28"], in: folder)
    #expect(
      before.stderr
        == "error: --received 2026-11-28 is before the second notice DZ-202612-0001 was sent (2026-12-01); give the day the reply arrived, or record it as DZ-202611-0002's\n"
    )
    let reply = try CLI.run(["reply", "DZ-202612-0001", "--agreed", "--received", "2026-12-03"], in: folder)
    #expect(reply.status == 0, "\(reply.stderr)")
    #expect(
      reply.stdout.hasPrefix(
        "DZ-202612-0001 is a second notice of DZ-202611-0002; the reply is recorded for that letter\nDZ-202611-0002: agreed, received 2026-12-03"
      ))
    let wrongKind = try CLI.run(["batch", "--kind", "dunning", "--resend"] + month, in: folder)
    #expect(wrongKind.status == 2)
    #expect(
      wrongKind.stderr
        == "error: --resend sends second notices of confirmation letters; use it with --kind confirmation and without --reissue\n"
    )
    // What is the same for every letter is said once, and stops the run.
    let ahead = CivilDate.today().adding(days: 40).iso
    let far = try CLI.run(["batch", "--kind", "confirmation", "--resend", "--date", ahead] + month, in: folder)
    #expect(far.status == 2)
    #expect(far.stderr.hasPrefix("error: --date \(ahead) is more than 31 days after today ("), "\(far.stderr)")
    #expect(far.stderr.components(separatedBy: "\n").count == 2, "\(far.stderr)")
    let unknown = try CLI.run(
      ["batch", "--kind", "confirmation", "--resend", "--date", "2026-12-04", "--customers", "c004"] + month,
      in: folder)
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr
        == "error: --customers: 'c004' has no confirmation letter for 2026-11 in the register; check the id (ids are case-sensitive) with 'ardoc replies --month 2026-11'\n"
    )
  }

  /// The open dispute is the one of the latest letter: stamping an older letter does not end
  /// it, and a letter dated before the dispute arrived is held back all the same.
  @Test func theLatestLettersReplyDecidesTheDispute() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-10-31"], in: folder).status == 0)
    #expect(try CLI.run(["confirm", "--customer", "C001"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1.00"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let older = try CLI.run(["reply", "DZ-202610-0001", "--agreed", "--received", "2026-12-02"], in: folder)
    #expect(older.status == 0, "\(older.stderr)")
    let dun = try CLI.run(["dun", "--customer", "C001"] + month, in: folder)
    #expect(dun.status == 2)
    #expect(dun.stderr.hasPrefix("error: C001: DZ-202611-0001 is disputed since 2026-12-01: "))
    // Stamping the November letter ends it.
    #expect(try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03"], in: folder).status == 0)
    #expect(try CLI.run(["dun", "--customer", "C001"] + month, in: folder).status == 0)
  }

  /// A disputed letter corrected and reissued: the dispute holds until the customer answers
  /// the letter that stands, and the refusal says to record that answer (a reply to the
  /// reissued letter is refused).
  @Test func aReissueOfADisputedLetterTakesTheReplyThatEndsTheDispute() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001"] + month, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-02", "--their-balance", "300000.00"],
      in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    // The customer was right: a payment of 80,000.00 was not booked.
    try CLI.importExample(
      paying: ["id": "P-C001", "customer": "C001", "receivedOn": "2026-11-20", "amount": "80000.00"], in: folder)
    let reissued = try CLI.run(["confirm", "--customer", "C001", "--reissue"] + month, in: folder)
    #expect(
      reissued.stdout == """
        Output/2026-11/confirmation/DZ-202611-0002-confirmation-C001.html
        DZ-202611-0002 supersedes DZ-202611-0001
        DZ-202611-0001 is superseded; its file is now Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html
        DZ-202611-0001's reply (disputed, received 2026-12-02) stays with it; DZ-202611-0002 asks the customer again, and the dispute holds back dunning letters, notices and proposals until they answer it ('ardoc reply DZ-202611-0002 …')

        """, "\(reissued.stderr)")
    let dun = try CLI.run(["dun", "--customer", "C001"] + month, in: folder)
    #expect(dun.status == 2)
    #expect(
      dun.stderr
        == "error: C001: DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY, reissued as DZ-202611-0002; record the customer's agreed reply to DZ-202611-0002 with 'ardoc reply DZ-202611-0002 --agreed --received DATE', or pass --despite-dispute\n"
    )
    // Preflight names the reissue too: a reply to the superseded letter would be refused.
    let preflight = try CLI.run(["preflight", "--customer", "C001"] + month, in: folder)
    #expect(
      preflight.stdout.contains(
        "\n    - no open dispute: DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY, reissued as DZ-202611-0002 — record the customer's agreed reply to DZ-202611-0002 with 'ardoc reply DZ-202611-0002 --agreed --received DATE'\n"
      ), "\(preflight.stdout)")
    let agreed = try CLI.run(["reply", "DZ-202611-0002", "--agreed", "--received", "2026-12-04"], in: folder)
    #expect(agreed.status == 0, "\(agreed.stderr)")
    #expect(try CLI.run(["dun", "--customer", "C001"] + month, in: folder).status == 0)
    #expect(try CLI.run(["preflight", "--customer", "C001"] + month, in: folder).status == 0)
  }

  @Test func lettersWrittenByHandAndDisputesWithoutADifferenceTakeNoReply() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["confirm", "--customer", "C001"] + month, in: folder).status == 0)
    let reserved = try CLI.run(["register", "reserve", "--kind", "confirmation", "--date", "2026-11-30"], in: folder)
    #expect(reserved.stdout == "DZ-202611-0002\n")
    let byHand = try CLI.run(["reply", "DZ-202611-0002", "--agreed", "--received", "2026-12-01"], in: folder)
    #expect(
      byHand.stderr
        == "error: DZ-202611-0002 was reserved for a letter written by hand; ardoc has no balance or file for it, so it keeps no reply to it\n"
    )
    #expect(try CLI.run(["replies", "--format", "csv"], in: folder).stdout.components(separatedBy: "\r\n").count == 3)
    let same = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "380000.00"], in: folder)
    #expect(
      same.stderr
        == "error: --their-balance 380,000.00 is DZ-202611-0001's own balance; a disputed reply gives another balance or the items that differ (--differences), and one that agrees is --agreed\n"
    )
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "300000.00"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let early = try CLI.run(["reconcile", "DZ-202611-0001", "--date", "2026-12-02"], in: folder)
    #expect(
      early.stderr
        == "error: C001: the statement's date 2026-12-02 is before the reply it answers (received 2026-12-03); date it on or after that day\n"
    )
  }
}
