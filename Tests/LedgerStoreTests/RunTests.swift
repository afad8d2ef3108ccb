import Basics
import Foundation
import GRDB
import Ledger
import TestSupport
import Testing
import Vocabulary

@testable import LedgerStore

/// Runs own their reserved numbers while alive; a snapshot reads one ledger version; the
/// issuer is stored once; amounts are kept with two places.
@Suite struct RunTests {
  let options = RunOptions(locale: "zh-CN", force: false, templates: ["Templates"])

  func entry(_ customer: String, run: Int64?) -> RegisterEntry {
    RegisterEntry(
      number: "", kind: .confirmation, customer: customer, documentDate: day("2026-11-30"),
      asOf: day("2026-11-30"), currency: "CNY", amount: (try? ExactDecimal(parsing: "244.4")) ?? .zero, run: run)
  }

  @Test func aSecondBatchForTheMonthIsRefusedWhileTheFirstRuns() throws {
    let path = temporaryDatabase()
    // Two store objects hold two descriptors of the lock file: as two processes would.
    let first = try LedgerStore(path: path)
    let second = try LedgerStore(path: path)
    let run = try first.beginRun(
      kind: .confirmation, month: "2026-11", folder: "Output/2026-11/confirmation", batch: true, options: options,
      ledger: "abc")
    let error = #expect(throws: StoreError.self) {
      try second.beginRun(
        kind: .confirmation, month: "2026-11", folder: "Out2/2026-11/confirmation", batch: true, options: options,
        ledger: "abc")
    }
    #expect(
      error?.message
        == "a batch for 2026-11 confirmation is running (pid \(getpid()), started \(run.startedAt), writing to Output/2026-11/confirmation); wait for it to finish, then run this one"
    )
    // Another month, another kind, or a single document is not refused.
    let other = try second.beginRun(
      kind: .dunning, month: "2026-11", folder: "x", batch: true, options: options, ledger: nil)
    let single = try second.beginRun(
      kind: .confirmation, month: "2026-11", folder: "x", batch: false, options: options, ledger: nil)
    second.endRun(other)
    second.endRun(single)
    first.endRun(run)
    // Once it has ended, the next batch starts.
    let next = try second.beginRun(
      kind: .confirmation, month: "2026-11", folder: "x", batch: true, options: options, ledger: nil)
    #expect(next.id > run.id)
    #expect(try second.run(run.id)?.options == options)
  }

  /// One store object shared by a process's runs (the web page's batch jobs): a run is alive
  /// to the others as to another process's, and a second batch for the month is refused.
  @Test func runsOfOneStoreObjectSeeEachOtherAlive() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let run = try store.beginRun(
      kind: .dunning, month: "2026-11", folder: "Output/2026-11/dunning", batch: true, options: options, ledger: nil)
    let error = #expect(throws: StoreError.self) {
      try store.beginRun(
        kind: .dunning, month: "2026-11", folder: "Output/2026-11/dunning", batch: true, options: options,
        ledger: nil)
    }
    #expect(
      error?.message
        == "a batch for 2026-11 dunning is running (pid \(getpid()), started \(run.startedAt), writing to Output/2026-11/dunning); wait for it to finish, then run this one"
    )
    #expect(try store.isAlive(run.id))
    store.endRun(run)
    #expect(try !store.isAlive(run.id))
    let next = try store.beginRun(
      kind: .dunning, month: "2026-11", folder: "Output/2026-11/dunning", batch: true, options: options, ledger: nil)
    store.endRun(next)
  }

  @Test func aLiveRunsReservationIsBusyAndADeadRunsIsResumedWithItsOptions() throws {
    let path = temporaryDatabase()
    let owner = try LedgerStore(path: path)
    let taker = try LedgerStore(path: path)
    let english = RunOptions(locale: "en", force: true, templates: ["mine"])
    let living = try owner.beginRun(
      kind: .confirmation, month: "2026-11", folder: "o", batch: false, options: english, ledger: nil)
    _ = try owner.planBatch([entry("C001", run: nil)], pattern: "DZ-{seq:4}", reissue: false, run: living.id)
    let run = try taker.beginRun(
      kind: .confirmation, month: "2026-11", folder: "o", batch: true, options: options, ledger: nil)
    let busy = try taker.planBatch([entry("C001", run: nil)], pattern: "DZ-{seq:4}", reissue: false, run: run.id)
    #expect(busy.map(\.state) == [.busy])
    #expect(busy.first?.heldBy == "single-document run \(living.id) (pid \(getpid()), started \(living.startedAt))")
    // The owner dies (its lock goes with it): the number is resumed, with the owner's options.
    owner.endRun(living)
    let resumed = try taker.planBatch([entry("C001", run: nil)], pattern: "DZ-{seq:4}", reissue: false, run: run.id)
    #expect(resumed.map(\.number) == ["DZ-0001"])
    #expect(resumed.map(\.state) == [.resume])
    #expect(resumed.first?.options == english)
    #expect(resumed.first?.date == day("2026-11-30"))
    #expect(try taker.entry("DZ-0001")?.run == run.id)
  }

  @Test func aLetterNotWantedTakesNoNumber() throws {
    let store = try LedgerStore(path: temporaryDatabase())
    let run = try store.beginRun(
      kind: .confirmation, month: "2026-11", folder: "o", batch: true, options: options, ledger: nil)
    let slots = try store.planBatch(
      [entry("C001", run: nil), entry("C002", run: nil), entry("C003", run: nil)], wanted: [true, false, true],
      pattern: "DZ-{seq:4}", reissue: false, run: run.id)
    #expect(slots.map(\.number) == ["DZ-0001", "", "DZ-0002"])
    #expect(slots.map(\.state) == [.new, .unnumbered, .new])
    #expect(try store.entries().map(\.number) == ["DZ-0001", "DZ-0002"])
  }

  @Test func amountsAreKeptWithTwoPlaces() throws {
    let path = temporaryDatabase()
    let store = try LedgerStore(path: path)
    let run = try store.beginRun(
      kind: .confirmation, month: "2026-11", folder: "o", batch: true, options: options, ledger: nil)
    var whole = entry("C002", run: nil)
    whole.amount = ExactDecimal(23470)
    _ = try store.planBatch([entry("C001", run: nil), whole], pattern: "DZ-{seq:4}", reissue: false, run: run.id)
    let stored = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT amount FROM documents ORDER BY number")
    }
    #expect(stored == ["244.40", "23470.00"])
  }

  @Test func aSnapshotReadsTheLedgerItWasTakenOnAndTheIssuerIsStoredOnce() throws {
    let path = temporaryDatabase()
    let store = try LedgerStore(path: path)
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    try store.importLedger(ledger, source: "first")
    let snapshot = try store.snapshot()
    #expect(snapshot.digest == SHA256.hex(LedgerWriter.json(ledger)))
    var changed = ledger
    changed.customers[0].name = "Renamed Co."
    changed.issuer.address = "另一个地址"
    try store.importLedger(changed, source: "second")
    #expect(try snapshot.slice(customer: ledger.customers[0].id).customers.first?.name == ledger.customers[0].name)
    #expect(try snapshot.slice(customer: ledger.customers[0].id).issuer == ledger.issuer)
    #expect(snapshot.source == "first")
    let now = try store.snapshot()
    #expect(try now.slice(customer: ledger.customers[0].id).customers.first?.name == "Renamed Co.")
    #expect(try now.slice(customer: ledger.customers[0].id).issuer.address == "另一个地址")
    #expect(now.digest == SHA256.hex(LedgerWriter.json(changed)))
    // The slices do not carry the issuer: it is kept once.
    let slices = try DatabaseQueue(path: path).read { db in
      try Data.fetchAll(db, sql: "SELECT canonical_json FROM customer_slices")
    }
    #expect(slices.count == ledger.customers.count)
    #expect(slices.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("\"issuer\"") })
  }
}

