import Basics

/// An object (JSON) or a row (CSV, with its columns mapped to the ledger's field names).
struct Record: Sendable {
  let file: String
  let line: Int
  let label: String
  var fields: FieldMap
}

/// A record's fields by name, in the order they were read. A record has a dozen fields or so:
/// comparing names is cheaper than hashing each one on every write and read (a visible part of
/// reading a ledger). Past `indexed` fields (a hostile file with thousands of keys or
/// columns) a dictionary keeps writes and reads constant-time.
struct FieldMap: Sequence, ExpressibleByDictionaryLiteral, Sendable {
  // Names and values apart: a look-up compares names without copying a field out, and reads
  // only the value it finds.
  private var names: [String] = []
  private var values: [RawEntry] = []
  private var index: [String: Int]?
  static let indexed = 16

  init() {}

  init(dictionaryLiteral elements: (String, RawEntry)...) {
    for (key, value) in elements { self[key] = value }
  }

  var keys: [String] { names }

  mutating func reserveCapacity(_ count: Int) {
    names.reserveCapacity(count)
    values.reserveCapacity(count)
  }

  func position(of key: String) -> Int? {
    if let index { return index[key] }
    return names.firstIndex(of: key)
  }

  /// Reading gives the field or nil; writing replaces a field in place or adds it at the end.
  subscript(key: String) -> RawEntry? {
    get { position(of: key).map { values[$0] } }
    set {
      guard let newValue else {
        if let at = position(of: key) {
          names.remove(at: at)
          values.remove(at: at)
          if index != nil { reindex() }
        }
        return
      }
      if let at = position(of: key) {
        values[at] = newValue
      } else {
        appendNew(key, newValue)
      }
    }
  }

  /// Adds a field whose name is not there yet (a JSON object's names are unique).
  mutating func appendNew(_ key: String, _ value: RawEntry) {
    names.append(key)
    values.append(value)
    if index != nil {
      index?[key] = names.count - 1
    } else if names.count > FieldMap.indexed {
      reindex()
    }
  }

  private mutating func reindex() {
    var built: [String: Int] = [:]
    built.reserveCapacity(names.count)
    for (position, name) in names.enumerated() where built[name] == nil { built[name] = position }
    index = built
  }

  func makeIterator() -> Iterator { Iterator(map: self) }

  /// The fields in order, each as its name and value.
  struct Iterator: IteratorProtocol {
    let map: FieldMap
    var position = 0

    mutating func next() -> (key: String, value: RawEntry)? {
      guard position < map.names.count else { return nil }
      defer { position += 1 }
      return (map.names[position], map.values[position])
    }
  }
}

/// Collects every problem found while reading; nothing is loaded unless it stays empty.
final class IssueLog {
  var issues: [LedgerIssue] = []
  /// A ledger a store holds, read again: it passed the rules of the ardoc that imported it.
  /// The rules added since for what a ledger may hold (an id's bytes, a date's years, control
  /// characters in text) apply when a ledger is read from a file, so that a store imported
  /// before them stays readable; the letters still refuse what they cannot print.
  let stored: Bool
  /// Whether a record's field names are checked against the known ones (``Fields/onlyKnown``):
  /// for a JSON file. A stored ledger passed that check when it was imported, and a CSV
  /// folder's names are its columns, checked in each file's first row.
  let checksNames: Bool

  init(stored: Bool = false, checksNames: Bool = true) {
    self.stored = stored
    self.checksNames = checksNames && !stored
  }

  func add(_ file: String, _ line: Int, _ column: Int?, _ field: String, _ message: String) {
    issues.append(LedgerIssue(file: file, line: line, column: column, field: field, message: message))
  }
}

/// The object items of a list, as ``Fields``, each made when it is read.
struct RecordList: RandomAccessCollection {
  let items: RawList
  let positions: [Int]
  let log: IssueLog

  var startIndex: Int { 0 }
  var endIndex: Int { positions.count }

  subscript(index: Int) -> Fields { Fields(record: items.record(positions[index]), log: log) }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let first = s.first, first.isWhitespace { s = s.dropFirst() }
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
