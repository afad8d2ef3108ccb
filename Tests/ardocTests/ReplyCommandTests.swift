import Basics
import Foundation
import GRDB
import Testing

/// The customer's reply to a confirmation letter, through the real binary on a real store:
/// recorded, superseded, withdrawn, listed, refused.
@Suite struct ReplyCommandTests {
  let month = ["--as-of", "2026-11-30"]
  let today = CivilDate.today()

  /// The example imported and the month's confirmations written: DZ-202611-0001 is C001's
  /// (380,000.00 CNY), DZ-202611-0002 C003's (270,000.00 CNY).
  func lettersWritten() throws -> String {
    let folder = try CLI.importedExample()
    let batch = try CLI.run(["batch", "--kind", "confirmation"] + month, in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    return folder
  }

  func write(_ text: String, _ name: String, in folder: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
  }

  func listing(_ arguments: [String] = [], in folder: String) throws -> [[String: Any]] {
    let result = try CLI.run(["replies", "--format", "json"] + arguments, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let root = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return root?["replies"] as? [[String: Any]] ?? []
  }

  @Test func anAgreedReplyKeepsItsEvidenceAndTheInvoicesItAcknowledges() throws {
    let folder = try lettersWritten()
    let scan = Array("%PDF-1.4\n% stamped reply\n".utf8) + Array(repeating: 0x20, count: 1000)
    try Data(scan).write(to: URL(fileURLWithPath: folder + "/scan.pdf"))
    let result = try CLI.run(
      [
        "reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03", "--signed-by", "王芳", "--evidence",
        "scan.pdf",
      ],
      in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let copy = "Output/2026-11/confirmation/DZ-202611-0001-reply.pdf"
    let digest = SHA256.hex(try FileBytes.read(folder + "/" + copy))
    #expect(digest == SHA256.hex(scan))
    #expect(
      result.stdout
        == """
        DZ-202611-0001: agreed, received 2026-12-03, signed by 王芳; acknowledges 380,000.00 CNY (invoices 0451 0002, 0451 0003)
        evidence: \(copy) (sha256 \(digest))

        """)
    let rows = try listing(["--customer", "C001"], in: folder)
    #expect(rows.count == 1)
    #expect(rows.first?["status"] as? String == "agreed")
    #expect(rows.first?["receivedOn"] as? String == "2026-12-03")
    #expect(rows.first?["evidenceSha256"] as? String == digest)
    #expect(rows.first?["theirBalance"] is NSNull)
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.contains("replies:\n  DZ-202611-0001: agreed, received 2026-12-03, signed by 王芳;"))
    #expect(shown.contains("; in-force\n"))
  }

  /// A copy of a scan left by a reply stopped before the register recorded it (killed, or
  /// Ctrl-C while it waited for the store) is replaced by the next reply's scan once it is
  /// older than any reply still being recorded could be; a recent one is kept.
  @Test func anAbandonedScansCopyDoesNotKeepTheFirstName() throws {
    let folder = try lettersWritten()
    let scan = Array("%PDF-1.4\n% stamped reply\n".utf8) + Array(repeating: 0x20, count: 1000)
    try Data(scan).write(to: URL(fileURLWithPath: folder + "/scan.pdf"))
    let first = folder + "/Output/2026-11/confirmation/DZ-202611-0001-reply.pdf"
    try Data("%PDF-1.4\n% the wrong scan".utf8).write(to: URL(fileURLWithPath: first))
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: first)
    let reply = ["--agreed", "--received", "2026-12-03", "--signed-by", "王芳", "--evidence", "scan.pdf"]
    let result = try CLI.run(["reply", "DZ-202611-0001"] + reply, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("evidence: Output/2026-11/confirmation/DZ-202611-0001-reply.pdf (sha256 "))
    #expect(try FileBytes.read(first) == scan)
    // A copy written a moment ago may be a reply being recorded now: it is kept.
    let second = folder + "/Output/2026-11/confirmation/DZ-202611-0002-reply.pdf"
    try Data("%PDF-1.4\n% being recorded".utf8).write(to: URL(fileURLWithPath: second))
    let next = try CLI.run(["reply", "DZ-202611-0002"] + reply, in: folder)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stdout.contains("evidence: Output/2026-11/confirmation/DZ-202611-0002-reply-2.pdf (sha256 "))
    #expect(try FileBytes.read(second) == Array("%PDF-1.4\n% being recorded".utf8))
  }

  @Test func aDisputedReplyIsReconciledByItsItemsOrShowsWhatIsUnexplained() throws {
    let folder = try lettersWritten()
    // Ours 270,000.00, theirs 246,000.00: an invoice of 30,000.00 they have not booked
    // (-30,000.00) and one they booked 6,000.00 higher than we did (+6,000.00) explain it.
    try write(
      #"""
      type,reference,amount,note
      invoice-not-booked,0453 0001,-30000.00,not yet received by their accounts payable
      amount-differs,0451 0302,6000.00,"booked at 56,000.00, ""as invoiced"" they say"

      """#, "explained.csv", in: folder)
    let explained = try CLI.run(
      [
        "reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-04", "--their-balance", "246000.00",
        "--differences", "explained.csv",
      ], in: folder)
    #expect(explained.status == 0, "\(explained.stderr)")
    #expect(
      explained.stdout
        == "DZ-202611-0002: disputed, received 2026-12-04: their balance 246,000.00, ours 270,000.00 CNY; 2 reconciling items, unexplained 0.00\n"
    )
    // The customer's corrected answer: 236,000.00, which the same items leave 10,000.00 short.
    let corrected = try CLI.run(
      [
        "reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-05", "--their-balance", "236000.00",
        "--differences", "explained.csv", "--note", "second answer",
      ], in: folder)
    #expect(corrected.status == 0, "\(corrected.stderr)")
    #expect(
      corrected.stdout
        == """
        DZ-202611-0002: disputed, received 2026-12-05: their balance 236,000.00, ours 270,000.00 CNY; 2 reconciling items, unexplained -10,000.00
        supersedes the disputed reply received 2026-12-04

        """)
    let row = try listing(["--status", "disputed"], in: folder)
    #expect(row.count == 1)
    #expect(row.first?["number"] as? String == "DZ-202611-0002")
    #expect(row.first?["theirBalance"] as? String == "236000.00")
    #expect(row.first?["unexplained"] as? String == "-10000.00")
    let table = try CLI.run(["replies", "--customer", "C003"], in: folder).stdout
    #expect(table.contains("disputed  2026-12-05     236,000.00   -10,000.00"))
    // A customer the register has no document of is named, not listed as having nothing due.
    let unknown = try CLI.run(["replies", "--customer", "C03"], in: folder)
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr
        == "error: --customer 'C03' has no document in the register of Output/ardoc.sqlite; check the id with 'ardoc register list'\n"
    )
    let shown = try CLI.run(["register", "show", "DZ-202611-0002"], in: folder).stdout
    #expect(
      shown.contains("    item: invoice-not-booked 0453 0001 -30,000.00 (not yet received by their accounts payable)\n")
    )
    #expect(
      shown.contains("    item: amount-differs 0451 0302 6,000.00 (booked at 56,000.00, \"as invoiced\" they say)\n"))
    #expect(shown.components(separatedBy: "; superseded ").count == 2)
    #expect(shown.contains("    note: second answer\n"))
  }

  @Test func aWithdrawnReplyLeavesTheLetterPendingAndStaysInTheHistory() throws {
    let folder = try lettersWritten()
    let agreed = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-02"], in: folder)
    #expect(agreed.status == 0, "\(agreed.stderr)")
    let withdrawn = try CLI.run(["reply", "DZ-202611-0001", "--withdraw"], in: folder)
    #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
    #expect(
      withdrawn.stdout
        == "DZ-202611-0001: the agreed reply received 2026-12-02 is withdrawn; the letter is pending again\n")
    #expect(try listing(["--customer", "C001"], in: folder).first?["status"] as? String == "pending")
    #expect(try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout.contains("; withdrawn "))
    let again = try CLI.run(["reply", "DZ-202611-0001", "--withdraw"], in: folder)
    #expect(again.status == 2)
    #expect(
      again.stderr
        == "error: DZ-202611-0001 has no reply in force to withdraw; see 'ardoc register show DZ-202611-0001'\n")
  }

  @Test func pendingLettersAreListedWithTheirAgeAndWhomToCall() throws {
    let folder = try lettersWritten()
    _ = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-01"], in: folder)
    let age = try CivilDate(iso: "2026-11-30").days(until: today)
    let pending = try listing(["--pending", "--older-than", String(age - 1)], in: folder)
    #expect(pending.count == 11)
    #expect(pending.first?["number"] as? String == "DZ-202611-0002")
    #expect(pending.first?["ageDays"] as? Int == age)
    #expect(pending.first?["paymentOwner"] as? String == "周芳")
    #expect(pending.first?["phone"] as? String == "025-5210 3001")
    #expect(try listing(["--pending", "--older-than", String(age)], in: folder).isEmpty)
    let csv = try CLI.run(["replies", "--pending", "--month", "2026-11", "--format", "csv"], in: folder).stdout
    let lines = csv.components(separatedBy: "\r\n")
    #expect(
      lines[0]
        == "\u{FEFF}number,customer,currency,balance,status,receivedOn,theirBalance,unexplained,evidenceSha256,date,ageDays,paymentOwner,phone"
    )
    #expect(lines[1] == "DZ-202611-0002,C003,CNY,270000.00,pending,,,,,2026-11-30,\(age),周芳,025-5210 3001")
    #expect(try listing(["--month", "2026-10"], in: folder).isEmpty)
  }

  /// The customer's later word stands: a reply that arrived before the one in force is
  /// refused (recorded late, it silently ended a dispute), one that arrived after replaces it.
  /// A signer and a note are held as a ledger's names are: nothing that prints in another
  /// order than it is stored, and at most 4,096 bytes; nothing is recorded otherwise.
  @Test func aSignerOrNoteThatCouldMisleadIsRefused() throws {
    let folder = try lettersWritten()
    let reply = ["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-01"]
    let reordered = try CLI.run(reply + ["--signed-by", "王\u{202E}芳"], in: folder)
    #expect(reordered.status == 2)
    #expect(
      reordered.stderr
        == "error: --signed-by contains the direction control U+202E, which prints the text in another order than it is stored; remove it\n"
    )
    let long = try CLI.run(reply + ["--note", String(repeating: "注", count: 1400)], in: folder)
    #expect(long.status == 2)
    #expect(long.stderr == "error: --note is 4,200 bytes long; a reply's text has at most 4,096\n")
    #expect(try CLI.run(["replies"], in: folder).stdout.contains("DZ-202611-0001"))
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(!shown.contains("agreed"), "\(shown)")
  }

  @Test func aReplyThatArrivedEarlierDoesNotReplaceALaterOne() throws {
    let folder = try lettersWritten()
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-05", "--their-balance", "250000.00"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let earlier = try CLI.run(["reply", "DZ-202611-0002", "--agreed", "--received", "2026-12-01"], in: folder)
    #expect(
      earlier.stderr
        == "error: DZ-202611-0002 has a reply in force that arrived later (disputed, received 2026-12-05) than this one (2026-12-01); the later reply stands. If that one was recorded by mistake, withdraw it first ('ardoc reply DZ-202611-0002 --withdraw')\n"
    )
    // The dispute is still the reply in force.
    let shown = try CLI.run(["register", "show", "DZ-202611-0002"], in: folder).stdout
    #expect(shown.contains("disputed"), "\(shown)")
    #expect(!shown.contains("agreed"), "\(shown)")
    let later = try CLI.run(["reply", "DZ-202611-0002", "--agreed", "--received", "2026-12-06"], in: folder)
    #expect(later.status == 0, "\(later.stderr)")
  }

  /// A differences file is checked as a ledger is: a cell no document can show is refused with
  /// its line and column (it failed later, in the reconciliation statement's template), and a
  /// zero amount is not an item.
  @Test func aDifferencesFileWithAControlCharacterOrAZeroItemIsRefused() throws {
    let folder = try lettersWritten()
    try write("type,reference,amount,note\nother,,1.00,\"bad\u{1}note\"\nother,,0.00,x\n", "c.csv", in: folder)
    let result = try CLI.run(
      [
        "reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-04", "--their-balance", "269999.00",
        "--differences", "c.csv",
      ], in: folder)
    #expect(
      result.stderr == """
        c.csv:2:4: error: note: contains the control character U+0001; remove it
        c.csv:3:3: error: amount: '0.00' is zero; an item accounts for an amount, positive or negative
        2 problems in the differences file; no reply was recorded

        """)
  }

  /// A reply to a letter in yen is in whole yen: half a yen recorded would print as 1 on the
  /// statement, whose rows would then not add up to the balance it reconciles.
  @Test func aReplyInACurrencyWithoutCentsIsInWholeUnits() throws {
    let folder = try CLI.temporaryFolder()
    try CLI.importExample(in: "JPY", for: ["C003"], in: folder)
    let batch = try CLI.run(["batch", "--kind", "confirmation"] + month, in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    let letter = try #require(
      CLI.listing(folder + "/Output/2026-11/confirmation").first { $0.hasSuffix("-C003.html") }?.prefix(14))
    try write("type,reference,amount,note\nother,,-0.50,rounding\nother,,12.345,x\n", "half.csv", in: folder)
    let cases: [([String], String)] = [
      (
        ["--their-balance", "269999.50"],
        "error: --their-balance: '269999.50' has decimals, but JPY has no minor unit (ISO 4217); write a whole amount\n"
      ),
      (
        ["--their-balance", "269999", "--differences", "half.csv"],
        """
        half.csv:2:3: error: amount: '-0.50' has decimals, but JPY has no minor unit (ISO 4217); write a whole amount
        half.csv:3:3: error: amount: '12.345' has decimals, but JPY has no minor unit (ISO 4217); write a whole amount
        2 problems in the differences file; no reply was recorded

        """
      ),
    ]
    for (arguments, message) in cases {
      let result = try CLI.run(
        ["reply", String(letter), "--disputed", "--received", "2026-12-04"] + arguments, in: folder)
      #expect(result.status != 0)
      #expect(result.stderr == message)
    }
    let recorded = try CLI.run(
      ["reply", String(letter), "--disputed", "--received", "2026-12-04", "--their-balance", "269999"], in: folder)
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let row = try listing(in: folder).first { $0["number"] as? String == String(letter) }
    #expect(row?["theirBalance"] as? String == "269999.00")
    #expect(row?["unexplained"] as? String == "-1.00")
    // What a person reads says yen as the letter does, in whole yen.
    #expect(
      recorded.stdout.hasPrefix(
        "\(letter): disputed, received 2026-12-04: their balance 269,999, ours 270,000 JPY; 0 reconciling items, unexplained -1"
      ),
      "\(recorded.stdout)")
    let table = try CLI.run(["replies"], in: folder).stdout
    #expect(
      table.contains("270,000  disputed") && table.contains("269,999") && !table.contains("270,000.00"), "\(table)")
    let register = try CLI.run(["register", "list", "--customer", "C003"], in: folder).stdout
    #expect(register.contains(" 270,000  issued") && !register.contains("270,000.00"), "\(register)")
  }

  @Test func everyRefusalSaysWhyAndRecordsNothing() throws {
    let folder = try lettersWritten()
    let dun = try CLI.run(["dun", "--customer", "C001"] + month, in: folder)
    #expect(dun.status == 0, "\(dun.stderr)")
    try Data("plain text, not a scan".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    try Data([0x25, 0x50, 0x44, 0x46, 0x2D] + Array(repeating: 0x20, count: 21 << 20)).write(
      to: URL(fileURLWithPath: folder + "/huge.pdf"))
    try write(
      "type,reference,amount,note\nmissing-invoice,0451 0301,-30000,\nother,,12.345,\nother,,5,\u{202E}已付\n", "bad.csv",
      in: folder)
    try write("kind,reference,amount\n", "header.csv", in: folder)
    try write("type,reference,amount,note\nOther,x,5.00,\n", "kinds.csv", in: folder)
    // Items the letter cannot back: an invoice it does not list, a payment in transit that
    // would raise their balance, an invoice not booked for more than it has open, a row twice,
    // a note over two lines.
    try write(
      "type,reference,amount,note\ninvoice-not-booked,NO-SUCH,-100.00,\npayment-in-transit,PAY-1,45000.00,\n"
        + "invoice-not-booked,0451 0002,-900000.00,\namount-differs,0451 0002,600.00,x\n"
        + "amount-differs,0451 0002,600.00,y\nother,,5.00,\"two\nlines\"\n"
        + "invoice-not-booked,0451 0003,-200000.00,\ninvoice-not-booked,0451 0003,-100000.00,\n", "items.csv",
      in: folder)
    try write(
      "type,reference,amount,note\nother,x,9999999999999999.99,\nother,y,9999999999999999.99,\n", "huge.csv", in: folder
    )
    // "other,發票 0453,-1000,未入帳，待核對" saved as Big5.
    let big5Reference: [UInt8] = [181, 111, 178, 188, 32, 48, 52, 53, 51]
    let big5Note: [UInt8] = [165, 188, 164, 74, 177, 98, 161, 65, 171, 221, 174, 214, 185, 239]
    try Data(
      Array("type,reference,amount,note\nother,".utf8) + big5Reference + Array(",-1000,".utf8) + big5Note + [10]
    ).write(to: URL(fileURLWithPath: folder + "/big5.csv"))
    let later = today.adding(days: 30).iso
    let cases: [([String], String)] = [
      (
        ["DZ-202611-0099", "--agreed", "--received", "2026-12-01"],
        "error: DZ-202611-0099 is not in the register of Output/ardoc.sqlite; check the number with 'ardoc register list --kind confirmation'"
      ),
      (
        ["dz-202611-0001", "--agreed", "--received", "2026-12-01"],
        "error: dz-202611-0001 is not in the register of Output/ardoc.sqlite (did you mean DZ-202611-0001?); check the number with 'ardoc register list --kind confirmation'"
      ),
      (
        ["", "--agreed", "--received", "2026-12-01"],
        "error: give the letter's number, as the register lists it (e.g. DZ-202611-0001)"
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1", "--differences",
          "kinds.csv",
        ],
        """
        kinds.csv:2:1: error: type: 'Other' is not one of invoice-not-booked, payment-in-transit, credit-not-booked, amount-differs, other; did you mean 'other'?
        1 problem in the differences file; no reply was recorded
        """
      ),
      (
        ["CK-202611-0001", "--agreed", "--received", "2026-12-01"],
        "error: CK-202611-0001 is a dunning document, not a confirmation letter; only a confirmation letter takes a reply"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-11-29"],
        "error: --received 2026-11-29 is before DZ-202611-0001's date 2026-11-30; give the day the reply arrived"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", later],
        "error: --received \(later) is after today (\(today.iso)); give the day the reply arrived"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-12-32"],
        "error: --received: '2026-12-32' is not a day of the calendar"
      ),
      (["DZ-202611-0001", "--agreed"], "error: --received is required: the day the reply arrived, YYYY-MM-DD"),
      (
        ["DZ-202611-0001", "--received", "2026-12-01"],
        "error: say what the customer answered: --agreed, --disputed, or --withdraw to take back a reply"
      ),
      (
        ["DZ-202611-0001", "--disputed", "--received", "2026-12-01"],
        "error: --disputed needs --their-balance, the balance the customer's books show (e.g. --their-balance 96000.00)"
      ),
      (
        ["DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "96,000"],
        "error: --their-balance: '96,000' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-12-01", "--their-balance", "96000"],
        "error: --their-balance and --differences go with --disputed; an agreed reply confirms the letter's balance"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-12-01", "--evidence", "notes.txt"],
        "error: --evidence notes.txt is not a PDF, JPEG or PNG file (by its first bytes); scan the stamped reply to one of those"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-12-01", "--evidence", "huge.pdf"],
        "error: --evidence huge.pdf: 22,020,101 bytes is over the 20 MiB limit for a reply's scan; scan it at a lower resolution or as a PDF"
      ),
      (
        ["DZ-202611-0001", "--agreed", "--received", "2026-12-01", "--evidence", "missing.pdf"],
        "error: --evidence missing.pdf: cannot read it: no such file or folder"
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1", "--differences",
          "bad.csv",
        ],
        """
        bad.csv:2:1: error: type: 'missing-invoice' is not one of invoice-not-booked, payment-in-transit, credit-not-booked, amount-differs, other
        bad.csv:3:3: error: amount: '12.345' has more than 2 decimal places; write the exact amount in yuan and fen
        bad.csv:4:4: error: note: contains the direction control U+202E, which prints the text in another order than it is stored; remove it
        3 problems in the differences file; no reply was recorded
        """
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1", "--differences",
          "header.csv",
        ],
        """
        header.csv:1:1: error: kind: unknown column (columns: type, reference, amount, note)
        header.csv:1: error: type: the column is missing; add it to the first row
        2 problems in the differences file; no reply was recorded
        """
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1", "--differences",
          "items.csv",
        ],
        """
        items.csv:2:2: error: reference: 'NO-SUCH' is not an invoice the letter lists (0451 0002, 0451 0003); an invoice not booked is one of them
        items.csv:3:3: error: amount: '45000.00' is positive, but a payment the customer made that we have not received makes their balance lower than ours; write it negative (-45000.00)
        items.csv:4:3: error: amount: '-900000.00' is more than invoice '0451 0002' has open on the letter (100,000.00); an invoice not booked accounts for at most what it has open
        items.csv:6:2: error: reference: repeats line 5 (the same type, reference and amount); an item is listed once, or each under its own reference
        items.csv:7:4: error: note: contains the control character U+000A; remove it
        items.csv:10:3: error: amount: with line 9, invoice '0451 0003' is said not booked for 300,000.00, more than it has open on the letter (280,000.00); an invoice not booked accounts for at most what it has open
        6 problems in the differences file; no reply was recorded
        """
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance=-9999999999999999.99",
          "--differences", "huge.csv",
        ],
        "error: their balance less ours and the items leaves -30,000,000,000,379,999.97 unexplained: '-30000000000379999.97' is 10^16 or more; ardoc refuses amounts that large (check the digits); check --their-balance and the items' amounts"
      ),
      (
        [
          "DZ-202611-0001", "--disputed", "--received", "2026-12-01", "--their-balance", "1", "--differences",
          "big5.csv",
        ],
        """
        big5.csv:2: error: is not UTF-8, and read as GB18030 it holds U+E5F0, a private-use character no text uses: the file is in another encoding (Big5?); save it as UTF-8 ("CSV UTF-8"), or pass --encoding gb18030 if it is GB18030
        1 problem in the differences file; no reply was recorded
        """
      ),
    ]
    for (arguments, message) in cases {
      let result = try CLI.run(["reply"] + arguments, in: folder)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr == message + "\n", "\(arguments)")
    }
    #expect(try listing(in: folder).allSatisfy { $0["status"] as? String == "pending" })
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/Output/2026-11/confirmation")
    #expect(!files.contains { $0.contains("-reply") })
  }

  @Test func aLetterThatNoLongerStandsTakesNoReply() throws {
    let folder = try lettersWritten()
    let reissued = try CLI.run(["confirm", "--customer", "C001", "--reissue"] + month, in: folder)
    #expect(reissued.status == 0, "\(reissued.stderr)")
    let superseded = try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-01"], in: folder)
    #expect(superseded.status == 2)
    #expect(
      superseded.stderr
        == "error: DZ-202611-0001 is superseded by a reissued letter; record the reply to the letter that stands (see 'ardoc register list --customer C001 --kind confirmation')\n"
    )
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(sql: "UPDATE documents SET status = 'void' WHERE number = 'DZ-202611-0002'")
    }
    let void = try CLI.run(["reply", "DZ-202611-0002", "--agreed", "--received", "2026-12-01"], in: folder)
    #expect(void.status == 2)
    #expect(
      void.stderr
        == "error: DZ-202611-0002 is void: no letter was sent under that number, so it cannot have a reply\n")
  }
}
