import Basics
import Foundation
import Testing

@Suite struct LedgerCommandTests {
  let example = CLI.root + "/Examples/ledger.json"

  @Test func importThenAgingFromTheStore() throws {
    let folder = try CLI.temporaryFolder()
    let imported = try CLI.run(["import", "--ledger", example], in: folder)
    #expect(imported.status == 0)
    #expect(
      imported.stdout
        == "Imported 13 customers, 14 contracts, 24 invoices, 13 payments and 2 credit notes from \(example) into Output/ardoc.sqlite.\n"
    )
    let aging = try CLI.run(["aging", "--as-of", "2026-11-30", "--format", "json"], in: folder)
    #expect(aging.status == 0)
    #expect(
      aging.stdout.contains(
        #"{"id":"C011","currency":"CNY","balance":"410000.00","credit":"0.00","buckets":{"current":"0.00","1-30":"0.00","31-60":"0.00","61-90":"0.00","91-180":"0.00","181-365":"410000.00","over-365":"0.00"},"maxDaysOverdue":365}"#
      ))
    // One total per currency (the worked sums of the lines above), never across currencies.
    #expect(
      aging.stdout.hasSuffix(
        #""totals":[{"currency":"CNY","balance":"2696000.00","credit":"5000.00","buckets":{"current":"270000.00","1-30":"250000.00","31-60":"616000.00","61-90":"170000.00","91-180":"760000.00","181-365":"410000.00","over-365":"225000.00"}},{"currency":"USD","balance":"30000.00","credit":"0.00","buckets":{"current":"0.00","1-30":"30000.00","31-60":"0.00","61-90":"0.00","91-180":"0.00","181-365":"0.00","over-365":"0.00"}}]}"#
          + "\n"), "\(aging.stdout.suffix(400))")
    let fromCSV = try CLI.run(
      ["aging", "--as-of", "2026-11-30", "--format", "json", "--ledger", CLI.root + "/Examples/ledger-csv"], in: folder)
    #expect(fromCSV.stdout == aging.stdout)
    let table = try CLI.run(
      ["aging", "--as-of", "2026-11-30", "--ledger", folder + "/Output/ardoc.sqlite"], in: folder)
    #expect(table.stdout.contains("C006           合肥新桥汽车零部件有限公司  CNY      -5,000.00     5,000.00"))
    let csv = try CLI.run(["aging", "--as-of", "2026-11-30", "--format", "csv"], in: folder)
    #expect(csv.stdout.contains("C007,深圳前海跨境电子有限公司,USD,30000.00,0.00,0.00,30000.00,"))
  }

  @Test func aBadLedgerIsListedAndTheStoreKeepsItsLedger() throws {
    let folder = try CLI.temporaryFolder()
    #expect(try CLI.run(["import", "--ledger", example], in: folder).status == 0)
    let bad = try CLI.run(["import", "--ledger", CLI.root + "/Tests/LedgerTests/Fixtures/bad-ledger.json"], in: folder)
    #expect(bad.status == 2)
    #expect(bad.stdout == "")
    #expect(bad.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }.count == 19)
    #expect(bad.stderr.hasSuffix("19 problems found; nothing was loaded.\n"))
    let aging = try CLI.run(["aging", "--as-of", "2026-11-30", "--format", "csv"], in: folder)
    #expect(aging.stdout.contains("C013,厦门鹭岛食品有限公司,CNY,90000.00"))
  }

  @Test func preflightExitsOneWhenACustomerIsNotReady() throws {
    // In a folder of its own: preflight also reads the replies of the folder's store.
    let folder = try CLI.temporaryFolder()
    let all = try CLI.run(["preflight", "--ledger", example, "--as-of", "2026-11-30"], in: folder)
    #expect(all.status == 1)
    #expect(
      all.stdout.contains(
        "    - payment owner: 谢婷 not confirmed on or before 2026-11-30; record when and how it was confirmed (paymentOwnerConfirmation in JSON; confirmedOn and confirmationMethod in contacts.csv)"
      ))
    #expect(all.stdout.hasSuffix("10 of 13 customer(s) ready.\n"))
    let one = try CLI.run(
      ["preflight", "--ledger", example, "--as-of", "2026-11-30", "--customer", "C001"], in: folder)
    #expect(one.status == 0)
    let unknown = try CLI.run(["preflight", "--ledger", example, "--customer", "C404"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr == "error: --customer 'C404' is not in the ledger\n")
    let badDate = try CLI.run(["aging", "--ledger", example, "--as-of", "2026-13-01"])
    #expect(badDate.status == 2)
    #expect(badDate.stderr == "error: --as-of: '2026-13-01' is not a day of the calendar\n")
    // A reply-by day ten days after 9999-12-31 has no four-digit year: refused as entered.
    let farDate = try CLI.run(["confirm", "--customer", "C001", "--ledger", example, "--as-of", "9999-12-31"])
    #expect(farDate.status == 2)
    #expect(farDate.stderr == "error: --as-of: '9999-12-31' is outside the years 1900 to 2999; check the year\n")
  }

  @Test func noLedgerAnywhere() throws {
    let folder = try CLI.temporaryFolder()
    let result = try CLI.run(["aging"], in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "Output/ardoc.sqlite: error: no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output"))
  }

  /// Every command finds the store the same way: --db, else $ARDOC_DB, else Output/ardoc.sqlite.
  @Test func ardocDBNamesTheStoreForEveryCommand() throws {
    let folder = try CLI.temporaryFolder()
    let environment = ["ARDOC_DB": "books/ar.sqlite"]
    let imported = try CLI.run(["import", "--ledger", example], in: folder, environment: environment)
    #expect(imported.stdout.hasSuffix(" into books/ar.sqlite.\n"), "\(imported.stderr)")
    let confirm = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder, environment: environment)
    #expect(confirm.status == 0, "\(confirm.stderr)")
    let listed = try CLI.run(["register", "list"], in: folder, environment: environment)
    #expect(listed.stdout.contains("DZ-202611-0001  confirmation  C001"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/ardoc.sqlite"))
    // --db wins over the variable.
    let other = try CLI.run(["register", "list", "--db", "none.sqlite"], in: folder, environment: environment)
    #expect(other.status == 2)
    #expect(other.stderr.hasPrefix("none.sqlite: error: no store here;"))
  }

  @Test func twoProcessesNeverGetTheSameNumber() throws {
    let folder = try CLI.temporaryFolder()
    let arguments = ["register", "reserve", "--kind", "confirmation", "--count", "150", "--date", "2026-11-30"]
    let first = try CLI.start(arguments, in: folder)
    let second = try CLI.start(arguments, in: folder)
    let a = first.wait()
    let b = second.wait()
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    let numbers = (a.stdout + b.stdout).split(separator: "\n").map(String.init)
    #expect(numbers.count == 300)
    #expect(Set(numbers).count == 300)
    #expect(Set(numbers) == Set((1...300).map { String(format: "DZ-202611-%04d", $0) }))
    let listed = try CLI.run(["register", "list"], in: folder)
    #expect(
      listed.stdout.components(separatedBy: "\n").filter { $0.contains(" issued ") || $0.hasSuffix(" issued") }.count
        == 300)
  }
}

