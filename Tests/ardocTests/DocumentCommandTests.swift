import Basics
import Foundation
import Testing

@Suite struct DocumentCommandTests {
  let example = CLI.root + "/Examples/ledger.json"

  func prepared() throws -> String { try CLI.importedExample() }

  @Test func confirmWritesRegistersAndPrintsThePath() throws {
    let folder = try prepared()
    let result = try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html\n")
    let html = try FileBytes.text(folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html")
    let golden = try FileBytes.text(CLI.root + "/Tests/LettersTests/Fixtures/golden/zh-CN/confirmation-C001.html")
    #expect(html == golden)
    let register = try CLI.run(["register", "list"], in: folder)
    #expect(
      register.stdout.contains(
        "DZ-202611-0001  confirmation  C001      2026-11-30  2026-11-30  CNY       380,000.00  issued  Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html"
      ))
    let second = try CLI.run(["dun", "--customer", "C001", "--as-of", "2026-11-30", "--locale", "en"], in: folder)
    #expect(second.stdout == "Output/2026-11/dunning/CK-202611-0001-dunning-C001.html\n")
    // For a spreadsheet and for a program: every column, amounts plain, the file's SHA-256.
    let sha = SHA256.hex(Array(html.utf8))
    let csv = try CLI.run(["register", "list", "--kind", "confirmation", "--format", "csv"], in: folder)
    #expect(
      csv.stdout == """
        \u{FEFF}number,kind,customer,date,asOf,currency,amount,status,detail,supersedes,file,sha256\r
        DZ-202611-0001,confirmation,C001,2026-11-30,2026-11-30,CNY,380000.00,issued,,,Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html,\(sha)\r

        """)
    let json = try CLI.run(["register", "list", "--customer", "C001", "--format", "json"], in: folder)
    #expect(
      json.stdout.hasPrefix(
        #"{"entries":[{"number":"DZ-202611-0001","kind":"confirmation","customer":"C001","date":"2026-11-30","asOf":"2026-11-30","currency":"CNY","amount":"380000.00","status":"issued","detail":null,"supersedes":null,"file":"Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html","sha256":""#
          + sha + #""},{"number":"CK-202611-0001","kind":"dunning","#), "\(json.stdout)")
    let xml = try CLI.run(["register", "list", "--format", "xml"], in: folder)
    #expect(xml.status == 2)
    #expect(xml.stderr == "error: --format 'xml' is not table, csv or json\n")
  }

