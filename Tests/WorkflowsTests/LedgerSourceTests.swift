import Basics
import Foundation
import Ledger
import LedgerStore
import TestSupport
import Testing
import Workflows

/// `--ledger` and `--db` decide the ledger's source in one place, and each source reads the
/// same ledger.
@Suite struct LedgerSourceTests {
  let example = packageRoot + "/Examples/ledger.json"

  func newFolder() throws -> String {
    let folder = scratchPath("source")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func theOptionsChooseTheSource() {
    #expect(LedgerSource(ledger: nil, store: "Output/ardoc.sqlite") == .ownStore("Output/ardoc.sqlite"))
    #expect(
      LedgerSource(ledger: "Output/ardoc.sqlite", store: "Output/ardoc.sqlite") == .ownStore("Output/ardoc.sqlite"))
    #expect(LedgerSource(ledger: "old.sqlite", store: "Output/ardoc.sqlite") == .otherStore("old.sqlite"))
    #expect(LedgerSource(ledger: "archive/2025.db", store: "x.sqlite") == .otherStore("archive/2025.db"))
    #expect(LedgerSource(ledger: "ledger.json", store: "x.sqlite") == .file("ledger.json"))
    #expect(LedgerSource(ledger: "Examples/ledger-csv", store: "x.sqlite") == .file("Examples/ledger-csv"))
    // A store named without a store's ending, given as --db, is still the store.
    #expect(LedgerSource(ledger: nil, store: "/srv/ar/ledger.store") == .ownStore("/srv/ar/ledger.store"))
  }

  @Test func aFileAndTheStoreItWasImportedIntoReadTheSame() throws {
    let folder = try newFolder()
    let path = folder + "/ardoc.sqlite"
    let ledger = try LedgerReader.load(example)
    _ = try LedgerStore(path: path).importLedger(ledger, source: example)
    let fromFile = LedgerSource(ledger: example, store: path)
    let fromStore = LedgerSource(ledger: nil, store: path)
    #expect(try fromFile.wholeLedger() == ledger)
    #expect(try fromStore.wholeLedger() == ledger)
    #expect(try LedgerSource(ledger: path, store: folder + "/other.sqlite").wholeLedger() == ledger)
    let (slice, version) = try fromStore.customerLedger("C001")
    #expect(slice.customers.map { $0.id } == ["C001"])
    #expect(version == LedgerVersion.digest(ledger))
    #expect(try fromFile.customerLedger("C001").version == version)
    // A batch from the file digests it while grouping its customers: the same version.
    if case .memory(let slices, let batchVersion) = BatchSource.ledger(ledger) {
      #expect(batchVersion == version)
      #expect(slices.customers == ledger.customers)
    } else {
      Issue.record("a ledger in memory is not a memory source")
    }
    #expect(try fromStore.customerLedger("C999").ledger.customers.isEmpty)
  }

  @Test func aMissingStoreIsNotCreated() throws {
    let folder = try newFolder()
    let missing = folder + "/none.sqlite"
    #expect(throws: LedgerError.self) { try LedgerSource(ledger: nil, store: missing).wholeLedger() }
    do {
      _ = try LedgerSource(ledger: missing, store: folder + "/x.sqlite").customerLedger("C001")
      Issue.record("read a store that does not exist")
    } catch {
      #expect(
        error.description
          == "\(missing): error: no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH")
    }
    #expect(!FileManager.default.fileExists(atPath: missing))
  }
}
