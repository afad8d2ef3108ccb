import Basics
import Foundation
import TestSupport
import Testing

@testable import Ledger

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ImportTests {
  @Test func theJSONAndCSVExamplesImportToTheSameLedger() throws {
    let json = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let csv = try LedgerReader.load(packageRoot + "/Examples/ledger-csv")
    #expect(json.customers.count == 13)
    #expect(json.invoices.count == 24)
    #expect(json.payments.count == 13)
    #expect(json == csv)
  }

  @Test func readsNestedFields() throws {
    let ledger = try exampleLedger()
    let c001 = try #require(ledger.customer("C001"))
    #expect(c001.finance?.bookClosingDay == 25)
    #expect(c001.finance?.creditLimit == d("500000.00"))
    #expect(c001.contacts.map(\.name) == ["王建国", "陈明", "刘洋"])
    let contract = try #require(ledger.contract("HT-2026-018"))
    #expect(contract.lateInterest == InterestTerms(annualRate: d("0.0465"), basis: .act365))
    #expect(contract.paymentTerms.map(\.percent) == [d("30"), d("40"), d("25"), d("5")])
    #expect(ledger.contract("HT-2023-006")?.installment == true)
    #expect(ledger.contract("HT-2026-019")?.openIssues.count == 1)
    #expect(ledger.payments.first { $0.id == "P-2026-0101" }?.currency == "CNY")  // inferred
    #expect(ledger.issuer.legal?.firm == "上海明衡律师事务所")
  }

  @Test func confirmedPaymentOwnerAtADate() throws {
    let ledger = try exampleLedger()
    let c012 = try #require(ledger.customer("C012"))
    #expect(c012.confirmedPaymentOwner(at: day("2026-08-02"))?.name == "蒋文")
    #expect(c012.confirmedPaymentOwner(at: day("2026-08-03"))?.name == "沈悦")
    #expect(c012.confirmedPaymentOwner(at: day("2025-11-19")) == nil)
    #expect(ledger.customer("C008")?.confirmedPaymentOwner(at: day("2026-11-30")) == nil)
  }

  @Test func csvWithBOMAndCRLFAndQuotes() throws {
    let folder = try copyOfExampleCSV()
    var customers = try FileBytes.text(folder + "/customers.csv")
    customers = customers.replacingOccurrences(of: "苏州华东机电设备有限公司", with: "\"苏州华东机电设备有限公司, \"\"总部\"\"\"")
    try Data([0xEF, 0xBB, 0xBF] + Array(customers.utf8)).write(to: URL(fileURLWithPath: folder + "/customers.csv"))
    let ledger = try LedgerReader.load(folder)
    #expect(ledger.customer("C001")?.name == "苏州华东机电设备有限公司, \"总部\"")
  }

  /// A sheet that writes the contract or customer once and leaves the rows below blank
  /// (merged cells) lost those rows without a word: an open project issue, a contact.
  @Test func aRowWithoutItsParentIsRefusedNotDropped() throws {
    let folder = try copyOfExampleCSV()
    let issues = try FileBytes.text(folder + "/project_issues.csv")
    try FileBytes.writeAtomically(
      Array((issues + ",二期传感器标定偏差复发,true,2026-10-20\r\n").utf8), to: folder + "/project_issues.csv")
    let contacts = try FileBytes.text(folder + "/contacts.csv")
    try FileBytes.writeAtomically(
      Array(contacts.replacingOccurrences(of: "\nC001,陈明,", with: "\n,陈明,").utf8), to: folder + "/contacts.csv")
    do {
      _ = try LedgerReader.load(folder)
      Issue.record("loaded")
    } catch {
      #expect(
        error.description.replacingOccurrences(of: folder + "/", with: "")
          == """
          contacts.csv:3: error: customer: is required; write the customer on every row (a blank cell is not read as the one above)
          project_issues.csv:4: error: contract: is required; write the contract on every row (a blank cell is not read as the one above)
          2 problems found; nothing was loaded.
          """)
    }
  }

  /// A required file under a name near its own is not read, and the error names the file
  /// that is there; a name that differs only in case is the table's file.
  @Test func aFileUnderANearNameIsNamedInTheError() throws {
    let folder = try copyOfExampleCSV()
    try FileManager.default.moveItem(atPath: folder + "/contracts.csv", toPath: folder + "/Contracts.CSV")
    try FileManager.default.moveItem(atPath: folder + "/customers.csv", toPath: folder + "/customer.csv")
    do {
      _ = try LedgerReader.load(folder)
      Issue.record("loaded")
    } catch {
      let text = error.description.replacingOccurrences(of: folder + "/", with: "")
      #expect(
        text.hasPrefix(
          "customers.csv: error: missing: a CSV ledger needs customers.csv (customer.csv is there but not read: name the file customers.csv)\n"
        ))
      // Contracts.CSV was read: nothing says a contract is unknown.
      #expect(!text.contains("unknown contract"))
    }
    #expect(
      LedgerReader.readingNotes(folder, encoding: nil, ledger: nil).map {
        $0.replacingOccurrences(of: folder, with: "csv")
      } == [])
  }

  /// Excel's "Unicode text" is UTF-16LE: one problem naming the file and the encoding, and
  /// no "unknown customer" for every row that refers to a customer in it.
  @Test func aUTF16FileIsOneClearProblem() throws {
    let folder = try copyOfExampleCSV()
    let text = try FileBytes.text(folder + "/customers.csv")
    let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    try Data(little).write(to: URL(fileURLWithPath: folder + "/customers.csv"))
    do {
      _ = try LedgerReader.load(folder)
      Issue.record("loaded")
    } catch {
      #expect(
        error.description.replacingOccurrences(of: folder + "/", with: "")
          == "customers.csv: error: is UTF-16LE text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV\" (GB18030) instead\n1 problem found; nothing was loaded."
      )
    }
    // A missing required file is one problem too.
    try FileManager.default.removeItem(atPath: folder + "/customers.csv")
    #expect(throws: LedgerError.self) { try LedgerReader.load(folder) }
    do {
      _ = try LedgerReader.load(folder)
    } catch {
      #expect(error.issues.count == 1)
      #expect(error.issues.first?.message == "missing: a CSV ledger needs customers.csv")
    }
  }

  @Test func gb18030IsDetected() throws {
    let folder = try copyOfExampleCSV()
    let text = try FileBytes.text(folder + "/customers.csv")
    let gb = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
    #expect(String(data: gb, encoding: .utf8) == nil)  // really not UTF-8
    try gb.write(to: URL(fileURLWithPath: folder + "/customers.csv"))
    let ledger = try LedgerReader.load(folder)
    #expect(ledger.customer("C010")?.name == "西安古城能源设备有限公司")
    #expect(throws: LedgerError.self) { try LedgerReader.load(folder, encoding: .utf8) }
  }
}