/// A store written by the version before runs were kept opens as it was, and reads on.
@Suite struct MigrationTests {
  @Test func aVersionTwoStoreGetsItsDigestIssuerAndTwoPlaceAmounts() throws {
    let path = temporaryDatabase()
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let canonical = LedgerWriter.json(ledger)
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: LedgerStore.schemaV1)
      try db.execute(sql: LedgerStore.schemaV2)
      try db.execute(sql: "PRAGMA user_version = 2")
      try db.execute(
        sql: "INSERT INTO ledger_snapshot (id, source, imported_at, canonical_json) VALUES (1, 'old', 'x', ?)",
        arguments: [Data(canonical)])
      // Slices of that version carried the issuer.
      let slices = LedgerSlices(ledger)
      for (position, customer) in ledger.customers.enumerated() {
        try db.execute(
          sql: "INSERT INTO customer_slices (customer, position, canonical_json) VALUES (?, ?, ?)",
          arguments: [customer.id, position, Data(LedgerWriter.json(slices.slice(customer)))])
      }
      try db.execute(
        sql: """
          INSERT INTO documents (number, kind, customer, document_date, as_of, currency, amount, status, created_at)
          VALUES ('DZ-202611-0001', 'confirmation', 'C001', '2026-11-30', '2026-11-30', 'CNY', '244.4', 'issued', 'x')
          """)
    }
    let store = try LedgerStore(path: path)
    let snapshot = try store.snapshot()
    #expect(snapshot.digest == SHA256.hex(canonical))
    #expect(snapshot.issuer == ledger.issuer)
    #expect(try snapshot.slice(customer: "C001") == LedgerSlices(ledger).slice(ledger.customers[0]))
    let amounts = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT amount FROM documents")
    }
    #expect(amounts == ["244.40"])
    #expect(try store.entry("DZ-202611-0001")?.run == nil)
    // Its ledger was imported before the checks it passed were recorded: it is read through
    // them (the slice above), not trusted.
    let rules = try DatabaseQueue(path: path).read { db in
      try Row.fetchOne(db, sql: "SELECT checked_rules FROM ledger_snapshot WHERE id = 1")
    }
    #expect(rules?["checked_rules"] == DatabaseValue.null)
  }

  /// A version-5 store's replies read on (none came under a second notice that it kept), and
  /// the store then keeps the notice a reply came under.
  @Test func aVersionFiveStoreKeepsItsRepliesAndGainsTheirNotice() throws {
    let path = temporaryDatabase()
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      for schema in [LedgerStore.schemaV1, LedgerStore.schemaV2, LedgerStore.schemaV3, LedgerStore.schemaV4] {
        try db.execute(sql: schema)
      }
      try db.execute(sql: LedgerStore.schemaV5)
      try db.execute(sql: "PRAGMA user_version = 5")
      try db.execute(
        sql: """
          INSERT INTO documents (number, kind, customer, document_date, as_of, currency, amount, status, created_at)
          VALUES ('DZ-202611-0001', 'confirmation', 'C001', '2026-11-30', '2026-11-30', 'CNY', '380000.00', 'issued', 'x');
          INSERT INTO replies (letter, answer, received_on, our_balance, state, recorded_at)
          VALUES ('DZ-202611-0001', 'agreed', '2026-12-03', '380000.00', 'in-force', 'x');
          """)
    }
    let store = try LedgerStore(path: path)
    let reply = try #require(try store.replyInForce(letter: "DZ-202611-0001"))
    #expect(reply.answer == .agreed)
    #expect(reply.receivedOn.iso == "2026-12-03")
    #expect(reply.notice == nil)
    let version = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
    #expect(version == 7)
  }
}

