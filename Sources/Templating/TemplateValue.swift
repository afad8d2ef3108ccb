import Basics

/// The data a template is rendered with: JSON's types, with numbers as exact decimals.
///
/// ```swift
/// let data: TemplateValue = ["customer": ["name": "华东机电"], "balance": .number(try ExactDecimal(parsing: "1200.50"))]
/// ```
public enum TemplateValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(ExactDecimal)
  case string(String)
  case array([TemplateValue])
  case object(TemplateMembers)

  /// `false`, `null`, `0`, `""`, `[]` and `{}` are false; everything else is true.
  public var isTruthy: Bool {
    switch self {
    case .null: return false
    case .bool(let value): return value
    case .number(let value): return !value.isZero
    case .string(let value): return !value.isEmpty
    case .array(let value): return !value.isEmpty
    case .object(let value): return !value.isEmpty
    }
  }

  /// A short name of the type, for messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "a list"
    case .object: return "an object"
    }
  }

  /// The value as text in a document, or nil for values that have no text form.
  public var text: String? {
    switch self {
    case .string(let value): return value
    case .number(let value): return value.description
    case .bool(let value): return value ? "true" : "false"
    case .null, .array, .object: return nil
    }
  }

  /// The members, when the value is an object.
  public var objectValue: TemplateMembers? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The items, when the value is a list.
  public var arrayValue: [TemplateValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// A deep copy that shares no storage with this value: threads that each read their own
  /// copy do not contend for the reference counts of shared strings and containers.
  public func unshared() -> TemplateValue {
    switch self {
    case .null, .bool, .number: return self
    case .string(let text): return .string(String(decoding: Array(text.utf8), as: UTF8.self))
    case .array(let items): return .array(items.map { $0.unshared() })
    case .object(let members):
      var copy = TemplateMembers(minimumCapacity: members.count)
      for (key, value) in members { copy[String(decoding: Array(key.utf8), as: UTF8.self)] = value.unshared() }
      return .object(copy)
    }
  }

  public subscript(key: String) -> TemplateValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(ExactDecimal(value)) }
  public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
  /// A later key replaces an earlier one (``TemplateMembers``).
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    self = .object(TemplateMembers(literal: elements))
  }
  public init(nilLiteral: ()) { self = .null }
}

/// Template data read from JSON that is not usable: where and why.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int
  public let message: String
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
  }
}

extension TemplateValue {
  /// Converts parsed JSON; numbers become exact decimals from their source text.
  public init(json node: JSONNode, file: String) throws(DataError) {
    switch node.value {
    case .null: self = .null
    case .bool(let value): self = .bool(value)
    case .string(let value): self = .string(value)
    case .number(let text):
      do {
        self = .number(try ExactDecimal(jsonNumber: text))
      } catch {
        throw DataError(
          file: file, line: node.line, column: node.column,
          message: "number \(text) cannot be held exactly: \(error)")
      }
    case .array(let items): self = .array(try Self.list(items, file: file))
    case .deferredArray(let items): self = .array(try Self.list(items.all, file: file))
    case .object(let members):
      var values = TemplateMembers(minimumCapacity: members.count)
      for member in members { values[member.key] = try TemplateValue(json: member.value, file: file) }
      self = .object(values)
    }
  }

  static func list(_ items: [JSONNode], file: String) throws(DataError) -> [TemplateValue] {
    var values: [TemplateValue] = []
    values.reserveCapacity(items.count)
    for item in items { values.append(try TemplateValue(json: item, file: file)) }
    return values
  }

  /// Reads a JSON file as template data; errors carry file, line and column.
  public static func load(jsonFile path: String) throws(DataError) -> TemplateValue {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: 256 << 20)
    } catch {
      throw DataError(file: path, line: 0, column: 0, message: error.reason)
    }
    return try parse(json: bytes, file: path)
  }

  /// Parses JSON bytes as template data.
  public static func parse(json bytes: [UInt8], file: String) throws(DataError) -> TemplateValue {
    do {
      return try TemplateValue(json: JSONReader.parse(bytes), file: file)
    } catch let error as JSONError {
      throw DataError(file: file, line: error.line, column: error.column, message: error.message)
    } catch let error as DataError {
      throw error
    } catch {
      throw DataError(file: file, line: 0, column: 0, message: "\(error)")
    }
  }
}

extension ExactDecimal {
  /// A JSON number, exponent included, held exactly (`1.5e3` is `1500`).
  public init(jsonNumber text: String) throws(DecimalError) {
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
      self = try ExactDecimal(parsing: text)
      return
    }
    let mantissa = try ExactDecimal(parsing: text[..<e])
    var exponentText = text[text.index(after: e)...]
    if exponentText.first == "+" { exponentText = exponentText.dropFirst() }
    guard let exponent = Int(exponentText), abs(exponent) <= ExactDecimal.maxScale + ExactDecimal.maxDigits
    else { throw DecimalError.tooManyDigits(text) }
    self = try mantissa.shifted(byDecimalPlaces: exponent)
  }
}