@Suite struct MalformedCSVCommandTests {
  @Test func theGB18030CorpusExitsWithTwoAndListsEveryProblem() throws {
    let folder = try CLI.temporaryFolder()
    let result = try CLI.run(["import", "--ledger", CLI.root + "/Tests/LedgerTests/Fixtures/bad-csv"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.hasSuffix("5 problems found; nothing was loaded.\n"))
    #expect(
      result.stderr.contains("bad-csv/customers.csv:6: error: the row has 13 cells; the first row names 14 columns"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/ardoc.sqlite"))
  }
}

/// `--max-ledger-size`: every command that reads a ledger file refuses one over the limit
/// before reading it, and the option raises or lowers the limit.
@Suite struct LedgerSizeCommandTests {
  /// A folder with `ledger.json`, a sparse file of 600,000,000 bytes (no room on the disk).
  func folderWithAHugeLedger() throws -> String {
    let folder = try CLI.temporaryFolder()
    let path = folder + "/ledger.json"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 600_000_000)
    try handle.close()
    return folder
  }

  @Test func everyCommandThatReadsALedgerRefusesAHugeOne() throws {
    let folder = try folderWithAHugeLedger()
    let refused = """
      ledger.json: error: 600,000,000 bytes is over the 512 MiB ledger limit; pass --max-ledger-size 573M to raise it
      1 problem found; nothing was loaded.

      """
    let commands: [[String]] = [
      ["import"], ["aging"], ["preflight"], ["confirm", "--customer", "C001"], ["dun", "--customer", "C001"],
      ["propose", "--customer", "C001", "--installments", "2"],
      ["notice", "--customer", "C001", "--measure", "stop-supply"], ["batch", "--kind", "confirmation"],
      ["validate", CLI.root + "/Tests/ValidationTests/Fixtures"],
    ]
    for command in commands {
      let result = try CLI.run(command + ["--ledger", "ledger.json"], in: folder)
      #expect(result.status == 2, "\(command)")
      #expect(result.stderr == refused, "\(command)")
      #expect(result.stdout == "", "\(command)")
    }
    // Refused before anything was written: no store, no output folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ledger.json"])
  }

  @Test func theOptionRaisesOrLowersTheLimit() throws {
    let folder = try CLI.temporaryFolder()
    // The example ledger padded with blanks (JSON allows them) to exactly 100,000 bytes.
    var bytes = try FileBytes.read(CLI.root + "/Examples/ledger.json")
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 100_000 - bytes.count))
    try FileBytes.writeAtomically(bytes, to: folder + "/ledger.json")
    let lowered = try CLI.run(["import", "--ledger", "ledger.json", "--max-ledger-size", "97K"], in: folder)
    #expect(lowered.status == 2)
    #expect(
      lowered.stderr == """
        ledger.json: error: 100,000 bytes is over the 97 KiB ledger limit; pass --max-ledger-size 98K to raise it
        1 problem found; nothing was loaded.

        """)
    let enough = try CLI.run(["import", "--ledger", "ledger.json", "--max-ledger-size", "98k"], in: folder)
    #expect(enough.status == 0, "\(enough.stderr)")
    #expect(
      enough.stdout
        == "Imported 13 customers, 14 contracts, 24 invoices, 13 payments and 2 credit notes from ledger.json into Output/ardoc.sqlite.\n"
    )
    let bytesGiven = try CLI.run(
      ["aging", "--ledger", "ledger.json", "--max-ledger-size", "100000", "--as-of", "2026-11-30"], in: folder)
    #expect(bytesGiven.status == 0, "\(bytesGiven.stderr)")
    // A CSV folder counts its files together (every file of the example's is a table).
    let csvFolder = CLI.root + "/Examples/ledger-csv"
    let total = try FileManager.default.contentsOfDirectory(atPath: csvFolder).reduce(0) {
      $0 + (FileBytes.size(csvFolder + "/" + $1) ?? 0)
    }
    let csv = try CLI.run(["preflight", "--ledger", csvFolder, "--max-ledger-size", "1K"], in: folder)
    #expect(csv.status == 2)
    #expect(
      csv.stderr == """
        \(csvFolder): error: its CSV files add up to \(total.grouped) bytes, which is over the 1 KiB ledger limit; \
        pass --max-ledger-size \((total + 1023) / 1024)K to raise it
        1 problem found; nothing was loaded.

        """)
  }

  /// A CSV folder without payments.csv or credits.csv is read as having none, which a missed
  /// export also gives: the import says so; the example's folder, which has both, gets no note.
  @Test func aFolderWithoutPaymentsOrCreditsIsSaidAtImport() throws {
    let folder = try CLI.temporaryFolder()
    try FileManager.default.copyItem(atPath: CLI.root + "/Examples/ledger-csv", toPath: folder + "/csv")
    let whole = try CLI.run(["import", "--ledger", "csv"], in: folder)
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(!whole.stdout.contains("note:"))
    try FileManager.default.removeItem(atPath: folder + "/csv/payments.csv")
    try FileManager.default.removeItem(atPath: folder + "/csv/credits.csv")
    let partial = try CLI.run(["import", "--ledger", "csv"], in: folder)
    #expect(partial.status == 0, "\(partial.stderr)")
    #expect(
      partial.stdout == """
        Imported 13 customers, 14 contracts, 24 invoices, 0 payments and 0 credit notes from csv into Output/ardoc.sqlite.
        note: csv has no payments.csv, so no payments are counted; if customers have paid, export their payments into csv/payments.csv
        note: csv has no credits.csv, so no credit notes are counted; if any were issued, export them into csv/credits.csv

        """)
  }

  /// Every command that reads a CSV folder says what the import says (on standard error, so
  /// that a report piped on stays whole); a file named in another case (`Payments.csv`, as
  /// Windows may save it) is that table's file, and two such names are refused.
  @Test func everyCommandReadingAFolderSaysWhatItLacks() throws {
    let folder = try CLI.temporaryFolder()
    try FileManager.default.copyItem(atPath: CLI.root + "/Examples/ledger-csv", toPath: folder + "/csv")
    try FileManager.default.moveItem(atPath: folder + "/csv/credits.csv", toPath: folder + "/csv/credits (1).csv")
    let exact = try CLI.run(["aging", "--ledger", "csv", "--as-of", "2026-11-30"], in: folder)
    try FileManager.default.moveItem(atPath: folder + "/csv/payments.csv", toPath: folder + "/csv/Payments.csv")
    let note =
      "note: csv has no credits.csv, so no credit notes are counted; if any were issued, export them into csv/credits.csv (credits (1).csv is there but not read: name the file credits.csv)\n"
    let aging = try CLI.run(["aging", "--ledger", "csv", "--as-of", "2026-11-30"], in: folder)
    #expect(aging.status == 0, "\(aging.stderr)")
    #expect(aging.stderr == note)
    // Payments.csv was read: the report is the one with payments.csv.
    #expect(aging.stdout == exact.stdout)
    #expect(aging.stdout.contains("C001"))
    let confirm = try CLI.run(
      ["confirm", "--customer", "C001", "--ledger", "csv", "--as-of", "2026-11-30"], in: folder)
    #expect(confirm.status == 0, "\(confirm.stderr)")
    #expect(confirm.stderr == note)
    let batch = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", "csv", "--as-of", "2026-11-30"], in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    #expect(batch.stderr.hasPrefix(note))
    let validate = try CLI.run(
      ["validate", "--ledger", "csv", confirm.stdout.split(separator: "\n")[0].description], in: folder)
    #expect(validate.stderr == note)

    try "id,customer,receivedOn,amount\n".write(toFile: folder + "/csv/payments.csv", atomically: true, encoding: .utf8)
    let both = try CLI.run(["aging", "--ledger", "csv", "--as-of", "2026-11-30"], in: folder)
    #expect(both.status == 2)
    #expect(
      both.stderr == """
        csv/payments.csv: error: Payments.csv is there too, a name that differs only in case; keep the one that is the ledger's payments.csv and remove the other
        1 problem found; nothing was loaded.

        """)
  }

  /// A CSV file that is not UTF-8 is read as GB18030, as any bytes can be: the import says
  /// which, so that a Big5 or Windows-1252 file read garbled does not pass unseen.
  @Test func aFileReadAsGB18030IsSaid() throws {
    let folder = try CLI.temporaryFolder()
    try FileManager.default.copyItem(atPath: CLI.root + "/Examples/ledger-csv", toPath: folder + "/csv")
    let text = try FileBytes.text(folder + "/csv/customers.csv")
    try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))).write(
      to: URL(fileURLWithPath: folder + "/csv/customers.csv"))
    let result = try CLI.run(["import", "--ledger", "csv"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "\nnote: csv/customers.csv is not UTF-8 and was read as GB18030; if it was saved in another encoding (Big5, Windows-1252), its text is garbled: save it as UTF-8\n"
      ))
    #expect(!result.stdout.contains("contacts.csv is not UTF-8"))
  }

  /// A ledger whose payments are none (a JSON ledger without the list, or a CSV file with a
  /// header only) is said at import too; one with payments is not.
  @Test func aLedgerWithoutPaymentsIsSaidAtImport() throws {
    let folder = try CLI.temporaryFolder()
    let json = try FileBytes.text(CLI.root + "/Examples/ledger.json")
    // The list cut out whole: from its key to the key of the table after it.
    guard let start = json.range(of: #""payments": ["#), let end = json.range(of: #""credits": ["#) else {
      Issue.record("the example ledger has no payments or credits list")
      return
    }
    try String(json[..<start.lowerBound] + json[end.lowerBound...]).write(
      toFile: folder + "/ledger.json", atomically: true, encoding: .utf8)
    let result = try CLI.run(["import", "--ledger", "ledger.json"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        Imported 13 customers, 14 contracts, 24 invoices, 0 payments and 2 credit notes from ledger.json into Output/ardoc.sqlite.
        note: ledger.json holds no payments, so every balance is its invoices less credit notes; if customers have paid, export the payments

        """)
    try FileManager.default.copyItem(atPath: CLI.root + "/Examples/ledger-csv", toPath: folder + "/csv")
    try "id,customer,receivedOn,amount,currency,reference,appliesTo\n".write(
      toFile: folder + "/csv/payments.csv", atomically: true, encoding: .utf8)
    let csv = try CLI.run(["import", "--ledger", "csv"], in: folder)
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      csv.stdout.hasSuffix(
        "note: csv holds no payments, so every balance is its invoices less credit notes; if customers have paid, export the payments\n"
      ))
    let whole = try CLI.run(["import", "--ledger", CLI.root + "/Examples/ledger.json"], in: folder)
    #expect(!whole.stdout.contains("note:"))
  }

  @Test func badValuesNameTheOption() throws {
    let folder = try folderWithAHugeLedger()
    let notASize = "is not a size; write bytes, or a whole number with K, M or G, e.g. 2G"
    let cases: [(String, String)] = [
      ("2X", "error: --max-ledger-size '2X' \(notASize)"),
      ("1.5G", "error: --max-ledger-size '1.5G' \(notASize)"),
      ("2GB", "error: --max-ledger-size '2GB' \(notASize)"),
      ("G", "error: --max-ledger-size 'G' \(notASize)"),
      ("-1", "error: --max-ledger-size '-1' \(notASize)"),
      ("0", "error: --max-ledger-size '0' must be more than 0"),
      ("99999999999999999G", "error: --max-ledger-size '99999999999999999G' is too large"),
    ]
    for (value, message) in cases {
      for command in [["import"], ["aging"], ["batch", "--kind", "dunning"], ["validate", "x.html"]] {
        let result = try CLI.run(command + ["--ledger", "ledger.json", "--max-ledger-size=\(value)"], in: folder)
        #expect(result.status == 2, "\(command) \(value)")
        #expect(result.stderr == message + "\n", "\(command) \(value)")
      }
    }
  }
}