/// A stored ledger is read straight into the model only when the store recorded that it passed
/// the current checks on import; one imported before goes through the checks each time.
@Suite struct StoredRulesTests {
  @Test func anImportRecordsTheRulesAndAnOlderLedgerIsCheckedAgain() throws {
    let path = temporaryDatabase()
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let store = try LedgerStore(path: path)
    _ = try store.importLedger(ledger, source: "ledger.json")
    let rules = try DatabaseQueue(path: path).read { db in
      try Int.fetchOne(db, sql: "SELECT checked_rules FROM ledger_snapshot WHERE id = 1")
    }
    #expect(rules == LedgerReader.storedRules)
    #expect(try store.snapshot().slice(customer: "C001") == LedgerSlices(ledger).slice(ledger.customers[0]))

    // A slice that today's checks refuse (an address over the limit for a text field), in a
    // store whose ledger was imported before the rules were recorded.
    var long = LedgerSlices(ledger).slice(ledger.customers[0])
    long.customers[0].address = String(repeating: "路", count: 2_000)
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: "UPDATE customer_slices SET canonical_json = ? WHERE customer = 'C001'",
        arguments: [Data(LedgerWriter.json(long, issuer: false))])
      try db.execute(sql: "UPDATE ledger_snapshot SET checked_rules = NULL")
    }
    do {
      _ = try store.snapshot().slice(customer: "C001")
      Issue.record("the over-long address was read")
    } catch {
      #expect(error.description.contains("6,000 bytes is over the 4,096-byte limit for a ledger text field"))
    }
    #expect(try store.snapshot().slice(customer: "C003").customers.first?.id == "C003")
  }
}
