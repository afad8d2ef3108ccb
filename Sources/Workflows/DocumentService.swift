import Basics
import Foundation
import Ledger
import LedgerStore
import Letters
import Templating
import Validation
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// Where documents go and how they are printed.
public struct OutputOptions: Sendable {
  public var folder: String
  public var pdf: Bool
  public var pdfEngine: PDFEngine
  /// Write a document the validator refuses, named `-INVALID` and bannered.
  public var force: Bool

  /// With `pdf`, the engine must be installed: checked before any number is taken.
  public func checkPDFEngine() throws(GenerateError) {
    guard pdf else { return }
    do {
      _ = try PDFPrinter.require(pdfEngine)
    } catch {
      throw .pdf(error.description)
    }
  }

  public init(folder: String = "Output", pdf: Bool = false, pdfEngine: PDFEngine = .chromium, force: Bool = false) {
    self.folder = folder
    self.pdf = pdf
    self.pdfEngine = pdfEngine
    self.force = force
  }
}

/// A document written and registered.
public struct IssuedDocument: Sendable, Equatable {
  public let number: String
  public let path: String
  public let pdfPath: String?
  public let sha256: String
  /// The validator's findings: errors for a document written with --force (marked
  /// INVALID), warnings (a contract overrun) for a valid one; empty for a clean one.
  public let findings: [Finding]
  /// The standing letter this one replaced (a reissue), now superseded.
  public var supersedes: String? = nil
  /// What happened around it: the superseded file moved aside, the month's manifest and
  /// print files rebuilt, or why they could not be.
  public var notes: [String] = []
}

extension Finding {
  /// A warning a document is issued with (``Letters/LetterWarning``), as a finding of the
  /// rule named by its kind (`threshold`, `limitation`).
  init(issuedDespite warning: LetterWarning) {
    self.init(rule: warning.kind.rawValue, severity: .warning, message: warning.message)
  }
}

/// Why a document was not issued. Nothing is left at its final name in any case.
public enum GenerateError: Error, Sendable, CustomStringConvertible {
  case refused(LetterRefusal)
  /// The customer already has this letter for the currency and month; no number was taken.
  case standing(RegisterEntry)
  /// The validator refused the rendered document: before its number was taken (`number`
  /// nil; `subject` says which letter), or, rarely, only under the number.
  case invalid(number: String?, subject: String, findings: [Finding])
  case template(TemplateError)
  case store(StoreError)
  case file(FileBytes.Failure)
  case pdf(String)
  case input(String)

  public var description: String {
    switch self {
    case .refused(let refusal): return refusal.description
    case .standing(let entry):
      let what =
        entry.kind.rawValue + (entry.kind == .dunning ? " letter" : "")
        + (entry.detail.map { " (\($0))" } ?? "")
      return
        "error: \(entry.customer) already has \(what) \(entry.number) for \(entry.currency) as of \(entry.asOf.iso.prefix(7)), "
        + "\(entry.status.rawValue) on \(entry.documentDate.iso)\(entry.path.map { " (\($0))" } ?? ""); "
        + "pass --reissue to issue a new one that supersedes it"
    case .invalid(let number, let subject, let findings):
      let what =
        number.map { "\($0) failed validation; it was not written and its number is void" }
        ?? "\(subject) failed validation; it was not written and took no number"
      return "error: \(what) (use --force to write it marked INVALID):\n"
        + findings.map {
          "  \($0.severity == .warning ? "warning " : "")[\($0.rule)] \($0.message)\($0.xpath.isEmpty ? "" : " at \($0.xpath)")"
        }.joined(
          separator: "\n")
    case .template(let error): return error.description
    case .store(let error): return error.description
    case .file(let failure): return "error: cannot write \(failure.path): \(failure.reason)"
    case .pdf(let message): return "error: \(message)"
    case .input(let message): return "error: \(message)"
    }
  }
}

/// Generating one document end to end: check, render and validate under a provisional number,
/// number, write atomically, print, register. A refused request or a letter the validator
/// refuses takes no number; a number taken for a document that then fails (a full disk) is
/// marked void in the register and never reused.
public struct DocumentService: Sendable {
  public let ledger: Ledger
  public let policy: Policy
  public let store: LedgerStore
  public let templateRoots: [String]
  /// Where the month's batch outputs read customers from when a reissue rebuilds them:
  /// the whole ledger (`ledger` may be one customer's slice of the store).
  public let source: BatchSource
  /// The version of the ledger `ledger` comes from, recorded with the document: the store
  /// snapshot's digest for a slice, else the ledger's own (``LedgerVersion``).
  public let version: String

