import Basics
import Foundation
import TestSupport
import Testing

@testable import Ledger

#if canImport(Glibc)
  import Glibc
#endif

/// A batch from a JSON file reads each customer again from the file: the same slices as the
/// model's, or a refusal when the file changed since it was checked.
@Suite struct LedgerFileSlicesTests {
  func copy(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "ardoc-file-slices-" + UUID().uuidString + ".json"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func expectSameSlices(_ path: String) throws {
    let (ledger, found) = try LedgerReader.loadForBatch(path)
    let slices = try #require(found)
    #expect(ledger == (try LedgerReader.load(path)))
    #expect(slices.customerIDs == ledger.customers.map(\.id))
    let model = LedgerSlices(ledger)
    for customer in ledger.customers {
      #expect(try slices.slice(customer.id) == model.slice(customer), "\(customer.id)")
    }
    #expect(try slices.slice("C999") == nil)
  }

  @Test func everyCustomersSliceIsTheModelsSlice() throws {
    try expectSameSlices(packageRoot + "/Examples/ledger.json")
  }

  /// Records of one customer far apart in the file, every list in the other order: each
  /// slice still holds its customer's records in file order.
  @Test func recordsInAnyOrderSliceAsTheModelDoes() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Examples/ledger.json"))
    var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in ["customers", "contracts", "invoices", "payments", "credits"] {
      root[key] = (root[key] as? [Any]).map { Array($0.reversed()) }
    }
    let path = try copy(String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self))
    defer { try? FileManager.default.removeItem(atPath: path) }
    try expectSameSlices(path)
  }

  /// A pipe cannot be read again: the batch keeps the model.
  @Test func aPipeHasNoSlices() throws {
    let path = NSTemporaryDirectory() + "ardoc-file-slices-" + UUID().uuidString + ".json"
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
    let (ledger, slices) = try LedgerReader.loadForBatch(path)
    #expect(slices == nil)
    #expect(ledger.customers.count == 13)
  }

  /// Written to in place after the check (one id changed at the same size): the next slice
  /// is refused, naming the file, where the batch was and what stands.
  @Test func aFileChangedAfterItsCheckIsRefusedAtTheNextSlice() throws {
    let example = try FileBytes.text(packageRoot + "/Examples/ledger.json")
    let path = try copy(example)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let slices = try #require(try LedgerReader.loadForBatch(path).slices)
    #expect(try slices.slice("C001")?.customers.map(\.id) == ["C001"])
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.write(contentsOf: Data(example.replacingOccurrences(of: "\"C007\"", with: "\"C070\"").utf8))
    try handle.close()
    let error = #expect(throws: LedgerError.self) { try slices.slice("C002") }
    #expect(
      error?.issues.map(\.message) == [
        "\(path) changed while the batch was reading it (at customer C002); the letters written before stand: run the batch again once nothing is writing to it"
      ])
  }
}
