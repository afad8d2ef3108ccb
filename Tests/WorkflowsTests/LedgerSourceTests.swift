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
    let folder = NSTemporaryDirectory() + "ardoc-source-" + UUID().uuidString
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
        error.description.components(separatedBy: "\n").prefix(2)
          == [
            "\(missing): error: no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH",
            "1 problem found; nothing was loaded.",
          ])
    }
    #expect(!FileManager.default.fileExists(atPath: missing))
  }

  /// A JSON file's batch reads each customer again from the file (the model goes once it is
  /// checked and named); a CSV folder, which has no items to read again, keeps the model, and
  /// so does a file under the size from which that pays (the example, by default).
  @Test func aJSONFileBatchReadsItsCustomersFromTheFile() throws {
    let folder = try newFolder()
    let (json, _) = try LedgerSource.file(example).batchSource(register: folder + "/a.sqlite", slicingFrom: 0)
    guard case .file(let slices, let version) = json else {
      Issue.record("a JSON file's batch holds its model")
      return
    }
    #expect(version == LedgerVersion.digest(try LedgerReader.load(example)))
    #expect(slices.customerIDs.count == 13)
    guard case .memory = try LedgerSource.file(example).batchSource(register: folder + "/c.sqlite").source else {
      Issue.record("a small file's batch does not keep its model")
      return
    }
    let (csv, _) = try LedgerSource.file(packageRoot + "/Examples/ledger-csv").batchSource(
      register: folder + "/b.sqlite", slicingFrom: 0)
    guard case .memory = csv else {
      Issue.record("a CSV folder's batch does not hold its model")
      return
    }
  }

  /// The file written to after it was checked: the batch stops at the first customer it reads
  /// again, before any number is taken, and says why.
  @Test func aBatchStopsWhenItsFileChanges() throws {
    let folder = try newFolder()
    let path = folder + "/ledger.json"
    let text = try FileBytes.text(example)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let (source, store) = try LedgerSource.file(path).batchSource(register: folder + "/ardoc.sqlite", slicingFrom: 0)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.write(contentsOf: Data(text.replacingOccurrences(of: "\"C007\"", with: "\"C070\"").utf8))
    try handle.close()
    let batch = Batch(
      source: source, policy: try Policy.load(packageRoot + "/Examples/policy.json"), store: store,
      templateRoots: [packageRoot + "/Templates"])
    let asOf = try CivilDate(iso: "2026-11-30")
    do {
      _ = try batch.run(
        BatchOptions(kind: .confirmation, asOf: asOf, output: OutputOptions(folder: folder + "/Output")))
      Issue.record("a batch read a changed file")
    } catch {
      #expect(
        error.description
          == "error: \(path) changed while the batch was reading it (at customer C001); the letters written before stand: run the batch again once nothing is writing to it"
      )
    }
    #expect(try store.entries().isEmpty)
  }

  /// The month's batch read customer by customer from the file writes the same letters,
  /// manifests and bundle, byte for byte but for the run's own folder, as from the model.
  @Test func aBatchFromTheFileWritesWhatOneFromTheModelWrites() throws {
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let asOf = try CivilDate(iso: "2026-11-30")
    var outputs: [[String: String]] = []
    for slicing in [0, Int.max] {
      let folder = try newFolder()
      let (source, store) = try LedgerSource.file(example).batchSource(
        register: folder + "/ardoc.sqlite", slicingFrom: slicing)
      let batch = Batch(source: source, policy: policy, store: store, templateRoots: [packageRoot + "/Templates"])
      let result = try batch.run(
        BatchOptions(kind: .confirmation, asOf: asOf, output: OutputOptions(folder: folder + "/Output")))
      #expect(result.issuedNow == 12)
      let month = folder + "/Output/2026-11/confirmation"
      // The manifests name each file by its path, which is this run's folder.
      var files: [String: String] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: month) {
        files[name] = try FileBytes.text(month + "/" + name).replacingOccurrences(of: folder, with: "FOLDER")
      }
      outputs.append(files)
    }
    #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
    #expect(outputs[0].count == 16)
    for (name, text) in outputs[0] { #expect(text == outputs[1][name], "\(name)") }
  }
}