  public init(
    ledger: Ledger, policy: Policy, store: LedgerStore, templateRoots: [String], source: BatchSource? = nil,
    version: String? = nil
  ) {
    self.ledger = ledger
    self.policy = policy
    self.store = store
    self.templateRoots = templateRoots
    let digest = version ?? LedgerVersion.digest(ledger)
    self.source = source ?? .memory(LedgerSlices(ledger), version: digest)
    self.version = digest
  }

  /// Issues one document. A confirmation or dunning letter the customer already has for the
  /// currency and month (see ``LedgerStore/reserveLetter(_:pattern:reissue:)``) is refused
  /// with ``GenerateError/standing(_:)`` unless `reissue`; a reissue supersedes it, moves its
  /// file aside and rebuilds the month's batch outputs that listed it.
  public func issue(_ request: LetterRequest, output: OutputOptions, reissue: Bool = false) throws(GenerateError)
    -> IssuedDocument
  {
    try output.checkPDFEngine()
    let history: [RegisterEntry]
    do {
      history = try store.entries(customer: request.customer)
    } catch {
      throw .store(error)
    }
    let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: templateRoots, history: history)
    let prepared: PreparedLetter
    do {
      prepared = try factory.prepare(request)
    } catch {
      throw .refused(error)
    }
    guard let pattern = policy.numbering[request.kind] else {
      throw .input("the policy has no numbering pattern for \(request.kind.rawValue)")
    }
    do {
      try factory.checkTemplate(prepared)
    } catch {
      throw .template(error)
    }
    // Rendered and validated before a number is taken: a letter the validator refuses takes none.
    let provisional = ProvisionalNumber()
    let validator = Validator(policy: policy, ledger: ledger)
    let draft = try CheckedLetter(prepared, number: provisional.text, factory: factory, validator: validator)
    let subject =
      "the \(request.kind.rawValue) for \(request.customer)\(prepared.currency.isEmpty ? "" : " (\(prepared.currency))")"
    if !draft.report.valid && !output.force {
      throw .invalid(number: nil, subject: subject, findings: draft.report.findings)
    }
    let run: Run
    do {
      run = try store.beginRun(
        kind: request.kind, month: String(request.asOf.iso.prefix(7)), folder: output.folder, batch: false,
        options: RunOptions(locale: request.locale, force: output.force, templates: templateRoots), ledger: version)
    } catch {
      throw .store(error)
    }
    defer { store.endRun(run) }
    let number: String
    let supersedes: String?
    do {
      let reservation = try store.reserveLetter(
        RegisterEntry(
          number: "", kind: request.kind, customer: request.customer, documentDate: request.date,
          asOf: request.asOf, currency: prepared.currency, amount: prepared.amount,
          detail: request.collect ? LetterRequest.collectDetail : prepared.detail, run: run.id, ledger: version),
        pattern: pattern, reissue: reissue)
      switch reservation {
      case .standing(let entry): throw GenerateError.standing(entry)
      case .reserved(let taken, let replaced): (number, supersedes) = (taken, replaced)
      }
    } catch let error as GenerateError {
      throw error
    } catch let error as StoreError {
      throw .store(error)
    } catch {
      throw .input("\(error)")
    }
    var written: String?
    do throws(GenerateError) {
      // One letter: rendered again under its number, which is exact whatever the template does.
      let letter = try draft.numbered(
        number, provisional: provisional, fillable: false, prepared: prepared, factory: factory,
        validator: validator)
      let checked = letter.report
      if !checked.valid && !output.force {
        throw GenerateError.invalid(number: number, subject: subject, findings: checked.findings)
      }
      // What the document is issued despite is kept with it, as the validator's warnings are.
      let findings = checked.findings + prepared.warnings.map(Finding.init(issuedDespite:))
      var bytes = letter.bytes
      var path = try DocumentService.path(
        folder: output.folder, date: request.date, number: number, kind: request.kind.rawValue,
        customer: request.customer)
      if !checked.valid {
        bytes = Gate.markInvalid(bytes, findings: findings)
        path = String(path.dropLast(".html".count)) + "-INVALID.html"
      }
      try write(bytes, to: path)
      written = path
      var pdfPath: String?
      if output.pdf {
        let target = String(path.dropLast(".html".count)) + ".pdf"
        do {
          try PDFPrinter.print(html: path, to: target, engine: output.pdfEngine)
        } catch {
          throw GenerateError.pdf(error.description)
        }
        pdfPath = target
      }
      let digest = SHA256.hex(bytes)
      do {
        try store.complete(
          number: number, status: checked.valid ? .issued : .invalid, sha256: digest, path: path,
          findings: findings.isEmpty ? nil : findings.map(\.description).joined(separator: "\n"))
      } catch {
        throw GenerateError.store(error)
      }
      var issued = IssuedDocument(number: number, path: path, pdfPath: pdfPath, sha256: digest, findings: findings)
      if let supersedes {
        issued.supersedes = supersedes
        issued.notes = replaced(supersedes, by: request, output: output)
      }
      return issued
    } catch {
      // The document is not issued: nothing stays under its final name.
      if let written { unlink(written) }
      try? store.complete(number: number, status: .void, sha256: nil, path: nil, findings: error.description)
      throw error
    }
  }

  /// After a reissue: the superseded file moved aside, and the month's batch outputs (when a
  /// batch wrote them) rebuilt from the register, so its manifest and print files list the
  /// new letter and not the old one. What could not be done is said, not thrown: the new
  /// letter is issued.
  func replaced(_ old: String, by request: LetterRequest, output: OutputOptions) -> [String] {
    var notes: [String] = []
    let previous = try? store.entry(old)
    if let warning = SupersededFiles.archive(old, store: store) { notes.append("warning: " + warning) }
    if let moved = try? store.entry(old)?.path, moved != previous?.path {
      notes.append("\(old) is superseded; its file is now \(moved)")
    }
    guard request.kind == .confirmation || request.kind == .dunning else { return notes }
    let month = String(request.asOf.iso.prefix(7))
    let folder = Batch.folder(output.folder, month: month, kind: request.kind)
    guard FileBytes.exists(folder + "/manifest.json") else { return notes }
    let batch = Batch(source: source, policy: policy, store: store, templateRoots: templateRoots)
    do {
      let result = try batch.run(
        BatchOptions(
          kind: request.kind, asOf: request.asOf, date: request.date, locale: request.locale, customers: [],
          output: output))
      notes.append("\(folder): manifest.csv, manifest.json and print.html rebuilt")
      notes += result.pdfs.map { "\($0) printed again" }
      notes += result.warnings.map { "warning: \($0.number): \($0.message)" }
    } catch {
      notes.append(
        "warning: \(folder) still lists \(old): \(error.description); run 'ardoc batch --kind \(request.kind.rawValue)' for \(month) to rebuild it"
      )
    }
    return notes
  }

  func write(_ bytes: [UInt8], to path: String) throws(GenerateError) {
    do {
      if let slash = path.lastIndex(of: "/") { try FileBytes.createFolder(String(path[..<slash])) }
      try FileBytes.writeAtomically(bytes, to: path)
    } catch {
      throw .file(error)
    }
  }

  /// `<folder>/<yyyy-mm>/<number>-<kind>-<customer>.html`. Every part is reduced to a safe
  /// file name, so no number pattern or id can lead outside the folder.
  public static func path(folder: String, date: CivilDate, number: String, kind: String, customer: String)
    throws(GenerateError)
    -> String
  {
    let month = String(date.iso.prefix(7))
    let name = [number, kind, customer].map(safeFileName).joined(separator: "-") + ".html"
    guard name.count <= 240 else { throw .input("the file name for \(number) would be longer than 240 characters") }
    return (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/" + month + "/" + name
  }

  /// Path separators, control characters, the characters Windows refuses (`:*?"<>|`) and
  /// leading dots become `_`.
  public static func safeFileName(_ part: String) -> String {
    var result = String(
      part.unicodeScalars.map { scalar -> Character in
        // Also the characters Windows file shares refuse, where finance often keeps letters.
        if scalar.value < 0x20 || scalar.value == 0x7F || "/\\:*?\"<>|".unicodeScalars.contains(scalar) {
          return "_"
        }
        return Character(scalar)
      })
    while result.hasPrefix(".") { result = "_" + result.dropFirst() }
    return result.isEmpty ? "_" : result
  }
}
