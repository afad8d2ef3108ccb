import Basics
import LedgerStore
import Letters
import LibXML
import Validation
import Vocabulary

/// A document checked under its number and written: what the register and the manifest
/// record of it.
struct WrittenDocument: Sendable {
  let number: String
  let path: String
  let sha256: String
  let bytes: [UInt8]
  /// The validator's findings and the warnings the document was issued despite (a threshold
  /// passed with `--despite-threshold`, a limitation period running out).
  let findings: [Finding]

  /// Invalid when the validator found an error (the document was written with `--force`);
  /// warnings alone leave it issued.
  var status: RegisterEntry.Status { findings.contains { $0.severity == .error } ? .invalid : .issued }

  /// The register's record of it: status, digest, file, findings, and the ledger version and
  /// amount it was written from.
  func completion(ledger: String?, amount: ExactDecimal?) -> BatchCompletion {
    BatchCompletion(
      number: number, status: status, sha256: sha256, path: path,
      findings: findings.isEmpty ? nil : findings.map(\.description).joined(separator: "\n"), ledger: ledger,
      amount: amount)
  }
}

/// The one step every document passes through once it has its number, for a single command
/// and for each letter of a batch alike: a letter the validator refused (written only with
/// `--force`) is bannered and named `-INVALID`, the file is named by the one output path rule
/// (``Vocabulary/DocumentPath``), written atomically, and hashed over the bytes in hand.
///
/// A document never replaces a file it did not write: a new number's file is created only
/// where nothing is (another store writing into the same folder, or a numbering pattern
/// changed so that two numbers give one file name, would otherwise overwrite an issued
/// letter that its register still lists). The one file replaced is the letter a stopped run
/// wrote under a number this run finishes: one written since that number was reserved.
enum DocumentWriter {
  /// Writes `letter` as document `number` into `folder` (a month's folder of the kind, which
  /// exists). `sync: false` leaves the flush to the caller (a batch flushes a chunk's folder
  /// once). A file that cannot be written throws ``GenerateError/file(_:)``; a name too long
  /// for the file system, ``GenerateError/input(_:)``; a file already at its path,
  /// ``GenerateError/file(_:)`` saying so, unless `resumedSince` (when a stopped run reserved
  /// the number, in seconds since 1970) shows that run wrote it.
  static func write(
    _ letter: CheckedLetter, number: String, kind: DocumentKind, customer: String, folder: String,
    warnings: [LetterWarning], sync: Bool = true, resumedSince: Int? = nil
  ) throws(GenerateError) -> WrittenDocument {
    guard var name = DocumentPath.fileName(number: number, kind: kind, customer: customer) else {
      throw .input(
        "the file name for \(number) of customer \(customer) would be \(DocumentPath.fileNameBytes(number: number, kind: kind, customer: customer)) bytes, more than \(DocumentPath.maxNameLength); shorten the policy's numbering pattern or the customer's id"
      )
    }
    let findings = letter.report.findings + warnings.map(Finding.init(issuedDespite:))
    var bytes = letter.bytes
    if !letter.report.valid {
      bytes = markInvalid(bytes, findings: findings)
      name = DocumentPath.invalid(name)
    }
    let path = folder + "/" + name + ".html"
    do throws(FileBytes.Failure) {
      if let since = resumedSince, let written = FileBytes.modified(path), written >= since {
        try FileBytes.writeAtomically(bytes, to: path, sync: sync)
      } else if try !FileBytes.writeNew(bytes, to: path, sync: sync) {
        throw FileBytes.Failure(path: path, reason: occupied(number))
      }
    } catch {
      throw .file(error)
    }
    return WrittenDocument(number: number, path: path, sha256: SHA256.hex(bytes), bytes: bytes, findings: findings)
  }

  /// Why a document was not written where another file is, and what to do.
  static func occupied(_ number: String) -> String {
    "a file is already there that this register did not write for \(number) (another store may write letters into the same folder, or the numbering pattern changed so that two numbers give one file name); it was left as it is. Move it away, or write into another folder, and run again"
  }

  /// The document with a visible INVALID banner at the top of its body.
  static func markInvalid(_ bytes: [UInt8], findings: [Finding]) -> [UInt8] {
    guard let document = try? XMLDocument.parse(bytes, file: "document"),
      let body = try? document.select("//*[local-name()='body']").first
    else { return bytes }
    let banner = document.makeElement("div", namespaceURI: "http://www.w3.org/1999/xhtml")
    banner.setAttribute("class", "ardoc-invalid")
    banner.setAttribute("data-invalid", "true")
    banner.setAttribute(
      "style", "border: 2pt solid #b00; color: #b00; padding: 3mm; margin-bottom: 4mm; font-weight: bold;")
    let heading = banner.appendElement("p")
    heading.setText("INVALID — 未通过校验，不得寄出 / failed validation, do not send")
    let list = banner.appendElement("ul")
    for finding in findings { list.appendElement("li").setText("[\(finding.rule)] \(finding.message)") }
    body.prepend(banner)
    return document.xhtmlBytes()
  }
}

extension Finding {
  /// A warning a document is issued with (``Letters/LetterWarning``), as a finding of the
  /// rule named by its kind (`threshold`, `limitation`).
  init(issuedDespite warning: LetterWarning) {
    self.init(rule: warning.kind.rawValue, severity: .warning, message: warning.message)
  }
}
