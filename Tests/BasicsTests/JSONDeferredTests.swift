import Foundation
import TestSupport
import Testing

@testable import Basics

/// A document parsed with its root's arrays deferred reads as the same document parsed whole:
/// the same items with the same lines and columns, and for a broken document the same error
/// at the same place, whichever byte is broken.
@Suite struct JSONDeferredTests {
  static let document = """
    {"format": "ardoc-ledger/1", "issuer": {"name": "华东", "tags": ["a", "b"]},
      "customers": [{"id": "C1", "name": "客户 \\"一\\"\\u00e9", "contacts": [{"roles": ["payment-owner"]}]},
        {"id": "C2", "n": [1, -2.5e3, null, true, false, {}, []], "k0": 1, "k1": 2}], "empty": [],
      "invoices": ["x", 12, {"number": "F1", "amount": "100.00"}]}
    """

  /// The node a whole parse gives, with each deferred array's items parsed in place.
  static func expanded(_ node: JSONNode) -> [String] {
    guard case .object(let members) = node.value else { return ["\(node)"] }
    return members.map { member in
      if case .deferredArray(let items) = member.value.value {
        return "\(member.key)@\(member.value.line):\(member.value.column)=\(items.all)"
      }
      if case .array(let items) = member.value.value {
        return "\(member.key)@\(member.value.line):\(member.value.column)=\(items)"
      }
      return "\(member.key)=\(member.value)"
    }
  }

  @Test func readsAsTheWholeParse() throws {
    let bytes = Array(Self.document.utf8)
    let whole = try JSONReader.parse(bytes)
    let deferred = try JSONReader.parse(bytes, deferRootArrays: true)
    #expect(Self.expanded(deferred) == Self.expanded(whole))
    guard case .deferredArray(let customers)? = deferred["customers"]?.value else {
      Issue.record("customers were not deferred")
      return
    }
    #expect(customers.count == 2)
    #expect(customers.depth == 2)
    #expect(customers.isObject(1))
    #expect(customers.item(1).line == 3)
    #expect(customers.item(1).column == 5)
    #expect(customers.item(1)["n"]?.column == 23)
    #expect(customers.item(0)["name"]?.value == .string("客户 \"一\"é"))
    // Only the root object's arrays are deferred: not a nested one, nor a root array's.
    guard case .array? = deferred["issuer"]?["tags"]?.value else {
      Issue.record("a nested array was deferred")
      return
    }
    let list = Array("[[1], [2, [3]], {\"a\": []}]".utf8)
    #expect(try JSONReader.parse(list, deferRootArrays: true) == JSONReader.parse(list))
  }

  /// An item is checked without keeping its members: a repeated name is still found as the
  /// whole parse finds it, in a small object, past sixteen names (where a set finds it), and
  /// not between an object and the one inside it or the next item.
  @Test func repeatedNamesAreFoundInItemsChecked() throws {
    let many = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
    let cases: [(item: String, error: String?)] = [
      ("{\"a\": 1, \"b\": {\"a\": 2, \"b\": [{\"a\": 3}]}}, {\"a\": 4, \"b\": 5}", nil),
      ("{\"a\": 1, \"b\": 2, \"a\": 3}", "1:28: duplicate member name \"a\""),
      ("{\(many), \"k3\": 0}", "1:212: duplicate member name \"k3\""),
      ("{\"x\": {\(many)}, \"y\": {\"k19\": 1, \"k19\": 2}}", "1:235: duplicate member name \"k19\""),
    ]
    for (item, error) in cases {
      let bytes = Array("{\"list\": [\(item)]}".utf8)
      let whole = Result { try JSONReader.parse(bytes) }
      let deferred = Result { try JSONReader.parse(bytes, deferRootArrays: true) }
      switch (whole, deferred) {
      case (.success(let a), .success(let b)):
        #expect(error == nil, "\(item)")
        #expect(Self.expanded(a) == Self.expanded(b))
      case (.failure(let a), .failure(let b)):
        #expect("\(a)" == error, "\(item)")
        #expect("\(b)" == error, "\(item)")
      default:
        Issue.record("\(item): \(whole) but deferred \(deferred)")
      }
    }
  }