  /// From the store, a one-customer command reads only that customer's slice: the documents
  /// are the same bytes as from the whole ledger file (a customer with two currencies, credit
  /// notes, a demand), and an unknown id is refused as it is from the file.
  @Test func documentsFromTheStoreSliceEqualThoseFromTheLedgerFile() throws {
    let fromStore = try prepared()
    let fromFile = try CLI.temporaryFolder()
    let commands = [
      ["confirm", "--customer", "C007", "--currency", "USD", "--as-of", "2026-11-30"],
      ["notice", "--customer", "C011", "--measure", "legal-demand", "--as-of", "2026-11-30"],
      ["dun", "--customer", "C001", "--as-of", "2026-11-30", "--locale", "en"],
    ]
    for command in commands {
      let store = try CLI.run(command, in: fromStore)
      let file = try CLI.run(command + ["--ledger", example], in: fromFile)
      #expect(store.status == 0, "\(command): \(store.stderr)")
      #expect(store.stdout == file.stdout)
      let path = store.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(try FileBytes.read(fromStore + "/" + path) == FileBytes.read(fromFile + "/" + path), "\(path)")
    }
    let unknown = try CLI.run(["confirm", "--customer", "C404", "--as-of", "2026-11-30"], in: fromStore)
    #expect(unknown.status == 2)
    #expect(unknown.stderr == "error: C404: no such customer in the ledger; check the id (see 'ardoc aging')\n")
    // A kind that asks for payment too (the stand-in ledger has no bank account to complain of).
    let unknownDun = try CLI.run(["dun", "--customer", "C404", "--as-of", "2026-11-30"], in: fromStore)
    #expect(unknownDun.stderr == "error: C404: no such customer in the ledger; check the id (see 'ardoc aging')\n")
    // Where there is no store, a reading command says so and creates none.
    let empty = try CLI.temporaryFolder()
    let listing = try CLI.run(["register", "list"], in: empty)
    #expect(listing.status == 2)
    #expect(
      listing.stderr
        == "Output/ardoc.sqlite: error: no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH\n")
    #expect(!FileManager.default.fileExists(atPath: empty + "/Output"))
    // An empty file is no store either, and stays empty.
    try Data().write(to: URL(fileURLWithPath: empty + "/empty.sqlite"))
    let emptyFile = try CLI.run(["register", "list", "--db", "empty.sqlite"], in: empty)
    #expect(emptyFile.status == 2)
    #expect(
      emptyFile.stderr
        == "empty.sqlite: error: is an empty file, not an ardoc store; pass the store's path with --db, or run 'ardoc import --ledger FILE' to make one here\n"
    )
    #expect(FileBytes.size(empty + "/empty.sqlite") == 0)
    try FileManager.default.createDirectory(atPath: empty + "/afolder", withIntermediateDirectories: true)
    let folderGiven = try CLI.run(["register", "list", "--db", "afolder"], in: empty)
    #expect(folderGiven.status == 2)
    #expect(folderGiven.stderr == "afolder: error: is a folder, not a store; pass the store's file with --db\n")
    // A store that holds only a register (numbers taken by hand, no ledger imported) says so.
    #expect(try CLI.run(["register", "reserve", "--kind", "confirmation"], in: empty).status == 0)
    let none = try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: empty)
    #expect(none.status == 2)
    #expect(
      none.stderr
        == "Output/ardoc.sqlite: error: holds no ledger yet; run 'ardoc import --ledger PATH' first\n"
    )
    let batch = try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30"], in: empty)
    #expect(batch.status == 2)
    #expect(
      batch.stderr
        == "Output/ardoc.sqlite: error: holds no ledger yet; pass --ledger PATH or run 'ardoc import --ledger PATH' first\n"
    )
  }

  @Test func aMistypedTemplatesFolderIsAnErrorNotTheDefaults() throws {
    let folder = try prepared()
    for arguments in [
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", "mine"],
      ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--templates", "mine"],
    ] {
      let result = try CLI.run(arguments, in: folder)
      #expect(result.status == 2)
      #expect(result.stderr == "error: --templates mine: no such folder; check the path\n")
      #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    }
    #expect(try CLI.run(["register", "list"], in: folder).stdout.contains("DZ-") == false)
  }

  /// A binary copied away from its checkout, run where there is no Templates folder.
  @Test func withoutAnyTemplateFolderTheErrorSaysWhereTemplatesComeFrom() throws {
    let folder = try prepared()
    // Copied through a descriptor closed on exec (FileManager's copy keeps it open in any
    // child another test starts meanwhile, and running the copy then fails: ETXTBSY).
    try FileBytes.writeAtomically(FileBytes.read(CLI.binary), to: folder + "/ardoc", sync: false)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/ardoc")
    let result = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder, environment: ["ARDOC_TEMPLATES": nil],
      executable: folder + "/ardoc")
    let message = result.stderr
    #expect(result.status == 2)
    #expect(
      message
        == "error: no template folder found; pass --templates DIR (a copy of ardoc's Templates folder), set ARDOC_TEMPLATES, or run ardoc from its checkout\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
  }

  /// The batch leaves a customer with an open project issue out of its dunning letters for a
  /// person to decide; a letter written by hand is that decision, and says so, as does a
  /// penalty notice short of a legal demand (which is refused).
  @Test func aLetterWrittenByHandDespiteAnOpenIssueSaysSo() throws {
    let folder = try prepared()
    let issue =
      "written while the ledger shows an open project issue — HT-2026-019: 质量追溯模块与客户 ERP 接口数据不一致，客户拒绝签署终验, open since 2026-09-05"
    let dun = try CLI.run(["dun", "--customer", "C009", "--as-of", "2026-11-30"], in: folder)
    #expect(dun.status == 0, "\(dun.stderr)")
    #expect(dun.stdout == "Output/2026-11/dunning/CK-202611-0001-dunning-C009.html\n")
    #expect(dun.stderr == "warning: CK-202611-0001: [open-issue] \(issue)\n")
    let notice = try CLI.run(
      ["notice", "--customer", "C009", "--measure", "stop-supply", "--as-of", "2026-11-30"], in: folder)
    #expect(notice.status == 0, "\(notice.stderr)")
    #expect(notice.stderr == "warning: TZ-2026-0001: [open-issue] \(issue)\n")
    // Not for a customer without one.
    let clean = try CLI.run(["dun", "--customer", "C001", "--as-of", "2026-11-30"], in: folder)
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(clean.stderr == "")
  }

  @Test func aRefusalWritesNothingAndTakesNoNumber() throws {
    let folder = try prepared()
    let refused = try CLI.run(
      ["notice", "--customer", "C009", "--measure", "legal-demand", "--as-of", "2026-11-30"], in: folder)
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("error: C009: the ledger shows an open project issue"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    let owner = try CLI.run(["confirm", "--customer", "C008", "--as-of", "2026-11-30"], in: folder)
    #expect(owner.status == 2)
    #expect(owner.stderr.hasPrefix("error: C008: no confirmed payment owner on 2026-11-30"))
    let nothing = try CLI.run(["dun", "--customer", "C003", "--as-of", "2026-11-30"], in: folder)
    #expect(nothing.status == 2)
    #expect(
      nothing.stderr
        == "error: C003: nothing is overdue on 2026-11-30 (balance 270,000.00 CNY, next due 2026-12-15); a dunning letter is only for what is past due\n"
    )
    let ok = try CLI.run(
      ["notice", "--customer", "C011", "--measure", "legal-demand", "--as-of", "2026-11-30"], in: folder)
    // The first number: none was used up.
    #expect(ok.stdout == "Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html\n")
  }

  /// File names are built from ids: an id of 64 four-byte characters (256 bytes) is refused
  /// when the ledger is read, with its place and what to do, before a number is taken.
  @Test func anIdTooLongForAFileNameIsRefusedWithTheLedger() throws {
    let folder = try CLI.temporaryFolder()
    let id = String(repeating: "𠀀", count: 64)
    let ledger = try FileBytes.text(example).replacingOccurrences(of: #""C001""#, with: "\"\(id)\"")
    try FileBytes.writeAtomically(Array(ledger.utf8), to: folder + "/ledger.json")
    let result = try CLI.run(
      ["confirm", "--customer", id, "--ledger", "ledger.json", "--as-of", "2026-11-30"], in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr == """
        ledger.json:27:13: error: customers[0].id: is 256 bytes long in UTF-8; an id has at most 160 bytes, as file names are built from it
        1 problem found; nothing was loaded.

        """)
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    #expect(!(try CLI.run(["register", "list"], in: folder).stdout.contains("DZ-")))
  }

  @Test func aUserTemplateOverridesOneFile() throws {
    let folder = try prepared()
    let mine = folder + "/mine/zh-CN"
    try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
    var template = try FileBytes.text(CLI.root + "/Templates/zh-CN/confirmation.xhtml")
    template = template.replacingOccurrences(of: "烦请核对。", with: "烦请贵公司财务部门核对。")
    try template.write(toFile: mine + "/confirmation.xhtml", atomically: true, encoding: .utf8)
    let result = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", folder + "/mine"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let html = try FileBytes.text(folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html")
    #expect(html.contains("烦请贵公司财务部门核对。"))
    #expect(html.contains("data-seal=\"counterparty\""))  // partials still come from the defaults
  }

  /// A proposal's schedule stays within dates a letter can state: installments at most a year
  /// apart (a larger count of days overflowed into the year 0056), and a first share that can
  /// be paid as the proposal states it.
  @Test func aProposalsScheduleIsRefusedWhenItCannotBeStated() throws {
    let folder = try prepared()
    let propose = ["propose", "--customer", "C010", "--as-of", "2026-11-30", "--installments", "3"]
    let far = try CLI.run(propose + ["--every", "2932896"], in: folder)
    #expect(far.status == 2)
    #expect(far.stderr == "error: C010: --every '2932896': use month or a number of days from 1 to 366\n")
    let yearly = try CLI.run(propose + ["--every", "366"], in: folder)
    #expect(yearly.status == 0, "\(yearly.stderr)")
  }

  @Test func printsToPDF() throws {
    let folder = try prepared()
    let result = try CLI.run(
      [
        "propose", "--customer", "C010", "--as-of", "2026-11-30", "--installments", "4", "--first-percent", "40",
        "--pdf",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "Output/2026-11/installment-proposal/FQ-2026-0001-installment-proposal-C010.html\nOutput/2026-11/installment-proposal/FQ-2026-0001-installment-proposal-C010.pdf\n"
    )
    let pdf = try Data(
      contentsOf: URL(
        fileURLWithPath: folder + "/Output/2026-11/installment-proposal/FQ-2026-0001-installment-proposal-C010.pdf"))
    #expect(pdf.starts(with: Array("%PDF".utf8)))
    let missing = try CLI.run(
      ["confirm", "--customer", "C002", "--as-of", "2026-11-30", "--pdf", "--pdf-engine", "weasyprint"], in: folder)
    if !FileManager.default.isExecutableFile(atPath: "/usr/bin/weasyprint") {
      #expect(missing.status == 2)
      #expect(
        missing.stderr
          == "error: weasyprint is not installed; install it (apt-get install weasyprint) or leave out --pdf\n")
      #expect(
        !FileManager.default.fileExists(
          atPath: folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C002.html"))
      // Checked before a number is taken: the register has no entry for C002.
      let register = try CLI.run(["register", "list", "--customer", "C002"], in: folder)
      #expect(!register.stdout.contains("DZ-"))
    }
  }
}
