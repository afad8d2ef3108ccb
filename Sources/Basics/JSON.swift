/// A JSON document read with every value's line and column, numbers kept as their text.
///
/// Foundation's `JSONSerialization` turns numbers into `Double`; ardoc reads amounts as
/// exact decimals from the characters the user wrote, and reports errors where they are.
///
/// ```swift
/// let node = try JSONReader.parse(Array(#"{"amount": 1200000.00}"#.utf8))
/// node["amount"]?.value  // .number("1200000.00")
/// ```
public struct JSONNode: Sendable, Equatable {
  // Not indirect: the lists hold their nodes in arrays already, and a box for every number
  // and string was an allocation per value read.
  public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written in the source.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// An array whose items are parsed when asked (``JSONItems``): a large file's lists are
    /// not held as a tree beside the model read from them.
    indirect case deferredArray(JSONItems)
    /// Members in source order.
    case object([Member])
  }

  public struct Member: Sendable, Equatable {
    public let key: String
    public let keyLine: Int
    public let value: JSONNode
  }

  public let value: Value
  /// 1-based line of the value's first character.
  public let line: Int
  /// 1-based column (in characters) of the value's first character.
  public let column: Int

  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = value else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The JSON type name, for messages: "an object", "a string" ...
  public var kindName: String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array, .deferredArray: return "an array"
    case .object: return "an object"
    }
  }
}

/// A JSON syntax error at a position.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public let message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 8259 reader: no comments, no trailing commas, no duplicate keys,
/// valid UTF-8 only, nesting at most `maxDepth`.
public struct JSONReader {
  public static let maxDepth = 512

  var bytes: [UInt8]
  var index = 0
  var line = 1
  var lineStart = 0
  var depth = 0
  // Column counting resumes from the last position asked, so a long one-line file stays linear.
  var columnCacheIndex = 0
  var columnCacheCount = 1
  /// False while an item of a deferred array is checked: every rule is applied, no value kept.
  var building = true
  /// The member names of the objects being checked and not built, innermost last: a check
  /// keeps no members, and one list of names serves every object.
  var checkedNames: [String] = []
  var deferRootArrays = false
  var rootIsObject = false

  /// Parses a whole document. With `deferRootArrays`, each array that is a member of the root
  /// object is checked as strictly as the rest but kept as ``JSONItems``, its items parsed
  /// again one at a time when read: the peak is the bytes and one item, not the whole tree.
  ///
  /// ```swift
  /// let root = try JSONReader.parse(bytes, deferRootArrays: true)
  /// if case .deferredArray(let customers)? = root["customers"]?.value {
  ///   for index in 0..<customers.count { use(customers.item(index)) }
  /// }
  /// ```
  public static func parse(_ data: [UInt8], deferRootArrays: Bool = false) throws(JSONError) -> JSONNode {
    if let wide = WideEncoding.detect(data) {
      throw JSONError(line: 1, column: 1, message: "the file is \(wide); JSON must be UTF-8: save it as UTF-8")
    }
    var reader = JSONReader(bytes: data)
    reader.deferRootArrays = deferRootArrays
    if data.starts(with: [0xEF, 0xBB, 0xBF]) {
      reader.index = 3
      reader.lineStart = 3
    }
    try reader.checkUTF8()
    reader.skipSpace()
    reader.rootIsObject = reader.index < data.count && data[reader.index] == UInt8(ascii: "{")
    let node = try reader.parseValue()
    reader.skipSpace()
    guard reader.index == reader.bytes.count else {
      throw reader.error("unexpected text after the JSON value")
    }
    return node
  }

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The column of an earlier place on the current line.
  mutating func column(at position: Int) -> Int {
    let current = index
    index = position
    defer { index = current }
    return column
  }

  /// Characters, not bytes, so that CJK text gives the column an editor shows.
  var column: Int {
    mutating get {
      if columnCacheIndex < lineStart || columnCacheIndex > index {
        columnCacheIndex = lineStart
        columnCacheCount = 1
      }
      while columnCacheIndex < index {
        if bytes[columnCacheIndex] & 0xC0 != 0x80 { columnCacheCount += 1 }
        columnCacheIndex += 1
      }
      return columnCacheCount
    }
  }

  mutating func error(_ message: String) -> JSONError {
    JSONError(line: line, column: column, message: message)
  }