  /// Every byte of the document replaced by each of a few characters that break JSON in
  /// different ways: both parses fail with the same message at the same place, or both
  /// succeed with the same content.
  @Test func everyBrokenByteIsReportedAsInTheWholeParse() {
    let bytes = Array(Self.document.utf8)
    var broken = 0
    for position in bytes.indices {
      for replacement in Array("\",}]\\\nx0{[ ".utf8) + [0x01, 0xC3] where replacement != bytes[position] {
        var mutated = bytes
        mutated[position] = replacement
        let whole = Result { try JSONReader.parse(mutated) }
        let deferred = Result { try JSONReader.parse(mutated, deferRootArrays: true) }
        switch (whole, deferred) {
        case (.success(let a), .success(let b)):
          #expect(Self.expanded(a) == Self.expanded(b), "byte \(position) as \(replacement)")
        case (.failure(let a), .failure(let b)):
          broken += 1
          #expect("\(a)" == "\(b)", "byte \(position) as \(replacement)")
        default:
          Issue.record("byte \(position) as \(replacement): \(whole) but deferred \(deferred)")
        }
      }
    }
    #expect(broken > 1000)
  }

  /// Items read again from the file the bytes came from are the items read from the bytes,
  /// for a document on many lines, one line (a column deep into the line) and CRLF lines.
  @Test(arguments: [false, true]) func itemsReadFromTheFileAreTheSame(oneLine: Bool) throws {
    let text = oneLine ? Self.document.replacingOccurrences(of: "\n", with: " ") : Self.document
    for document in [text, text.replacingOccurrences(of: "\n", with: "\r\n")] {
      let path = scratchPath("deferred", suffix: ".json")
      defer { try? FileManager.default.removeItem(atPath: path) }
      try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array(document.utf8)).write(to: URL(fileURLWithPath: path))
      let file = try FileBytes.Reader(path)
      let bytes = try file.readAll(limit: 1 << 20)
      let fromBytes = try JSONReader.parse(bytes, deferRootArrays: true)
      let fromFile = fromBytes.readingItems(from: file)
      #expect(Self.expanded(fromFile) == Self.expanded(fromBytes))
      #expect(Self.expanded(fromFile) == Self.expanded(try JSONReader.parse(bytes)))
      #expect(file.unchanged)
    }
  }

  /// The document in a new file, parsed with its lists deferred and read again from it; the
  /// caller removes the file.
  func fromFile() throws -> (path: String, file: FileBytes.Reader, customers: JSONItems, invoices: JSONItems) {
    let path = scratchPath("deferred", suffix: ".json")
    try Data(Self.document.utf8).write(to: URL(fileURLWithPath: path))
    let file = try FileBytes.Reader(path)
    let node = try JSONReader.parse(try file.readAll(limit: 1 << 20), deferRootArrays: true).readingItems(from: file)
    guard case .deferredArray(let customers)? = node["customers"]?.value,
      case .deferredArray(let invoices)? = node["invoices"]?.value
    else { throw FileBytes.Failure(path: path, reason: "the lists were not deferred") }
    return (path, file, customers, invoices)
  }

  /// A file written to after it was opened is seen as changed, and an item it no longer has
  /// reads as null (the ledger reader then refuses the whole file).
  @Test func aFileWrittenMeanwhileIsSeenAsChanged() throws {
    let (path, file, _, invoices) = try fromFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 10)
    try handle.close()
    #expect(!file.unchanged)
    #expect(invoices.item(2).value == .null)
  }

  /// A file rewritten in place at the same size: the item that differs from what was checked
  /// reads as null and the file counts as changed, even if its times had not moved.
  @Test func anItemRewrittenInPlaceIsNotTakenForTheOneChecked() throws {
    let (path, file, customers, _) = try fromFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(customers.item(0)["id"]?.value == .string("C1"))
    #expect(file.unchanged)
    let changed = Self.document.replacingOccurrences(of: "\"C1\"", with: "\"C9\"")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.write(contentsOf: Data(changed.utf8))
    try handle.close()
    #expect(customers.item(1)["id"]?.value == .string("C2"))
    #expect(customers.item(0).value == .null)
    #expect(!file.unchanged)
    #expect(file.readFailure == nil)
  }

  /// The nesting limit counts an item's depth from the root, as a whole parse does.
  @Test func nestingIsCountedFromTheRoot() {
    let deep = "{\"a\": [" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "]}"
    let error = JSONError(line: 1, column: 518, message: "nesting deeper than 512 levels")
    #expect(throws: error) { try JSONReader.parse(Array(deep.utf8)) }
    #expect(throws: error) { try JSONReader.parse(Array(deep.utf8), deferRootArrays: true) }
  }
}
