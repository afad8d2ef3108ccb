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

  /// Issues one document. A confirmation or dunning letter, or a reconciliation statement, the
  /// customer already has for the currency and month (see ``LedgerStore/reserveLetter(_:pattern:reissue:)``) is refused
  /// with ``GenerateError/standing(_:)`` unless `reissue`; a reissue supersedes it, moves its
  /// file aside and rebuilds the month's batch outputs that listed it.
  public func issue(_ request: LetterRequest, output: OutputOptions, reissue: Bool = false) throws(GenerateError)
    -> IssuedDocument
  {
    if let problem = LetterRequest.timeProblem(asOf: request.asOf, date: request.date, today: .today()) {
      throw .refused(LetterRefusal(customer: request.customer, problem))
    }
    try output.checkPDFEngine()
    if let problem = RegisterFolder.problem(store) { throw .input(problem) }
    let history: [RegisterEntry]
    let replies: [Reply]
    do {
      history = try store.entries(customer: request.customer)
      replies = try store.repliesInForce(customer: request.customer)
    } catch {
      throw .store(error)
    }
    var request = request
    // A statement lists the letter's invoices: as the letter it answers listed them.
    if request.kind == .reconciliation, let number = request.letter,
      let letter = history.first(where: { $0.number == number })
    {
      do {
        request.listed = try ReplyService(store: store).listedInvoices(letter).map {
          ListedInvoice(invoice: $0.invoice, open: $0.open)
        }
      } catch {
        throw .input(
          error.description.hasPrefix("error: ") ? String(error.description.dropFirst(7)) : error.description)
      }
    }
    let factory = LetterFactory(
      ledger: ledger, policy: policy, templateRoots: templateRoots, history: history, replies: replies)
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
    // The folder first: one that cannot be made takes no number (none is voided for it).
    let folder = DocumentPath.folder(output.folder, asOf: request.asOf, kind: request.kind, detail: prepared.detail)
    do {
      try FileBytes.createFolder(folder)
    } catch {
      throw GenerateError.file(error)
    }
    let run: Run
    do {
      run = try store.beginRun(
        kind: request.kind, month: DocumentPath.month(request.asOf),
        folder: DocumentPath.folder(output.folder, asOf: request.asOf, kind: request.kind), batch: false,
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
        pattern: pattern, reissue: reissue,
        replacing: reissue
          ? disputeTheLedgerOvertook(request, currency: prepared.currency, history: history, replies: replies) : nil)
      switch reservation {
      case .standing(let entry): throw GenerateError.standing(entry)
      case .answered(let entry, let reply):
        let dispute = replies.first { $0.letter == entry.number && $0.answer == .disputed }
        throw GenerateError.answered(
          entry, reply: reply, advice: dispute.map { DisputeAdvice($0, history: history) })
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
      if !letter.report.valid && !output.force {
        throw GenerateError.invalid(number: number, subject: subject, findings: letter.report.findings)
      }
      let document = try DocumentWriter.write(
        letter, number: number, kind: request.kind, customer: request.customer, folder: folder,
        warnings: prepared.warnings)
      written = document.path
      var pdfPath: String?
      if output.pdf {
        let target = PDFPrinter.pdfPath(beside: document.path)
        do {
          try PDFPrinter.print(html: document.path, to: target, engine: output.pdfEngine)
        } catch {
          throw GenerateError.pdf(error.description)
        }
        pdfPath = target
      }
      do {
        try store.completeBatch([document.completion(ledger: version, amount: prepared.amount)])
      } catch {
        throw GenerateError.store(error)
      }
      var issued = IssuedDocument(
        number: number, path: document.path, pdfPath: pdfPath, sha256: document.sha256, findings: document.findings)
      if let supersedes {
        issued.supersedes = supersedes
        issued.notes = replaced(supersedes, with: number, by: request, output: output)
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
  func replaced(_ old: String, with new: String, by request: LetterRequest, output: OutputOptions) -> [String] {
    var notes: [String] = []
    let previous = try? store.entry(old)
    if let warning = SupersededFiles.archive(old, store: store) { notes.append("warning: " + warning) }
    if let moved = try? store.entry(old)?.path, moved != previous?.path {
      notes.append("\(old) is superseded; its file is now \(moved)")
    }
    // A reply stays the answer to the letter it answered; the new letter asks again.
    if let reply = try? store.replyInForce(letter: old) {
      notes.append(
        "\(old)'s reply (\(reply.answer.rawValue), received \(reply.receivedOn.iso)) stays with it; \(new) asks the customer again\(reply.answer == .disputed ? ", and the dispute holds back dunning letters, notices and proposals until they answer it ('ardoc reply \(new) …')" : "")"
      )
    }
    guard request.kind == .confirmation || request.kind == .dunning else { return notes }
    let month = DocumentPath.month(request.asOf)
    // The month's outputs where this letter was written, and where the one it replaces was
    // (a batch run with another --out): both would list the old letter.
    var roots = [output.folder]
    let suffix = String(DocumentPath.folder("", month: month, kind: request.kind))
    if let path = previous?.path, let slash = path.lastIndex(of: "/"), path[..<slash].hasSuffix(suffix) {
      let root = String(path[..<slash].dropLast(suffix.count))
      if !root.isEmpty,
        DocumentPath.folder(root, month: month, kind: request.kind)
          != DocumentPath.folder(output.folder, month: month, kind: request.kind)
      {
        roots.append(root)
      }
    }
    for root in roots {
      let folder = DocumentPath.folder(root, month: month, kind: request.kind)
      guard FileBytes.exists(folder + "/manifest.json") else { continue }
      var there = output
      there.folder = root
      let batch = Batch(source: source, policy: policy, store: store, templateRoots: templateRoots)
      do {
        let result = try rebuild(
          batch,
          BatchOptions(
            kind: request.kind, asOf: request.asOf, date: request.date, locale: request.locale, customers: [],
            output: there))
        notes.append("\(folder): manifest.csv, manifest.json and print.html rebuilt")
        notes += result.pdfs.map { "\($0) printed again" }
        notes += result.warnings.map { "warning: \($0.number): \($0.message)" }
      } catch {
        notes.append(
          "warning: \(folder) still lists \(old): \(error.description); run 'ardoc batch --kind \(request.kind.rawValue)\(root == OutputOptions.standardFolder ? "" : " --out \(root)")' for \(month) to rebuild it"
        )
      }
    }
    return notes
  }

  /// Rebuilds the month's outputs, waiting (up to the store's lock timeout) while another run
  /// holds the month: another reissue rebuilding them a moment earlier may not yet have seen
  /// this letter, so the outputs are rebuilt again once it is done, not left to it.
  func rebuild(_ batch: Batch, _ options: BatchOptions) throws(GenerateError) -> BatchResult {
    let deadline = Date().addingTimeInterval(LedgerStore.lockTimeout)
    while true {
      do {
        return try batch.run(options)
      } catch {
        guard case .store(let failure) = error, failure.busy, Date() < deadline else { throw error }
        usleep(50_000)
      }
    }
  }
}
