/// Recognises text saved as UTF-16 or UTF-32, which ardoc does not read: by its byte-order
/// mark, or, without one, by the zero bytes of an ASCII start (`<`, `{`, a letter).
///
/// Excel's "Unicode text" and Windows Notepad's "Unicode" save UTF-16LE; every reader
/// (templates, documents, JSON and CSV ledgers) refuses it with the encoding's name rather
/// than a misleading error several lines in.
///
/// ```swift
/// WideEncoding.detect([0xFF, 0xFE, 0x3C, 0x00])  // "UTF-16LE"
/// WideEncoding.detect(Array("<p/>".utf8))        // nil
/// ```
public enum WideEncoding {
  /// The name of the encoding when the bytes are UTF-16 or UTF-32, else nil.
  public static func detect(_ bytes: some Collection<UInt8>) -> String? {
    let head = Array(bytes.prefix(4))
    if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32BE" }
    if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32LE" }
    if head.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
    if head.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
    guard head.count == 4 else { return nil }
    switch (head[0] == 0, head[1] == 0, head[2] == 0, head[3] == 0) {
    case (true, true, true, false): return "UTF-32BE"
    case (false, true, true, true): return "UTF-32LE"
    case (true, false, true, false): return "UTF-16BE"
    case (false, true, false, true): return "UTF-16LE"
    default: return nil
    }
  }
}