  mutating func checkUTF8() throws(JSONError) {
    let start = index
    var i = index
    while i < bytes.count {
      let b = bytes[i]
      if b < 0x80 {
        if b == 0x0A {
          line += 1
          lineStart = i + 1
        }
        i += 1
        continue
      }
      var length = 0
      var minimum: UInt32 = 0
      var scalar: UInt32 = 0
      switch b {
      case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(b & 0x1F))
      case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(b & 0x0F))
      case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(b & 0x07))
      default: length = 0
      }
      var valid = length > 0 && i + length <= bytes.count
      if valid {
        for k in 1..<length {
          let c = bytes[i + k]
          if c & 0xC0 != 0x80 { valid = false; break }
          scalar = scalar << 6 | UInt32(c & 0x3F)
        }
      }
      if valid, scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        valid = false
      }
      guard valid else {
        index = i
        throw error("invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true)); save the file as UTF-8")
      }
      i += length
    }
    index = start
    line = 1
    lineStart = start
  }

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D: index += 1
      case 0x0A:
        index += 1
        line += 1
        lineStart = index
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONError) -> JSONNode {
    guard index < bytes.count else { throw error("unexpected end of input; a value is missing") }
    // A check keeps no node, so it counts no column for one (an error counts its own).
    let (startLine, startColumn) = (line, building ? column : 0)
    func node(_ value: JSONNode.Value) -> JSONNode {
      JSONNode(value: value, line: startLine, column: startColumn)
    }
    switch bytes[index] {
    case UInt8(ascii: "{"): return node(try parseObject())
    case UInt8(ascii: "["): return node(try parseArray(deferred: deferRootArrays && rootIsObject && depth == 1))
    case UInt8(ascii: "\""): return node(.string(try parseString(keep: building)))
    case UInt8(ascii: "t"):
      try expectWord("true")
      return node(.bool(true))
    case UInt8(ascii: "f"):
      try expectWord("false")
      return node(.bool(false))
    case UInt8(ascii: "n"):
      try expectWord("null")
      return node(.null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return node(.number(try parseNumber()))
    default:
      throw error("unexpected character '\(currentCharacter)'; expected a JSON value")
    }
  }

  var currentCharacter: String {
    var end = index + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return String(decoding: bytes[index..<min(end, bytes.count)], as: UTF8.self)
  }

  mutating func expectWord(_ word: StaticString) throws(JSONError) {
    let count = word.utf8CodeUnitCount
    let matches =
      index + count <= bytes.count
      && word.withUTF8Buffer { w in
        var k = 0
        while k < count, bytes[index + k] == w[k] { k += 1 }
        return k == count
      }
    guard matches else { throw error("unexpected character '\(currentCharacter)'; expected a JSON value") }
    index += count
  }

  mutating func enter() throws(JSONError) {
    depth += 1
    guard depth <= JSONReader.maxDepth else {
      throw error("nesting deeper than \(JSONReader.maxDepth) levels")
    }
  }

  mutating func parseObject() throws(JSONError) -> JSONNode.Value {
    try enter()
    index += 1
    var members: [JSONNode.Member] = []
    var seen = Set<String>()
    let namesStart = checkedNames.count
    func done() -> JSONNode.Value {
      depth -= 1
      if building { return .object(members) }
      checkedNames.removeSubrange(namesStart...)
      return .object([])
    }
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return done()
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw index < bytes.count
          ? error("expected a quoted member name, found '\(currentCharacter)'")
          : error("unexpected end of input inside an object")
      }
      let keyLine = line
      let keyStart = index
      let keyColumn = building ? column : 0
      let key = try parseString(keep: true)
      // Small objects (the usual case) check duplicates by a scan; large ones by a set.
      let duplicate: Bool
      if building {
        if members.count == 16 && seen.isEmpty { seen = Set(members.map(\.key)) }
        duplicate = members.count < 16 ? members.contains { $0.key == key } : !seen.insert(key).inserted
      } else {
        let names = checkedNames[namesStart...]
        if names.count == 16 && seen.isEmpty { seen = Set(names) }
        duplicate = names.count < 16 ? names.contains(key) : !seen.insert(key).inserted
      }
      guard !duplicate else {
        throw JSONError(
          line: keyLine, column: building ? keyColumn : column(at: keyStart),
          message: "duplicate member name \"\(key)\"")
      }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after member name \"\(key)\"")
      }
      index += 1
      skipSpace()
      if building {
        members.append(JSONNode.Member(key: key, keyLine: keyLine, value: try parseValue()))
      } else {
        checkedNames.append(key)
        _ = try parseValue()
      }
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of input inside an object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return done()
      }
      throw error("expected ',' or '}' after a member, found '\(currentCharacter)'")
    }
  }

  /// An array; `deferred`, its items are checked without being kept and only where each
  /// starts is recorded.
  mutating func parseArray(deferred: Bool = false) throws(JSONError) -> JSONNode.Value {
    try enter()
    let arrayDepth = depth
    index += 1
    var items: [JSONNode] = []
    var starts: [JSONItems.Start] = []
    func done() -> JSONNode.Value {
      deferred ? .deferredArray(JSONItems(bytes: bytes, starts: starts, depth: arrayDepth)) : .array(items)
    }
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return done()
    }
    while true {
      skipSpace()
      if deferred {
        let (from, fromLine, fromColumn) = (index, line, column)
        building = false
        _ = try parseValue()
        building = true
        starts.append(
          JSONItems.Start(
            index: from, end: index, line: fromLine, column: fromColumn,
            digest: JSONItems.digest(bytes[from..<index])))
      } else if building {
        items.append(try parseValue())
      } else {
        _ = try parseValue()
      }
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of input inside an array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        depth -= 1
        return done()
      }
      throw error("expected ',' or ']' after an array element, found '\(currentCharacter)'")
    }
  }
}
