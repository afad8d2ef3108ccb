import Basics
import Vocabulary

/// A document's `ardoc:` metadata read from its bytes as ardoc writes it
/// (`<meta name="ardoc:number" content="DZ-202611-0001" />`), without parsing the document.
public enum DocumentMeta {
  /// The content of the first meta named `name`, or nil when there is none.
  static func value(_ name: MetaName, in bytes: [UInt8]) -> String? {
    let named = Array("name=\"\(name.rawValue)\"".utf8)
    let content = Array("content=\"".utf8)
    guard let at = ByteSearch.find(named, in: bytes, from: 0),
      let close = ByteSearch.find([UInt8(ascii: ">")], in: bytes, from: at),
      let start = ByteSearch.find(content, in: bytes, from: at), start < close,
      let end = ByteSearch.find([UInt8(ascii: "\"")], in: bytes, from: start + content.count), end < close
    else { return nil }
    return unescaped(String(decoding: bytes[(start + content.count)..<end], as: UTF8.self))
  }

  /// An attribute's text as a parser gives it: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and
  /// character references read as the characters they stand for (a payment owner named
  /// `Smith & Jones` is written `Smith &amp; Jones`).
  static func unescaped(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var result = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
      let name = rest[rest.index(after: amp)..<semicolon]
      let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
      if let character = named[name] {
        result += character
      } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
        let scalar = Unicode.Scalar(code)
      {
        result.unicodeScalars.append(scalar)
      } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
        result.unicodeScalars.append(scalar)
      } else {
        result += rest[amp...semicolon]
      }
      rest = rest[rest.index(after: semicolon)...]
    }
    return result + rest
  }

  /// The confirmation letter a second notice asks about again, or a reconciliation statement
  /// answers (its `ardoc:letter`), read from the entry's file; nil for another document, or
  /// when the file cannot be read.
  public static func letter(of entry: RegisterEntry) -> String? {
    guard entry.kind == .reconciliation || entry.detail == ConfirmationDetail.secondNotice.rawValue,
      let path = entry.path, let bytes = try? FileBytes.read(path, limit: ValidationRun.largestDocument)
    else { return nil }
    return DocumentMeta.value(.letter, in: bytes)
  }
}
