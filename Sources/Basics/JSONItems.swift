/// The items of an array read by ``JSONReader/parse(_:deferRootArrays:)``: where each item
/// starts and ends, and where its bytes are (the document's bytes, shared, not copied; or the
/// open file they came from, see ``reading(from:)``). Every item was checked when the document
/// was parsed; ``item(_:)`` parses one again and gives the node a full parse would have given,
/// with the same lines and columns.
public struct JSONItems: Sendable, Equatable {
  /// Where an item is, with what its line and column need, and a digest of its bytes, so
  /// that an item read again from a file is known to be the one that was checked.
  struct Start: Sendable, Equatable {
    let index: Int
    let end: Int
    let line: Int
    let column: Int
    let digest: Int
  }

  /// A digest of an item's bytes (the process's own seeded hash: both reads are in one
  /// process), to tell a file rewritten in place, even at the same size and time, from the
  /// one that was checked.
  static func digest(_ bytes: ArraySlice<UInt8>) -> Int {
    var hasher = Hasher()
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    return hasher.finalize()
  }

  enum Source: Sendable {
    case memory([UInt8])
    case file(FileBytes.Reader)
  }

  let source: Source
  let starts: [Start]
  /// The nesting depth of the array itself, so that an item's limit is counted as in one parse.
  let depth: Int
  /// What every item begins with, so that asking whether one is an object reads no file.
  let firstBytes: [UInt8]

  init(bytes: [UInt8], starts: [Start], depth: Int) {
    source = .memory(bytes)
    self.starts = starts
    self.depth = depth
    firstBytes = starts.map { bytes[$0.index] }
  }

  init(source: Source, starts: [Start], depth: Int, firstBytes: [UInt8]) {
    self.source = source
    self.starts = starts
    self.depth = depth
    self.firstBytes = firstBytes
  }

  public var count: Int { starts.count }

  /// Whether the item at `index` is an object, without parsing it.
  public func isObject(_ index: Int) -> Bool { firstBytes[index] == UInt8(ascii: "{") }

  /// The same items, read again from `file` (the file these bytes were read from) instead of
  /// from the bytes: the caller can let the bytes go. An item the file no longer has, or no
  /// longer has as it was, is `null` and the file is marked as changed: check
  /// ``FileBytes/Reader/unchanged`` and ``FileBytes/Reader/readFailure`` after reading.
  public func reading(from file: FileBytes.Reader) -> JSONItems {
    JSONItems(source: .file(file), starts: starts, depth: depth, firstBytes: firstBytes)
  }

  /// The item at `index`, parsed now.
  public func item(_ index: Int) -> JSONNode {
    let start = starts[index]
    var reader: JSONReader
    switch source {
    case .memory(let bytes):
      // Its first line's column continues from where it starts, as for an item read alone.
      reader = JSONReader(bytes: bytes)
      reader.index = start.index
      reader.lineStart = start.index
      reader.columnCacheIndex = start.index
    case .file(let file):
      guard let bytes = file.bytes(at: start.index, count: start.end - start.index) else {
        return JSONNode(value: .null, line: start.line, column: start.column)
      }
      guard JSONItems.digest(bytes[...]) == start.digest else {
        file.noteDifference()
        return JSONNode(value: .null, line: start.line, column: start.column)
      }
      // The item's bytes alone: its first line's column continues from where it starts.
      reader = JSONReader(bytes: bytes)
    }
    reader.line = start.line
    reader.columnCacheCount = start.column
    reader.depth = depth
    do {
      return try reader.parseValue()
    } catch {
      // Not reached: these bytes (their digest says) passed the same parser when the array
      // was read.
      if case .file(let file) = source { file.noteDifference() }
      return JSONNode(value: .null, line: start.line, column: start.column)
    }
  }

  /// Every item, parsed now.
  public var all: [JSONNode] { starts.indices.map(item) }

  public static func == (a: JSONItems, b: JSONItems) -> Bool { a.all == b.all }
}

extension JSONNode {
  /// This node with each deferred array in it, its own or a member's, reading its items from
  /// `file` (see ``JSONItems/reading(from:)``).
  public func readingItems(from file: FileBytes.Reader) -> JSONNode {
    switch value {
    case .deferredArray(let items):
      return JSONNode(value: .deferredArray(items.reading(from: file)), line: line, column: column)
    case .object(let members):
      let moved = members.map {
        JSONNode.Member(key: $0.key, keyLine: $0.keyLine, value: $0.value.readingItems(from: file))
      }
      return JSONNode(value: .object(moved), line: line, column: column)
    default:
      return self
    }
  }
}
