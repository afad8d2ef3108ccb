import Basics
import Foundation
import GRDB
import Ledger
import LedgerStore
import TestSupport
import Testing
import Vocabulary

func temporaryDatabase() -> String {
  scratchPath("store", suffix: ".sqlite")
}

func day(_ text: String) -> CivilDate { (try? CivilDate(iso: text)) ?? CivilDate(daysSinceEpoch: 0) }

@Suite struct StoreTests {
  let example = packageRoot + "/Examples/ledger.json"

  @Test func importThenReadBack() throws {
    let path = temporaryDatabase()
    let store = try LedgerStore(path: path)
    let ledger = try LedgerReader.load(example)
    let summary = try store.importLedger(ledger, source: example)
    #expect(
      summary == ImportSummary(source: example, customers: 13, contracts: 14, invoices: 24, payments: 13, credits: 2))
    #expect(try store.ledger() == ledger)
    #expect(store.snapshotSource() == example)
  }

  @Test func reimportReplacesAndAFailedImportChangesNothing() throws {
    let path = temporaryDatabase()
    let store = try LedgerStore(path: path)
    let full = try LedgerReader.load(example)
    try store.importLedger(full, source: "first")
    var smaller = full
    smaller.customers.removeLast()
    smaller.contracts.removeAll { $0.customer == "C013" }
    smaller.invoices.removeAll { $0.contract == "HT-2026-038" }
    try store.importLedger(smaller, source: "second")
    #expect(try store.ledger() == smaller)
    // A bad ledger never reaches the store: it fails to load, and the store keeps "second".
    #expect(throws: LedgerError.self) {
      try LedgerReader.load(packageRoot + "/Tests/LedgerTests/Fixtures/bad-ledger.json")
    }
    #expect(try store.ledger() == smaller)
    #expect(store.snapshotSource() == "second")
  }

  @Test func anEmptyStoreSaysWhatToDo() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    #expect(throws: LedgerError.self) { try store.ledger() }
    do {
      _ = try store.ledger()
    } catch {
      #expect(error.issues.first?.message == "holds no ledger yet; run 'ardoc import --ledger PATH' first")
    }
  }

  @Test func aFileThatIsNotADatabase() throws {
    let path = temporaryDatabase()
    try Data("this is not sqlite".utf8 + [UInt8](repeating: 0x41, count: 200)).write(to: URL(fileURLWithPath: path))
    #expect(
      throws: StoreError(
        path: path, message: "is not an ardoc database or is damaged; restore it from a backup or choose another --db")
    ) {
      _ = try LedgerStore(path: path)
    }
  }

  @Test func numbersFollowThePatternPerMonthAndAreNeverReused() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    func take(_ date: String) throws -> String {
      try store.reserve(
        RegisterEntry(
          number: "", kind: .confirmation, customer: "C001", documentDate: day(date), asOf: day(date),
          currency: "CNY", amount: .zero),
        pattern: "DZ-{yyyy}{MM}-{seq:4}")
    }
    #expect(try take("2026-11-30") == "DZ-202611-0001")
    let second = try take("2026-11-30")
    #expect(second == "DZ-202611-0002")
    try store.complete(number: second, status: .void, sha256: nil, path: nil)
    #expect(try take("2026-11-30") == "DZ-202611-0003")  // a void number stays taken
    #expect(try take("2026-12-01") == "DZ-202612-0001")
    let entries = try store.entries(customer: "C001")
    #expect(entries.map(\.number) == ["DZ-202611-0001", "DZ-202611-0002", "DZ-202611-0003", "DZ-202612-0001"])
    #expect(entries.map(\.status) == [.reserved, .void, .reserved, .reserved])
  }

  /// The register's day for an entry is the business day (UTC+8) of its `created_at`: a
  /// document recorded at 16:00 UTC was recorded the next day in Beijing.
  @Test func theDayAnEntryWasRecordedIsTheBusinessDay() throws {
    let path = temporaryDatabase()
    let store = try LedgerStore(path: path)
    for _ in 0..<2 {
      _ = try store.reserve(
        RegisterEntry(
          number: "", kind: .dunning, customer: "C001", documentDate: day("2025-04-15"), asOf: day("2025-04-15"),
          currency: "CNY", amount: .zero),
        pattern: "CK-{yyyy}{MM}-{seq:4}")
    }
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "UPDATE documents SET created_at = '2026-12-06T15:59:59Z' WHERE number = 'CK-202504-0001'")
      try db.execute(sql: "UPDATE documents SET created_at = '2026-12-06T16:00:00Z' WHERE number = 'CK-202504-0002'")
    }
    #expect(try store.entries(customer: "C001").map(\.recordedOn) == [day("2026-12-06"), day("2026-12-07")])
  }

  @Test func aReissueSupersedesTheOldNumber() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let first = try store.reserve(
      RegisterEntry(
        number: "", kind: .dunning, customer: "C001", documentDate: day("2026-11-30"), asOf: day("2026-11-30"),
        currency: "CNY", amount: .zero),
      pattern: "CK-{yyyy}-{seq:3}")
    try store.complete(number: first, status: .issued, sha256: "abc", path: "Output/a.html")
    let second = try store.reserve(
      RegisterEntry(
        number: "", kind: .dunning, customer: "C001", documentDate: day("2026-11-30"), asOf: day("2026-11-30"),
        currency: "CNY", amount: .zero, supersedes: first),
      pattern: "CK-{yyyy}-{seq:3}")
    try store.complete(number: second, status: .issued, sha256: "def", path: "Output/b.html")
    let entries = try store.entries()
    #expect(
      entries.map { "\($0.number) \($0.status.rawValue) \($0.supersedes ?? "-")" } == [
        "CK-2026-001 superseded -", "CK-2026-002 issued CK-2026-001",
      ])
  }

  /// A sequence that outgrows its digits (`{seq:1}` past 9, as `{seq:4}` past 9,999) stays in
  /// number order in the month's standing letters, which the manifests are rebuilt from.
  @Test func standingLettersAreInNumberOrderPastTheSequencesDigits() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let customers = (1...11).map { "C\($0)" }
    for customer in customers {
      let number = try store.reserve(
        RegisterEntry(
          number: "", kind: .confirmation, customer: customer, documentDate: day("2026-11-30"),
          asOf: day("2026-11-30"), currency: "CNY", amount: .zero),
        pattern: "DZ-{yyyy}{MM}-{seq:1}")
      try store.complete(number: number, status: .issued, sha256: "abc", path: "Output/\(number).html")
    }
    let expected = (1...11).map { "DZ-202611-\($0)" }
    let these = try store.standing(kind: .confirmation, month: "2026-11", customers: .these(customers))
    #expect(these.map(\.number) == expected)
    let all = try store.standing(kind: .confirmation, month: "2026-11", customers: .accepted(by: { _ in true }))
    #expect(all.map(\.number) == expected)
    // Documents the caller already has are left out, from either kind of look-up.
    let had: Set<String> = ["DZ-202611-2", "DZ-202611-10", "DZ-202611-99"]
    let rest = expected.filter { !had.contains($0) }
    #expect(
      try store.standing(kind: .confirmation, month: "2026-11", customers: .these(customers), excluding: had)
        .map(\.number) == rest)
    #expect(
      try store.standing(
        kind: .confirmation, month: "2026-11", customers: .accepted(by: { $0 != "C1" }), excluding: had
      ).map(\.number) == rest.filter { $0 != "DZ-202611-1" })
  }

  @Test func patterns() {
    let (scope, format) = NumberPattern.expand("TZ-{yy}{MM}{dd}-{seq}", date: day("2026-03-05"))
    #expect(scope == "TZ-260305-#")
    #expect(format(12) == "TZ-260305-12")
    // A width pads; a token written twice is filled twice with the same number.
    let (twice, both) = NumberPattern.expand("{seq:4}/DZ-{yyyy}{MM}-{seq:4}", date: day("2026-11-30"))
    #expect(twice == "#/DZ-202611-#")
    #expect(both(7) == "0007/DZ-202611-0007")
    #expect(both(12345) == "12345/DZ-202611-12345")
    // Without a token every number is the pattern filled in (a policy refuses such a pattern:
    // its numbers would repeat).
    let (fixed, same) = NumberPattern.expand("FIX-{yyyy}", date: day("2026-11-30"))
    #expect(fixed == "FIX-2026")
    #expect(same(5) == "FIX-2026")
    // Tokens are filled where they stand, text around them kept byte for byte (a width with a
    // leading zero is still its number).
    let (chinese, dated) = NumberPattern.expand("对账{yy}年{MM}月{dd}日-{seq:04}号", date: day("2026-01-09"))
    #expect(chinese == "对账26年01月09日-#号")
    #expect(dated(3) == "对账26年01月09日-0003号")
  }
}

