import Basics
import Foundation
import Hummingbird
import LedgerStore
import Letters
import Templating
import Vocabulary
import Workflows

extension Site {
  /// Starts the month's batch in the background (finance and admin only) and sends the
  /// browser to its progress page.
  func startBatch(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session, let user = session.user else {
      throw PageError(.unauthorized, "Log in first.")
    }
    guard session.role?.runsBatches == true else {
      throw PageError(.forbidden, "The month's batch is run by finance (roles finance or admin).")
    }
    let fields: FormFields
    do {
      fields = try await request.form()
    } catch {
      throw PageError(.badRequest, "The form could not be read.")
    }
    guard let kind = fields["kind"].flatMap(DocumentKind.init(rawValue:)), kind == .confirmation || kind == .dunning
    else {
      throw PageError(.unprocessableContent, "kind: choose confirmation or dunning")
    }
    let asOf = try date(fields["asOf"], field: "asOf") ?? CivilDate.today()
    // Said on the form at once, in its words, as the document form says it, rather than on the
    // progress page of a batch that could not start.
    if let problem = LetterRequest.timeProblem(asOf: asOf, date: asOf, today: .today()) {
      throw PageError(.unprocessableContent, FormWords.page(problem, FormWords.document))
    }
    let id = batches.start(kind: kind, month: DocumentPath.month(asOf), by: user)
    let batch = Batch(source: .store(store), policy: policy, store: store, templateRoots: options.templateRoots)
    // The print PDFs when the PDF engine is installed, as `ardoc batch --pdf` would print them.
    var output = options.output
    output.pdf = (try? PDFPrinter.require(output.pdfEngine)) != nil
    let batchOptions = BatchOptions(kind: kind, asOf: asOf, output: output)
    let jobs = batches
    DispatchQueue.global().async {
      let progress = JobProgress(jobs: jobs, id: id)
      let summary: BatchJobs.Summary?
      let failure: String?
      do {
        let result = try batch.run(batchOptions, progress: progress)
        let names = try FileManager.default.contentsOfDirectory(atPath: result.folder)
        // The print PDFs the run reports, not every name that looks like one (a temporary file
        // of a print under way is named `print-001.pdf.tmp-….pdf`).
        let pdfs = Set(result.pdfs.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
        let served = names.filter { BatchFolder.outputs.contains($0) || pdfs.contains($0) }
        summary = BatchJobs.Summary(
          folder: result.folder, written: result.issuedNow, alreadyIssued: result.alreadyIssued,
          skipped: result.skipped.count, accounts: result.accountsNote, listing: result.listingNote,
          files: served.sorted(),
          warnings: result.warnings.map { "\($0.number): \($0.message)" })
        failure = nil
      } catch let error as GenerateError {
        (summary, failure) = (nil, error.statement)
      } catch {
        (summary, failure) = (nil, "\(error)")
      }
      jobs.finish(id, result: summary, error: failure)
    }
    return .redirect(to: "/batches/\(id)", type: .normal)
  }

  /// The batch's progress, refreshed by the page itself until it is done; then its files.
  func batchPage(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    guard session.role?.runsBatches == true else {
      throw PageError(.forbidden, "The month's batch is run by finance (roles finance or admin).")
    }
    guard let id = context.parameters.get("id", as: Int.self), let job = batches.job(id) else {
      throw PageError(.notFound, "There is no such batch.")
    }
    let view: TemplateMembers = [
      "id": .number(ExactDecimal(job.id)), "kind": .string(job.kind.rawValue), "month": .string(job.month),
      "done": .number(ExactDecimal(job.done)), "total": .number(ExactDecimal(job.total)),
      "finished": .bool(job.finished), "error": job.error.map { .string($0) } ?? .null,
      "result": job.result.map { result in
        [
          "folder": .string(result.folder), "written": .number(ExactDecimal(result.written)),
          "alreadyIssued": .number(ExactDecimal(result.alreadyIssued)),
          "skipped": .number(ExactDecimal(result.skipped)),
          "accounts": result.accounts.map { .string($0) } ?? .null,
          "listing": result.listing.map { .string($0) } ?? .null,
          "files": .array(result.files.map { .string($0) }),
          "warnings": .array(result.warnings.map { .string($0) }),
        ] as TemplateValue
      } ?? .null,
    ]
    return pages.render(.batch, view, session: session)
  }

  /// One of a finished batch's files, by the name the batch listed (never a path).
  func batchFile(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session, session.role?.runsBatches == true else {
      throw PageError(.forbidden, "The month's batch is run by finance (roles finance or admin).")
    }
    guard let id = context.parameters.get("id", as: Int.self), let job = batches.job(id),
      let result = job.result, case let name = context.parameter("name"), result.files.contains(name)
    else {
      throw PageError(.notFound, "There is no such file.")
    }
    let bytes = try await work { () throws(PageError) -> [UInt8] in
      do throws(FileBytes.Failure) {
        return try FileBytes.read(result.folder + "/" + name, limit: 1 << 30)
      } catch {
        throw PageError(.notFound, "\(name) cannot be read: \(error.reason)")
      }
    }
    let type: String
    switch name.split(separator: ".").last {
    case "pdf": type = "application/pdf"
    case "csv": type = "text/csv; charset=utf-8"
    case "json": type = "application/json"
    default: return Pages.html(bytes)
    }
    return Response(
      status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