@Suite struct CanonicalJSONTests {
  @Test func theCanonicalFormReadsBackToTheSameLedger() throws {
    let ledger = try exampleLedger()
    let bytes = LedgerWriter.json(ledger)
    #expect(try LedgerReader.parseJSON(bytes, file: "canonical.json") == ledger)
  }
}

/// A JSON ledger is checked from its bytes, then each item is read again from the open file
/// when the model needs it: the same ledger as reading the bytes alone, and a file written to
/// between the two is refused whole, never read half one version, half the other.
@Suite struct TwoPassReadingTests {
  @Test func theFileReadTwiceGivesTheLedgerOfItsBytes() throws {
    let path = packageRoot + "/Examples/ledger.json"
    #expect(try LedgerReader.load(path) == LedgerReader.parseJSON(try FileBytes.read(path), file: path))
  }

  /// A pipe (`--ledger <(command)`) cannot be read twice: its items are parsed from the
  /// bytes read once, and it is the same ledger.
  @Test func aLedgerFromAPipeIsReadOnce() throws {
    let path = scratchPath("two-pass", suffix: ".json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(mkfifo(path, 0o600) == 0)
    let example = try FileBytes.read(packageRoot + "/Examples/ledger.json")
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: path) {
        try? handle.write(contentsOf: Data(example))
        try? handle.close()
      }
    }
    writer.start()
    #expect(try LedgerReader.load(path) == LedgerReader.parseJSON(example, file: path))
  }

  /// Grown, cut short in the middle of its customers, or one id rewritten at the same size:
  /// one problem, the change, and none of the problems a half-read file would show.
  @Test(arguments: ["grown", "cut", "rewritten"]) func aFileChangedBetweenTheReadsIsRefused(how: String) throws {
    let path = scratchPath("two-pass", suffix: ".json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let example = try FileBytes.text(packageRoot + "/Examples/ledger.json")
    try Data(example.utf8).write(to: URL(fileURLWithPath: path))
    let file = try FileBytes.Reader(path)
    let node = try LedgerReader.checkedNode(file, maxBytes: 1 << 20)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    switch how {
    case "grown":
      try handle.seekToEnd()
      try handle.write(contentsOf: Data("\n".utf8))
    case "cut":
      try handle.truncate(atOffset: UInt64(example.utf8.count / 3))
    default:
      #expect(example.contains("\"C007\""))
      try handle.write(contentsOf: Data(example.replacingOccurrences(of: "\"C007\"", with: "\"C070\"").utf8))
    }
    try handle.close()
    do {
      _ = try LedgerReader.ledger(from: node, of: file)
      Issue.record("read a ledger that changed")
    } catch {
      #expect(
        error.description
          == "\(path): error: changed while it was read; run the command again once nothing is writing to it\n1 problem found; nothing was loaded."
      )
    }
  }
}
