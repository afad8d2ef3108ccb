import Basics

/// Where a document is written: one rule for a single command's document and the batch's.
///
/// `<output>/<yyyy-mm>/<kind>/<number>-<kind>-<customer>.html`, where the month is the
/// as-of date's (the month whose figures the document states, the month of the one live
/// letter rule), so a month's folder of a kind holds all its documents of the kind, whoever
/// wrote them. The batch's manifests, print files and `skipped.csv` live in the same folder.
///
/// ```swift
/// DocumentPath.folder("Output", asOf: november30, kind: .confirmation)
/// // "Output/2026-11/confirmation"
/// try DocumentPath.fileName(number: "DZ-202611-0001", kind: .confirmation, customer: "C001")
/// // "DZ-202611-0001-confirmation-C001"
/// ```
public enum DocumentPath {
  /// The longest file name written, in UTF-8 bytes (most file systems allow 255 bytes; the
  /// `-INVALID.html` and `.pdf` forms and a temporary's prefix must still fit). The ledger
  /// refuses ids over 160 bytes and the policy patterns whose numbers could pass 48
  /// bytes, so a name fits this.
  public static let maxNameLength = 240

  /// The month part of the path: `yyyy-mm` of the as-of date.
  public static func month(_ asOf: CivilDate) -> String { String(asOf.iso.prefix(7)) }

  /// The folder of a month's documents of one kind: `<output>/<yyyy-mm>/<kind>`.
  public static func folder(_ output: String, month: String, kind: DocumentKind) -> String {
    (output.hasSuffix("/") ? String(output.dropLast()) : output) + "/\(month)/\(kind.rawValue)"
  }

  public static func folder(_ output: String, asOf: CivilDate, kind: DocumentKind) -> String {
    folder(output, month: month(asOf), kind: kind)
  }

  /// The folder of a document with its register detail: second notices of confirmation
  /// letters go to `second-notice/` inside the month's confirmation folder, apart from the
  /// letters that stand for the month (and its manifests and print files).
  public static func folder(_ output: String, asOf: CivilDate, kind: DocumentKind, detail: String?) -> String {
    let base = folder(output, asOf: asOf, kind: kind)
    return detail == ConfirmationDetail.secondNotice.rawValue ? base + "/" + secondNoticeFolder : base
  }

  public static let secondNoticeFolder = ConfirmationDetail.secondNotice.rawValue

  /// `<number>-<kind>-<customer>`, each part a safe file name (``safeFileName(_:)``), without
  /// the extension; nil when it would be longer than ``maxNameLength``.
  public static func fileName(number: String, kind: DocumentKind, customer: String) -> String? {
    let name = baseName(number: number, kind: kind, customer: customer)
    return name.utf8.count + ".html".utf8.count <= maxNameLength ? name : nil
  }

  /// The bytes the file name with `.html` takes, long or not (for the message that refuses it).
  public static func fileNameBytes(number: String, kind: DocumentKind, customer: String) -> Int {
    baseName(number: number, kind: kind, customer: customer).utf8.count + ".html".utf8.count
  }

  static func baseName(number: String, kind: DocumentKind, customer: String) -> String {
    [number, kind.rawValue, customer].map(safeFileName).joined(separator: "-")
  }

  /// The name a document the validator refused is written under with `--force`.
  public static func invalid(_ name: String) -> String { name + "-INVALID" }

  /// Whether an ASCII byte may stand in a file name as it is: not a control character, a
  /// path separator or one of the characters Windows file shares refuse (`:*?"<>|`).
  static func isSafe(_ byte: UInt8) -> Bool {
    switch byte {
    case 0..<0x20, 0x7F, UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: ":"), UInt8(ascii: "*"),
      UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"):
      return false
    default:
      return true
    }
  }

  /// Path separators, control characters, the characters Windows refuses (`:*?"<>|`) and
  /// leading dots become `_`, so no number pattern or id can lead outside the folder.
  public static func safeFileName(_ part: String) -> String {
    // Numbers, kinds and most ids are printable ASCII with nothing to replace.
    if let first = part.utf8.first, first != UInt8(ascii: "."),
      part.utf8.allSatisfy({ $0 < 0x80 && isSafe($0) })
    {
      return part
    }
    var result = String(
      part.unicodeScalars.map { scalar -> Character in
        // Also the characters Windows file shares refuse, where finance often keeps letters.
        if scalar.isASCII && !isSafe(UInt8(scalar.value)) { return "_" }
        return Character(scalar)
      })
    while result.hasPrefix(".") { result = "_" + result.dropFirst() }
    return result.isEmpty ? "_" : result
  }
}
