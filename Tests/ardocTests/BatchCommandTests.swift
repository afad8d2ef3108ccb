import Basics
import Foundation
import Testing

@Suite(.serialized) struct BatchCommandTests {
  let example = CLI.root + "/Examples/ledger.json"

  func files(_ folder: String) -> [String] { CLI.listing(folder) }

  /// The example ledger with `change` applied to its JSON, written to `path`.
  func writeExample(to path: String, _ change: (inout [String: Any]) throws -> Void) throws {
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: example))) as? [String: Any])
    try change(&root)
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
  }

  /// A template whose `<body>` carries attributes: every letter is still in the print bundle
  /// (it was silently left out), and a broken `labels.json` or a `print.css` that cannot be
  /// read stops the batch before any number is taken.
  @Test func customTemplatesKeepEveryLetterInTheBundleAndBrokenSideFilesStopTheBatch() throws {
    let folder = try CLI.temporaryFolder()
    let custom = folder + "/custom/zh-CN"
    try FileManager.default.createDirectory(atPath: custom, withIntermediateDirectories: true)
    let template = try FileBytes.text(CLI.root + "/Templates/zh-CN/confirmation.xhtml")
    #expect(template.contains("<body>"))
    try Data(template.replacingOccurrences(of: "<body>", with: "<body class=\"custom\">").utf8).write(
      to: URL(fileURLWithPath: custom + "/confirmation.xhtml"))
    let batch = ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30"]

    try Data("{\"title\": ".utf8).write(to: URL(fileURLWithPath: custom + "/labels.json"))
    let labels = try CLI.run(batch + ["--templates", "custom"], in: folder)
    #expect(labels.status == 2)
    #expect(
      labels.stderr
        == "batch: 13 customers\ncustom/zh-CN/labels.json:1:11: error: unexpected end of input; a value is missing\n")
    try FileManager.default.removeItem(atPath: custom + "/labels.json")
    try FileManager.default.createDirectory(atPath: folder + "/custom/print.css", withIntermediateDirectories: true)
    let css = try CLI.run(batch + ["--templates", "custom"], in: folder)
    #expect(css.status == 2)
    #expect(css.stderr == "custom/print.css: error: cannot read: is a folder, not a file\n")
    #expect(try CLI.run(["register", "list"], in: folder).stdout.contains("DZ-") == false)
    try FileManager.default.removeItem(atPath: folder + "/custom/print.css")

    let result = try CLI.run(batch + ["--templates", "custom"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let bundle = try FileBytes.text(folder + "/Output/2026-11/confirmation/print.html")
    #expect(bundle.components(separatedBy: "<section class=\"letter\"").count - 1 == 12)
  }

  @Test func theExampleMonthIsIssuedOnceAndReissuedOnRequest() throws {
    let folder = try CLI.temporaryFolder()
    let first = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    // C007 holds CNY and USD: 13 customers, 14 letters' worth of accounts, and the output says so.
    #expect(
      first.stdout.hasPrefix(
        """
        Output/2026-11/confirmation: 12 written, 0 already issued this month, 2 skipped.
        13 customers, 14 accounts: one letter per customer and currency.

        """))
    #expect(
      first.stdout.contains(
        "2 skipped: 1 zero-balance, 1 no-confirmed-owner; see Output/2026-11/confirmation/skipped.csv\n"))
    let out = folder + "/Output/2026-11/confirmation"
    let skipped = try FileBytes.text(out + "/skipped.csv").components(separatedBy: "\r\n")
    #expect(skipped.first == "\u{FEFF}customer,currency,reason,message,fix")
    #expect(skipped[1] == "C002,CNY,zero-balance,nothing to confirm: the balance is 0.00,nothing to do")
    #expect(
      skipped[2].hasPrefix(
        "C008,CNY,no-confirmed-owner,no confirmed payment owner on 2026-11-30: 谢婷 (payment-owner) has no confirmation"
      ))
    #expect(skipped.count == 4 && skipped[3].isEmpty)
    #expect(files(out).filter { $0.hasSuffix(".html") }.count == 13)  // 12 letters and print.html
    let manifest = try FileBytes.text(out + "/manifest.csv")
    let lines = manifest.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    try #require(lines.count == 13)
    #expect(
      lines[1].hasPrefix(
        "DZ-202611-0001,C001,苏州华东机电设备有限公司,CNY,380000.00,,Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html,"
      ))
    #expect(lines[6].hasPrefix("DZ-202611-0006,C007,深圳前海跨境电子有限公司,CNY,50000.00,"))
    #expect(lines[7].hasPrefix("DZ-202611-0007,C007,深圳前海跨境电子有限公司,USD,30000.00,"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
      as? [[String: String]]
    #expect(json?.count == 12)
    #expect(json?.first?["sha256"]?.count == 64)
    let bundle = try FileBytes.text(out + "/print.html")
    #expect(bundle.components(separatedBy: "<section class=\"letter\"").count - 1 == 12)
    // The folder as the batch left it passes: print.html is recognised as a bundle.
    let validate = try CLI.run(["validate", "Output", "--ledger", example], in: folder)
    #expect(validate.status == 0, "\(validate.stdout)")
    #expect(validate.stdout.components(separatedBy: ": valid\n").count - 1 == 12)
    #expect(
      validate.stdout.hasSuffix(
        "Output/2026-11/confirmation/print.html: skipped, a print bundle; each of its letters is validated in its own file\n12 document(s), 0 invalid, 1 skipped.\n"
      ))

    let again = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30"], in: folder)
    #expect(
      again.stdout.hasPrefix("Output/2026-11/confirmation: 0 written, 12 already issued this month, 2 skipped.\n"))
    #expect(try FileBytes.text(out + "/manifest.csv") == manifest)

    let reissued = try CLI.run(
      [
        "batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30", "--reissue", "--customers",
        "C001",
      ], in: folder)
    #expect(
      reissued.stdout.hasPrefix(
        "Output/2026-11/confirmation: 1 written, 0 already issued this month, 0 skipped.\nThe manifests list 12 documents: 11 more stand this month for customers this run wrote no letter for (skipped now, not named in --customers, or no longer in the ledger).\nOutput/2026-11/confirmation/manifest.csv\n"
      ), "\(reissued.stdout)")
    // The manifest and bundle stay the month's: the eleven other letters are still listed, the
    // reissued one replaces its superseded number: a partial run does not cut it to its own row.
    let after = try FileBytes.text(out + "/manifest.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(after.count == 13)
    #expect(after[1].hasPrefix("DZ-202611-0013,C001,"))
    #expect(after.dropFirst(2).map { String($0.prefix(14)) } == (2...12).map { String(format: "DZ-202611-%04d", $0) })
    #expect(!after.contains { $0.hasPrefix("DZ-202611-0001,") })
    #expect(
      try FileBytes.text(out + "/print.html").components(separatedBy: "<section class=\"letter\"").count - 1 == 12)
    let register = try CLI.run(["register", "list", "--customer", "C001"], in: folder)
    #expect(register.stdout.contains("DZ-202611-0001  confirmation  C001"))
    #expect(register.stdout.contains("superseded"))
    #expect(register.stdout.contains("DZ-202611-0013  confirmation  C001"))
    // The replaced letter left the folder; the register says where it went.
    #expect(!FileManager.default.fileExists(atPath: out + "/DZ-202611-0001-confirmation-C001.html"))
    #expect(FileManager.default.fileExists(atPath: out + "/superseded/DZ-202611-0001-confirmation-C001.html"))
    #expect(
      register.stdout.contains(
        "superseded  Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html"))
    let validateAfter = try CLI.run(["validate", "Output", "--ledger", example], in: folder)
    #expect(validateAfter.status == 0, "\(validateAfter.stdout)")
    #expect(
      validateAfter.stdout.contains(
        "Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html: skipped, superseded by a reissue (in superseded/); name the file to validate it\n"
      ))
  }

  /// A contract invoiced above its amount: the letters are issued (valid), and the batch and
  /// the one-letter command both say which contract and by how much.
  @Test func invoicesAboveTheContractAreIssuedWithAWarning() throws {
    let folder = try CLI.temporaryFolder()
    try writeExample(to: folder + "/ledger.json") { root in
      var contracts = try #require(root["contracts"] as? [[String: Any]])
      let index = try #require(contracts.firstIndex { $0["id"] as? String == "HT-2026-025" })
      contracts[index]["amount"] = "200000.00"
      root["contracts"] = contracts
    }
    let warning =
      "[amounts] contract HT-2026-025 is for 200,000.00 CNY, but its invoices up to 2026-11-30 come to 240,000.00 after credit notes, 40,000.00 more; attach the supplement or change order that covers it, or correct the ledger"

    let batch = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", "ledger.json", "--as-of", "2026-11-30"], in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    #expect(
      batch.stdout.hasPrefix("Output/2026-11/confirmation: 12 written, 0 already issued this month, 2 skipped.\n"))
    #expect(batch.stdout.hasSuffix("warning DZ-202611-0004: \(warning)\n"))
    let register = try CLI.run(["register", "list", "--customer", "C005"], in: folder)
    #expect(register.stdout.contains("DZ-202611-0004  confirmation  C005"))
    #expect(register.stdout.contains("  issued  "))
    #expect(!register.stdout.contains("invalid"))
    let shown = try CLI.run(["register", "show", "DZ-202611-0004"], in: folder)
    #expect(shown.status == 0)
    #expect(
      shown.stdout.hasPrefix(
        "number: DZ-202611-0004\nkind: confirmation\ncustomer: C005\ndate: 2026-11-30\nas of: 2026-11-30\ncurrency: CNY\namount: 240,000.00\nstatus: issued\nfile: Output/2026-11/confirmation/DZ-202611-0004-confirmation-C005.html\nsha256: "
      ))
    // The finding is located in the written file: its line and path.
    #expect(shown.stdout.hasSuffix("findings:\n  78: warning \(warning) (/html/body/main/p[2]/span[1])\n"))
    let missing = try CLI.run(["register", "show", "DZ-202611-9999"], in: folder)
    #expect(missing.status == 2)
    #expect(
      missing.stderr
        == "error: DZ-202611-9999 is not in the register of Output/ardoc.sqlite; see 'ardoc register list'\n")

    // C005 has its letter for the month: a second one is refused, and takes no number.
    let command = ["confirm", "--customer", "C005", "--ledger", "ledger.json", "--as-of", "2026-11-30"]
    let twice = try CLI.run(command, in: folder)
    #expect(twice.status == 2)
    #expect(
      twice.stderr
        == "error: C005 already has confirmation DZ-202611-0004 for CNY as of 2026-11, issued on 2026-11-30 (Output/2026-11/confirmation/DZ-202611-0004-confirmation-C005.html); pass --reissue to issue a new one that supersedes it\n"
    )
    let one = try CLI.run(command + ["--reissue"], in: folder)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(
      one.stdout == """
        Output/2026-11/confirmation/DZ-202611-0013-confirmation-C005.html
        DZ-202611-0013 supersedes DZ-202611-0004
        DZ-202611-0004 is superseded; its file is now Output/2026-11/confirmation/superseded/DZ-202611-0004-confirmation-C005.html
        Output/2026-11/confirmation: manifest.csv, manifest.json and print.html rebuilt

        """)
    #expect(one.stderr == "warning: DZ-202611-0013: \(warning)\n")
    // The month's manifest lists the new letter where the old one was, and only it.
    let rows = try FileBytes.text(folder + "/Output/2026-11/confirmation/manifest.csv").components(separatedBy: "\r\n")
    #expect(rows.filter { $0.contains(",C005,") }.map { String($0.prefix(14)) } == ["DZ-202611-0013"])
    #expect(
      rows.contains {
        $0.hasPrefix("DZ-202611-0013,C005,")
          && $0.contains(",Output/2026-11/confirmation/DZ-202611-0013-confirmation-C005.html,")
      })
    let bundle = try FileBytes.text(folder + "/Output/2026-11/confirmation/print.html")
    #expect(bundle.contains(#"data-number="DZ-202611-0013""#) && !bundle.contains(#"data-number="DZ-202611-0004""#))
  }

  /// `--pdf` prints the month's letters through Chromium; each letter's pages carry its own
  /// number in the footer, not the bundle's running "page / pages".
  @Test func thePrintedBundleFootsEachLetterWithItsNumber() throws {
    let folder = try CLI.temporaryFolder()
    let result = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30", "--pdf"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "Output/2026-11/confirmation/print-001.html\nOutput/2026-11/confirmation/print-001.pdf\n"))
    let pdf = folder + "/Output/2026-11/confirmation/print-001.pdf"
    let text = try CLI.run(["-layout", pdf, "-"], in: folder, executable: "/usr/bin/pdftotext")
    #expect(text.status == 0)
    let pages = text.stdout.components(separatedBy: "\u{C}").filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    #expect(pages.count == 24)
    // The last non-empty line of each page is its footer: two pages per letter, in order.
    let footers = pages.map {
      $0.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
        .trimmingCharacters(in: .whitespaces) ?? ""
    }
    #expect(footers == (1...12).flatMap { n in Array(repeating: String(format: "DZ-202611-%04d", n), count: 2) })
    #expect(!text.stdout.contains(" / 24"))
    let bundle = try FileBytes.text(folder + "/Output/2026-11/confirmation/print.html")
    #expect(
      bundle.contains(
        #"<style>@page letter-3 { @bottom-center { content: "DZ-202611-0003"; } }</style><section class="letter" data-number="DZ-202611-0003" style="page: letter-3">"#
      ))
  }

  @Test func aBatchDatedBeforeItsFiguresIsRefusedBeforeAnyNumber() throws {
    let folder = try CLI.temporaryFolder()
    let result = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30", "--date", "2026-11-01"],
      in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "error: --date 2026-11-01 is before --as-of 2026-11-30: a document cannot state figures as of a day after its own date; date it 2026-11-30 or later\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    #expect(!(try CLI.run(["register", "list"], in: folder).stdout.contains("DZ-")))
  }

  /// Figures as of a day that has not come, or a date far ahead (a typing slip that would take
  /// a number of a year to come for good), are refused before any number: the batch, a single
  /// letter and a legal demand alike.
  @Test func documentsForDaysThatHaveNotComeAreRefused() throws {
    let folder = try CLI.importedExample()
    let today = CivilDate.today()
    let tomorrow = today.adding(days: 1).iso
    let far = today.adding(days: 32).iso
    let future =
      "is after today (\(today.iso)): the ledger cannot show a balance for a day that has not come; use today or an earlier day"
    let batch = try CLI.run(["batch", "--kind", "confirmation", "--as-of", tomorrow], in: folder)
    #expect(batch.status == 2)
    #expect(batch.stderr == "error: --as-of \(tomorrow) \(future)\n")
    let demand = try CLI.run(
      ["notice", "--customer", "C011", "--measure", "legal-demand", "--as-of", "2999-12-31"], in: folder)
    #expect(demand.status == 2)
    #expect(demand.stderr == "error: C011: --as-of 2999-12-31 \(future)\n")
    let ahead = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--date", far], in: folder)
    #expect(ahead.status == 2)
    #expect(
      ahead.stderr
        == "error: C001: --date \(far) is more than 31 days after today (\(today.iso)); date a document the day it is sent\n"
    )
    #expect(!(try CLI.run(["register", "list"], in: folder).stdout.contains("-0001")))
  }

  /// Without the issuer's bank account, letters that ask for payment are refused (the batch
  /// once, before any number, leaving no folder); a plain confirmation leaves the line out.
  @Test func noBankAccountRefusesPaymentRequestsOnce() throws {
    let folder = try CLI.temporaryFolder()
    try writeExample(to: folder + "/ledger.json") { root in
      var issuer = try #require(root["issuer"] as? [String: Any])
      issuer["bank"] = ["name": "", "account": ""]
      root["issuer"] = issuer
    }
    let problem =
      "the ledger gives no bank account for 上海澄明工业软件有限公司 (issuer.bank.account); a letter that asks for payment must say where to pay: add it and import the ledger again"

    let batch = try CLI.run(
      ["batch", "--kind", "dunning", "--ledger", "ledger.json", "--as-of", "2026-11-30"], in: folder)
    #expect(batch.status == 2)
    #expect(batch.stderr.hasSuffix("error: \(problem)\n"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11/dunning"))
    #expect(!(try CLI.run(["register", "list"], in: folder).stdout.contains("CK-")))

    let dun = try CLI.run(
      ["dun", "--customer", "C001", "--ledger", "ledger.json", "--as-of", "2026-11-30"], in: folder)
    #expect(dun.status == 2)
    #expect(dun.stderr == "error: C001: \(problem)\n")
    let confirm = try CLI.run(
      ["confirm", "--customer", "C001", "--ledger", "ledger.json", "--as-of", "2026-11-30"], in: folder)
    #expect(confirm.status == 0, "\(confirm.stderr)")
    let letter = try FileBytes.text(folder + "/" + confirm.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(!letter.contains("class=\"bank\""))
    #expect(letter.contains("请于收到本函后"))
  }

  /// C001's payment owner changes after its letter went out: the next run says its standing
  /// letter is addressed to the one who no longer is.
  @Test func aStandingLetterToAFormerPaymentOwnerIsSaid() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30"], in: folder).status == 0)
    try writeExample(to: folder + "/changed.json") { root in
      var customers = try #require(root["customers"] as? [[String: Any]])
      var contacts = try #require(customers[0]["contacts"] as? [[String: Any]])
      contacts[0]["name"] = "赵磊"
      customers[0]["contacts"] = contacts
      root["customers"] = customers
    }
    #expect(try CLI.run(["import", "--ledger", "changed.json"], in: folder).status == 0)
    let rerun = try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30"], in: folder)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(
      rerun.stdout.hasSuffix(
        "warning DZ-202611-0001: is addressed to 王建国 as C001's payment owner, but the ledger's confirmed payment owner is now 赵磊; check it before it is sent (a reissue writes a new one)\n"
      ), "\(rerun.stdout)")
    // A name the document escapes (&, quotes, <) is read back as it is: no change, no warning.
    let escaped = try CLI.temporaryFolder()
    try writeExample(to: escaped + "/ledger.json") { root in
      var customers = try #require(root["customers"] as? [[String: Any]])
      var contacts = try #require(customers[0]["contacts"] as? [[String: Any]])
      contacts[0]["name"] = #"Smith & "Jones" <Ltd>"#
      customers[0]["contacts"] = contacts
      root["customers"] = customers
    }
    #expect(try CLI.run(["import", "--ledger", "ledger.json"], in: escaped).status == 0)
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"]
    #expect(try CLI.run(month, in: escaped).status == 0)
    let again = try CLI.run(month, in: escaped)
    #expect(again.status == 0 && !again.stdout.contains("payment owner"), "\(again.stdout)")
  }

  /// C003 pays in full after its letter went out: the next run skips it, and its letter, which
  /// still stands, stays in the month's manifest and bundle (from a ledger file and from the
  /// store alike).
  @Test func aLetterIssuedEarlierStaysListedWhenItsCustomerIsSkippedNow() throws {
    for fromStore in [false, true] {
      let folder = try CLI.temporaryFolder()
      try writeExample(to: folder + "/paid.json") { root in
        var payments = try #require(root["payments"] as? [[String: Any]])
        payments.append(["id": "P-C003", "customer": "C003", "receivedOn": "2026-11-30", "amount": "270000.00"])
        // C005 paid part: its standing letter is listed and no longer agrees with the ledger.
        payments.append(["id": "P-C005", "customer": "C005", "receivedOn": "2026-11-20", "amount": "1000.00"])
        root["payments"] = payments
      }
      let source = fromStore ? [] : ["--ledger", "paid.json"]
      if fromStore {
        #expect(try CLI.run(["import", "--ledger", example], in: folder).status == 0)
      }
      let first = try CLI.run(
        ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"] + (fromStore ? [] : ["--ledger", example]),
        in: folder)
      #expect(first.status == 0, "\(first.stderr)")
      if fromStore {
        #expect(try CLI.run(["import", "--ledger", "paid.json"], in: folder).status == 0)
      }
      let second = try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30"] + source, in: folder)
      #expect(second.status == 0, "\(second.stderr)")
      #expect(
        second.stdout.contains(
          "3 skipped: 2 zero-balance, 1 no-confirmed-owner; see Output/2026-11/confirmation/skipped.csv\n"))
      #expect(
        try FileBytes.text(folder + "/Output/2026-11/confirmation/skipped.csv").contains(
          "\r\nC003,CNY,zero-balance,nothing to confirm: the balance is 0.00,nothing to do\r\n"))
      // Both standing letters the ledger no longer backs are said, in number order.
      #expect(
        second.stdout.hasSuffix(
          """
          warning DZ-202611-0002: stands for C003 at 270,000.00 CNY as of 2026-11-30, but this run writes it no letter (nothing to confirm: the balance is 0.00); check it before it is sent
          warning DZ-202611-0004: stands for C005 at 240,000.00 CNY as of 2026-11-30, but the ledger now gives 239,000.00 as of 2026-11-30; check it before it is sent (a reissue writes a new one)

          """), "\(second.stdout)")
      #expect(!first.stdout.contains("warning"))
      let out = folder + "/Output/2026-11/confirmation"
      let rows = try FileBytes.text(out + "/manifest.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
      #expect(rows.count == 13, "from the store: \(fromStore)")
      #expect(rows.last?.hasPrefix("DZ-202611-0002,C003,") == true, "\(rows.last ?? "")")
      #expect(
        try FileBytes.text(out + "/print.html").components(separatedBy: "<section class=\"letter\"").count - 1 == 12)
    }
  }

  /// After a new import C013 is no longer in the ledger and C004's account moved from CNY to
  /// USD: their letters still stand and stay listed, and the rerun says why each no longer
  /// follows from the ledger (a customer would otherwise get letters in two currencies without
  /// a word). A number reserved by hand is not the batch's to list.
  @Test func lettersOfAccountsTheLedgerNoLongerHasAreSaid() throws {
    let folder = try CLI.importedExample()
    #expect(
      try CLI.run(
        ["register", "reserve", "--kind", "confirmation", "--customer", "C001", "--date", "2026-11-30"], in: folder
      )
      .stdout == "DZ-202611-0001\n")
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"]
    let first = try CLI.run(month, in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(!first.stdout.contains("warning"), "\(first.stdout)")
    try writeExample(to: folder + "/moved.json") { root in
      root["customers"] = try #require(root["customers"] as? [[String: Any]]).filter { $0["id"] as? String != "C013" }
      let gone = Set(
        try #require(root["contracts"] as? [[String: Any]]).filter { $0["customer"] as? String == "C013" }
          .compactMap { $0["id"] as? String })
      root["contracts"] = try #require(root["contracts"] as? [[String: Any]]).compactMap {
        contract -> [String: Any]? in
        if contract["customer"] as? String == "C013" { return nil }
        var contract = contract
        if contract["customer"] as? String == "C004" { contract["currency"] = "USD" }
        return contract
      }
      root["invoices"] = try #require(root["invoices"] as? [[String: Any]]).filter {
        !gone.contains($0["contract"] as? String ?? "")
      }
      root["payments"] = try #require(root["payments"] as? [[String: Any]]).filter {
        !["C013", "C004"].contains($0["customer"] as? String ?? "")
      }
    }
    #expect(try CLI.run(["import", "--ledger", "moved.json"], in: folder).status == 0)
    let second = try CLI.run(month, in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    let lines = second.stdout.split(separator: "\n").filter { $0.hasPrefix("warning") }
    #expect(
      lines == [
        "warning DZ-202611-0004: stands for C004 at 160,000.00 CNY as of 2026-11-30, but the ledger no longer gives C004 an account in CNY; check it before it is sent",
        "warning DZ-202611-0013: stands for C013 at 90,000.00 CNY as of 2026-11-30, but C013 is no longer in the ledger; check it before it is sent",
      ], "\(second.stdout)")
    let manifest = try FileBytes.text(folder + "/Output/2026-11/confirmation/manifest.csv")
    #expect(!manifest.contains("DZ-202611-0001,"))
  }

  /// A letter file removed after it was issued: the next run still lists it and says that the
  /// bundle cannot show it, with the fix.
  @Test func aMissingLetterFileIsListedWithAWarning() throws {
    let folder = try CLI.temporaryFolder()
    let batch = ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30"]
    #expect(try CLI.run(batch, in: folder).status == 0)
    let out = folder + "/Output/2026-11/confirmation"
    try FileManager.default.removeItem(atPath: out + "/DZ-202611-0003-confirmation-C004.html")
    let again = try CLI.run(batch, in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      again.stdout.hasSuffix(
        "warning DZ-202611-0003: [bundle] Output/2026-11/confirmation/DZ-202611-0003-confirmation-C004.html cannot be read or has no <body>: it is in the manifests but not in print.html; rewrite it with --reissue --customers C004\n"
      ))
    #expect(try FileBytes.text(out + "/manifest.csv").contains("\r\nDZ-202611-0003,C004,"))
    #expect(
      try FileBytes.text(out + "/print.html").components(separatedBy: "<section class=\"letter\"").count - 1 == 11)
  }

  /// A month's dunning batch names the earlier demands the register shows (design.md §5.2),
  /// as `ardoc dun` does: October's letter is cited in November's.
  @Test func dunningBatchNamesEarlierLetters() throws {
    let folder = try CLI.temporaryFolder()
    let ledger = ["--ledger", example, "--policy", CLI.root + "/Examples/policy.json"]
    _ = try CLI.run(["batch", "--kind", "dunning"] + ledger + ["--as-of", "2026-10-31"], in: folder)
    try CLI.recordOnTheirDates(in: folder)
    _ = try CLI.run(["batch", "--kind", "dunning"] + ledger + ["--as-of", "2026-11-30"], in: folder)
    let november = try FileBytes.text(folder + "/Output/2026-11/dunning/CK-202611-0001-dunning-C001.html")
    #expect(
      november.contains(
        "<span data-field=\"days-overdue\">166</span> 天，经本公司于 2026年10月31日 催告（催款函 CK-202610-0001）后仍未付清。</p>"))
    let alone = try FileBytes.text(folder + "/Output/2026-10/dunning/CK-202610-0001-dunning-C001.html")
    #expect(alone.contains("天，至今仍未付清。</p>"))
  }

  @Test func dunningPicksLevelsAndSkipsWithReasons() throws {
    let folder = try CLI.temporaryFolder()
    let result = try CLI.run(
      [
        "batch", "--kind", "dunning", "--ledger", example, "--policy", CLI.root + "/Examples/policy.json", "--as-of",
        "2026-11-30",
      ],
      in: folder)
    #expect(result.stdout.hasPrefix("Output/2026-11/dunning: 9 written, 0 already issued this month, 5 skipped.\n"))
    #expect(
      result.stdout.contains(
        "5 skipped: 1 open-issue, 1 no-confirmed-owner, 3 nothing-due; see Output/2026-11/dunning/skipped.csv\n"
      ))
    let skipped = try FileBytes.text(folder + "/Output/2026-11/dunning/skipped.csv")
    #expect(
      skipped.contains(
        "\r\nC009,CNY,open-issue,\"open project issue: HT-2026-019: 质量追溯模块与客户 ERP 接口数据不一致，客户拒绝签署终验, open since 2026-09-05\",\"close the contract's open issue in the ledger, or write the letter by hand after review\"\r\n"
      ))
    #expect(
      skipped.contains(
        "\r\nC003,CNY,nothing-due,\"nothing is overdue on 2026-11-30 (balance 270,000.00 CNY, next due 2026-12-15); a dunning letter is only for what is past due\",\"nothing to do until an amount is overdue past the dunning start; when one is overdue but short of the policy's levels, 'ardoc dun --level' writes the letter all the same\"\r\n"
      ))
    let json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "/Output/2026-11/dunning/manifest.json")))
      as? [[String: String]]
    #expect(
      json?.map { "\($0["customer"] ?? "") \($0["detail"] ?? "")" } == [
        "C001 level-3", "C004 level-1", "C005 level-2", "C007 level-3", "C007 level-1", "C010 level-3", "C011 level-3",
        "C012 level-2", "C013 level-1",
      ])
  }
}
