import Basics

/// A scan of a customer's reply: a PDF, JPEG or PNG file, recognised by its first bytes (not
/// its name), at most ``maxBytes``.
public enum Evidence: String, Sendable, CaseIterable {
  case pdf, jpeg = "jpg", png

  /// 20 MiB: a stamped page scanned at office resolution is far smaller.
  public static let maxBytes = 20 << 20

  /// The file's kind by its magic bytes, or nil.
  public static func kind(of bytes: [UInt8]) -> Evidence? {
    if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    return nil
  }

  /// The file's bytes and kind, or why it cannot be evidence.
  static func read(_ path: String) throws(ReplyError) -> (bytes: [UInt8], kind: Evidence) {
    func tooLarge(_ size: Int) -> ReplyError {
      ReplyError(
        "error: --evidence \(path): \(ExactDecimal(size).formatted(places: 0)) bytes is over the 20 MiB limit for a reply's scan; scan it at a lower resolution or as a PDF"
      )
    }
    if let size = FileBytes.size(path), size > maxBytes { throw tooLarge(size) }
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: maxBytes)
    } catch {
      if error.reason.contains("limit") { throw tooLarge(maxBytes + 1) }
      throw ReplyError("error: --evidence \(path): cannot read it: \(error.reason)")
    }
    guard let kind = kind(of: bytes) else {
      throw ReplyError(
        "error: --evidence \(path) is not a PDF, JPEG or PNG file (by its first bytes); scan the stamped reply to one of those"
      )
    }
    return (bytes, kind)
  }
}
