#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads JSON whose layout is known in advance: what ardoc's own ``JSONWriter`` wrote, keys in
/// its order and no white space. Each step says what it expects and answers nil or false when
/// the bytes hold anything else, so that its caller reads them the general way instead (with
/// ``JSONReader``, which says what is wrong and where). Strings and their escapes are read by
/// ``JSONReader``'s own rules.
///
/// ```swift
/// var c = JSONCursor(Array(#"{"id":"C001","open":true}"#.utf8))
/// c?.openObject(); c?.key("id"); c?.string()   // "C001"
/// ```
public struct JSONCursor {
  private var reader: JSONReader
  /// Per open object or array: whether a member or item was read (the next needs a comma).
  private var started: [Bool] = []

  /// Nil for bytes that are not UTF-8 (or start with a byte order mark), which the general
  /// reader reports.
  public init?(_ bytes: [UInt8]) {
    guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
    reader = JSONReader(bytes: bytes)
    do {
      try reader.checkUTF8()
    } catch {
      return nil
    }
  }

  /// Whether every byte was read.
  public var atEnd: Bool { reader.index == reader.bytes.count && started.isEmpty }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard reader.index < reader.bytes.count, reader.bytes[reader.index] == byte else { return false }
    reader.index += 1
    return true
  }

  private func next(is byte: UInt8) -> Bool {
    reader.index < reader.bytes.count && reader.bytes[reader.index] == byte
  }

  /// `{`, as a value (after a key, or as an item or the document).
  public mutating func openObject() -> Bool {
    guard take(UInt8(ascii: "{")) else { return false }
    started.append(false)
    return true
  }

  /// `}`: every member was read.
  public mutating func closeObject() -> Bool {
    guard take(UInt8(ascii: "}")), started.popLast() != nil else { return false }
    return true
  }

  /// The member named `name` comes next (after a comma unless it is the object's first); on
  /// any other bytes nothing is read.
  public mutating func key(_ name: StaticString) -> Bool {
    guard let continuing = started.last else { return false }
    let start = reader.index
    let matched = name.withUTF8Buffer { wanted -> Bool in
      if continuing, !take(UInt8(ascii: ",")) { return false }
      guard take(UInt8(ascii: "\"")) else { return false }
      let end = reader.index + wanted.count
      // Compared with memcmp: the generic element-by-element comparison costs ten times as much,
      // and every member of every stored record is matched here.
      guard end + 2 <= reader.bytes.count,
        reader.bytes.withUnsafeBufferPointer({ bytes in
          guard let here = bytes.baseAddress, let name = wanted.baseAddress else { return wanted.isEmpty }
          return memcmp(here + reader.index, name, wanted.count) == 0
        }),
        reader.bytes[end] == UInt8(ascii: "\""), reader.bytes[end + 1] == UInt8(ascii: ":")
      else { return false }
      reader.index = end + 2
      return true
    }
    guard matched else {
      reader.index = start
      return false
    }
    started[started.count - 1] = true
    return true
  }

  /// `[`, as a value.
  public mutating func openArray() -> Bool {
    guard take(UInt8(ascii: "[")) else { return false }
    started.append(false)
    return true
  }

  /// Whether another item follows (its comma read); at the array's `]`, reads it and answers
  /// false. Nil when neither follows.
  public mutating func nextItem() -> Bool? {
    guard let continuing = started.last else { return nil }
    if take(UInt8(ascii: "]")) {
      started.removeLast()
      return false
    }
    if continuing, !take(UInt8(ascii: ",")) { return nil }
    started[started.count - 1] = true
    return true
  }

  /// A string value.
  public mutating func string() -> String? {
    guard next(is: UInt8(ascii: "\"")) else { return nil }
    return try? reader.parseString(keep: true)
  }

  /// `true` or `false`.
  public mutating func bool() -> Bool? {
    if next(is: UInt8(ascii: "t")) { return (try? reader.expectWord("true")) != nil ? true : nil }
    if next(is: UInt8(ascii: "f")) { return (try? reader.expectWord("false")) != nil ? false : nil }
    return nil
  }

  /// A whole number, as ``JSONWriter`` writes an `Int` (digits, an optional `-`).
  public mutating func int() -> Int? {
    guard reader.index < reader.bytes.count,
      reader.bytes[reader.index] == UInt8(ascii: "-") || (0x30...0x39).contains(reader.bytes[reader.index]),
      let text = try? reader.parseNumber(),
      text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) })
    else { return nil }
    return Int(text)
  }
}
