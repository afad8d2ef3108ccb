/// A small streaming JSON writer (strings escaped per RFC 8259).
///
/// ```swift
/// let w = JSONWriter()
/// w.object { w.field("amount", "1200.00"); w.key("tags"); w.array(["a"]) { w.string($0) } }
/// w.output  // {"amount":"1200.00","tags":["a"]}
/// ```
public final class JSONWriter {
  /// The JSON written so far (with a sink: not yet given to it), as UTF-8 bytes.
  public private(set) var bytes: [UInt8] = []
  var needsComma = [false]
  let sink: (([UInt8]) -> Void)?
  static let spillSize = 1 << 16

  public init() { sink = nil }

  /// A writer that gives its bytes to `sink` in parts of about 64 KiB, between the items of
  /// an array, and the rest on ``flush()``: a large document is hashed or written as it is
  /// made, never held whole.
  ///
  /// ```swift
  /// var stream = SHA256.Stream()
  /// let w = JSONWriter { stream.update($0) }
  /// w.array(rows) { w.string($0) }
  /// w.flush()
  /// ```
  public init(sink: @escaping ([UInt8]) -> Void) { self.sink = sink }

  /// Gives what is left to the sink.
  public func flush() {
    guard let sink, !bytes.isEmpty else { return }
    sink(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  /// The JSON written so far.
  public var output: String { String(decoding: bytes, as: UTF8.self) }

  func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  public func object(_ body: () -> Void) {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
    body()
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  public func array<T>(_ items: [T], _ body: (T) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
    for item in items {
      body(item)
      if sink != nil, bytes.count >= JSONWriter.spillSize { flush() }
    }
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes a member name; the next value written is its value.
  public func key(_ name: String) {
    separate()
    JSONWriter.appendQuoted(name, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    needsComma[needsComma.count - 1] = false
  }

  public func string(_ value: String) {
    separate()
    JSONWriter.appendQuoted(value, to: &bytes)
  }

  public func raw(_ literal: String) {
    separate()
    bytes.append(contentsOf: literal.utf8)
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

  /// `text` as a JSON string literal.
  public static func quoted(_ text: String) -> String {
    var out: [UInt8] = []
    appendQuoted(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `text` as a JSON string literal: most strings need no escape, so one pass
  /// finds the first byte that does and everything before it is copied at once.
  static func appendQuoted(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    text.withUTF8Bytes { bytes in
      var start = 0
      for index in 0..<bytes.count {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        default:
          let hex = String(byte, radix: 16)
          out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
        start = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    out.append(UInt8(ascii: "\""))
  }
}
