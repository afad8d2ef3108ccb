import Basics

// Only a list and a record are boxed (which keeps an entry small to copy): a box for every
// text was an allocation per field read.
/// A value read from a JSON file or a CSV cell, with where it was.
enum RawValue: Sendable {
  case null
  case string(String)
  case number(String)
  case bool(Bool)
  indirect case list(RawList)
  indirect case record(Record)
}

/// A list's entries: read from CSV, or JSON items turned into entries one at a time as they
/// are read. A ledger's top-level lists are deferred (``JSONItems``): each item is parsed
/// when the builder reaches it (from the file, read again), so a large ledger is never held
/// as a whole tree beside its model.
struct RawList: RandomAccessCollection, Sendable {
  enum Storage: Sendable {
    case entries([RawEntry])
    case json([JSONNode], file: String, label: String)
    case deferred(JSONItems, file: String, label: String)
  }

  let storage: Storage

  init(_ entries: [RawEntry]) { storage = .entries(entries) }
  init(json nodes: [JSONNode], file: String, label: String) { storage = .json(nodes, file: file, label: label) }
  init(json items: JSONItems, file: String, label: String) { storage = .deferred(items, file: file, label: label) }

  var startIndex: Int { 0 }
  var endIndex: Int {
    switch storage {
    case .entries(let entries): return entries.count
    case .json(let nodes, _, _): return nodes.count
    case .deferred(let items, _, _): return items.count
    }
  }

  subscript(index: Int) -> RawEntry {
    switch storage {
    case .entries(let entries): return entries[index]
    case .json(let nodes, let file, let label): return nodes[index].raw(file: file, parent: label, key: "[\(index)]")
    case .deferred(let items, let file, let label):
      // Whole, lists inside it too: an item is read ahead on another core (``RecordList``),
      // and a contact's or a contract's list left to be turned into entries as it is read
      // would be turned on the builder's core.
      return items.item(index).raw(file: file, parent: label, key: "[\(index)]", whole: true)
    }
  }

  /// The item at `index` as a record: an empty one if it is none (an item of a file that
  /// changed since it was checked reads as null; ``JSONItems/item(_:)``).
  func record(_ index: Int) -> Record {
    guard case .record(let record) = self[index].value else {
      return Record(file: "", line: 0, label: "", fields: FieldMap())
    }
    return record
  }

  /// Whether the items are parsed as they are reached (a ledger file's top-level lists).
  var isDeferred: Bool {
    if case .deferred = storage { return true }
    return false
  }

  /// Whether the item at `index` is an object, without turning it into an entry.
  func isRecord(_ index: Int) -> Bool {
    switch storage {
    case .entries(let entries):
      if case .record = entries[index].value { return true }
      return false
    case .json(let nodes, _, _):
      if case .object = nodes[index].value { return true }
      return false
    case .deferred(let items, _, _): return items.isObject(index)
    }
  }
}

struct RawEntry: Sendable {
  let value: RawValue
  let line: Int
  let column: Int?
  /// The path of the enclosing value; the full label is built only for a message, so that a
  /// large ledger does not hold a path string per field.
  let parent: String
  let key: String

  init(value: RawValue, line: Int, column: Int?, label: String) {
    self.init(value: value, line: line, column: column, parent: "", key: label)
  }

  init(value: RawValue, line: Int, column: Int?, parent: String, key: String) {
    self.value = value
    self.line = line
    self.column = column
    self.parent = parent
    self.key = key
  }

  /// How messages name this field: a JSON path or a CSV column.
  var label: String {
    if parent.isEmpty { return key }
    return key.hasPrefix("[") ? parent + key : parent + "." + key
  }
}

extension JSONNode {
  /// The JSON tree as records, so that JSON and CSV are read by the same code. Its lists are
  /// turned into entries as they are read, or at once if `whole`.
  func raw(file: String, parent: String = "", key: String = "", whole: Bool = false) -> RawEntry {
    // Only a list or an object passes its label down; a leaf's is built for a message only.
    var ownLabel: String { parent.isEmpty ? key : (key.hasPrefix("[") ? parent + key : parent + "." + key) }
    let value: RawValue
    switch self.value {
    case .null: value = .null
    case .bool(let b): value = .bool(b)
    case .number(let n): value = .number(n)
    case .string(let s): value = .string(s)
    case .array(let items):
      let label = ownLabel
      if whole {
        value = .list(
          RawList(items.indices.map { items[$0].raw(file: file, parent: label, key: "[\($0)]", whole: true) }))
      } else {
        value = .list(RawList(json: items, file: file, label: label))
      }
    case .deferredArray(let items):
      value = .list(RawList(json: items, file: file, label: ownLabel))
    case .object(let members):
      let label = ownLabel
      var fields = FieldMap()
      fields.reserveCapacity(members.count)
      for member in members {
        fields.appendNew(member.key, member.value.raw(file: file, parent: label, key: member.key, whole: whole))
      }
      value = .record(Record(file: file, line: line, label: label, fields: fields))
    }
    return RawEntry(value: value, line: line, column: column, parent: parent, key: key)
  }
}