@Suite struct SliceTests {
  @Test func eachCustomerReadsBackAsItsOwnConsistentLedger() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    try store.importLedger(ledger, source: "example")
    #expect(try store.snapshot().customerIDs() == ledger.customers.map(\.id))
    let c007 = try store.slice(customer: "C007")
    #expect(c007.customers.map(\.id) == ["C007"])
    #expect(c007.contracts.map(\.id) == ["HT-2026-027", "HT-2026-028"])
    #expect(c007.invoices.map(\.number) == ["0457 0001", "0457 0002"])
    #expect(c007.payments.map(\.id) == ["P-2026-0215", "P-2026-0233"])
    #expect(c007 == LedgerSlices(ledger).slice(ledger.customers[6]))
    let full = try Receivables(ledger, asOf: day("2026-11-30"))
    let sliced = try Receivables(try store.slice(customer: "C011"), asOf: day("2026-11-30"))
    #expect(sliced.accounts == full.accounts(customer: "C011"))
  }

  @Test func aChunkIsReadInOneCallAndMissingCustomersAreNamed() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    try store.importLedger(ledger, source: "example")
    // More keys than one statement binds (500), unknown ones among them.
    let wanted = ["C003", "C011"] + (0..<600).map { "X\($0)" }
    let snapshot = try store.snapshot()
    let bytes = try snapshot.sliceBytes(customers: wanted)
    #expect(bytes.keys.sorted() == ["C003", "C011"])
    let c003 = try snapshot.parseSlice(try #require(bytes["C003"]), customer: "C003")
    #expect(c003 == LedgerSlices(ledger).slice(ledger.customers[2]))
    let error = #expect(throws: LedgerError.self) { try store.slice(customer: "C999") }
    #expect(error?.issues.map(\.message) == ["no customer 'C999' in the stored ledger"])
  }
}
