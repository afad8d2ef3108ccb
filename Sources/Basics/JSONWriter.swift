/// A small streaming JSON writer (strings escaped per RFC 8259).
///
/// ```swift
/// let w = JSONWriter()
/// w.object { w.field("amount", "1200.00"); w.key("tags"); w.array(["a"]) { w.string($0) } }
/// w.output  // {"amount":"1200.00","tags":["a"]}
/// ```
public final class JSONWriter {
  public private(set) var output = ""
  var needsComma = [false]

  public init() {}

  func separate() {
    if needsComma[needsComma.count - 1] { output += "," }
    needsComma[needsComma.count - 1] = true
  }

  public func object(_ body: () -> Void) {
    separate()
    output += "{"
    needsComma.append(false)
    body()
    needsComma.removeLast()
    output += "}"
  }

  public func array<T>(_ items: [T], _ body: (T) -> Void) {
    separate()
    output += "["
    needsComma.append(false)
    for item in items { body(item) }
    needsComma.removeLast()
    output += "]"
  }

  /// Writes a member name; the next value written is its value.
  public func key(_ name: String) {
    separate()
    output += JSONWriter.quoted(name) + ":"
    needsComma[needsComma.count - 1] = false
  }

  public func string(_ value: String) {
    separate()
    output += JSONWriter.quoted(value)
  }

  public func raw(_ literal: String) {
    separate()
    output += literal
  }

  public func field(_ name: String, _ value: String) {
    key(name)
    string(value)
    needsComma[needsComma.count - 1] = true
  }

  public func field(_ name: String, _ value: Bool) {
    key(name)
    raw(value ? "true" : "false")
    needsComma[needsComma.count - 1] = true
  }

  public func field(_ name: String, _ value: Int) {
    key(name)
    raw(String(value))
    needsComma[needsComma.count - 1] = true
  }

  public static func quoted(_ text: String) -> String {
    // Most strings need no escape: one byte pass, then a single copy.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
      return "\"" + text + "\""
    }
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
