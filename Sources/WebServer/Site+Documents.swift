import Basics
import Foundation
import Hummingbird
import LedgerStore
import Templating
import Vocabulary
import Workflows

extension Site {
  /// The register: every document the user may see, by kind and month.
  func documents(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let query = FormFields(request.uri.query ?? "")
    let kind = query["kind"].flatMap(DocumentKind.init(rawValue:))
    if let text = query["kind"], kind == nil {
      throw PageError(
        .unprocessableContent,
        "kind: '\(text)' is not one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let month = query["month"]
    if let month, !(month.count == 7 && (try? CivilDate(iso: month + "-01")) != nil) {
      throw PageError(.unprocessableContent, "month: '\(month)' is not a month; write it as YYYY-MM, e.g. 2026-11")
    }
    let view = try await work { () throws(PageError) -> TemplateMembers in
      let visible: Set<String>? =
        session.role?.seesAllCustomers == true
        ? nil : Set(visibleCustomers(try ledger(), for: session).map(\.id))
      let entries: [RegisterEntry]
      do throws(StoreError) {
        entries = try store.entries(kind: kind).filter { entry in
          (visible?.contains(entry.customer) ?? true) && (month.map { DocumentPath.month(entry.asOf) == $0 } ?? true)
        }
      } catch {
        throw PageError.failed(error.description)
      }
      return [
        "kinds": .array(DocumentKind.allCases.map { .string($0.rawValue) }),
        "kind": kind.map { .string($0.rawValue) } ?? .null, "month": month.map { .string($0) } ?? .null,
        "documents": .array(entries.reversed().map(Self.entryView)),
      ]
    }
    return pages.render(.documents, view, session: session)
  }

  /// `/documents/{number}`: the document's page; `{number}.html` and `{number}.pdf`: its files,
  /// found through the register by number (never a path from the request).
  func document(_ request: Request, context: WebContext, message: String? = nil, status: HTTPResponse.Status = .ok)
    async throws(PageError) -> Response
  {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let name = context.parameter("name")
    for suffix in [".html", ".pdf"] where name.hasSuffix(suffix) {
      let number = String(name.dropLast(suffix.count))
      let found = try await work { () throws(PageError) in try entry(number, for: session) }
      return try await file(of: found, pdf: suffix == ".pdf")
    }
    let found = try await work { () throws(PageError) in try entry(name, for: session) }
    var view: TemplateMembers = ["document": Self.entryView(found)]
    view["path"] = .string(Self.pathPart(found.number))
    view["message"] = message.map { .string($0) } ?? .null
    view["findings"] = .array((found.findings ?? "").split(separator: "\n").map { .string(String($0)) })
    // A statement takes the customer's stamp (agreed only: a new balance of theirs is a disputed
    // reply to the letter), recorded for the letter it answers.
    view["takesReply"] = .bool(
      [.confirmation, .reconciliation].contains(found.kind) && found.status == .issued && found.path != nil)
    view["takesDispute"] = .bool(found.kind == .confirmation)
    let history = (try? store.replyHistory(letter: found.number)) ?? []
    view["replies"] = .array(
      history.map { reply in
        [
          "answer": .string(reply.answer.rawValue), "receivedOn": .string(reply.receivedOn.iso),
          "state": .string(reply.state.rawValue), "theirBalance": reply.theirBalance.map { .number($0) } ?? .null,
          "unexplained": reply.unexplained.map { .number($0) } ?? .null,
          "signedBy": reply.signedBy.map { .string($0) } ?? .null,
        ] as TemplateValue
      })
    view["today"] = .string(CivilDate.today().iso)
    return pages.render(.document, view, status: status, session: session)
  }

  func file(of entry: RegisterEntry, pdf: Bool) async throws(PageError) -> Response {
    guard let path = entry.path, path.hasSuffix(".html") else {
      throw PageError(.notFound, "\(entry.number) has no file in the register.")
    }
    let engine = options.output.pdfEngine
    let target = pdf ? PDFPrinter.pdfPath(beside: path) : path
    if pdf {
      // A PDF is printed from the document's file: without it there is nothing to print, as
      // there is nothing to show (404, the page's words), not a printer that failed.
      guard FileBytes.size(path) != nil else {
        throw PageError(.notFound, "\(entry.number)'s file cannot be read: no such file or folder")
      }
      do {
        try await printDesk.ensure(target) { try PDFPrinter.print(html: path, to: target, engine: engine) }
      } catch {
        // The printer's message names the server's paths and program: for its log only. 503:
        // the document is there; the printer (a browser the server starts) is not working now.
        FileHandle.standardError.write(Data("ardoc serve: \(error)\n".utf8))
        throw PageError(
          .serviceUnavailable,
          "The PDF could not be printed now; the server's log says why. The HTML is at \(entry.number).html.")
      }
    }
    let bytes = try await work { () throws(PageError) -> [UInt8] in
      do throws(FileBytes.Failure) {
        return try FileBytes.read(target, limit: 256 << 20)
      } catch {
        throw PageError(.notFound, "\(entry.number)'s file cannot be read: \(error.reason)")
      }
    }
    if pdf {
      return Response(
        status: .ok,
        headers: [
          .contentType: "application/pdf",
          .contentDisposition: "inline; filename=\"\(DocumentPath.safeFileName(entry.number)).pdf\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    return Pages.html(bytes)
  }

  /// Records the customer's reply from the document's page through the same service as
  /// `ardoc reply`; a refusal is shown there with its message (422).
  func recordReply(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let number = context.parameter("name")
    _ = try await work { () throws(PageError) in try entry(number, for: session) }
    let fields: FormFields
    do {
      fields = try await request.form()
    } catch {
      throw PageError(.badRequest, "The form could not be read.")
    }
    let names = ["csrf", "answer", "received", "signedBy", "theirBalance", "note"]
    if let (name, nearest) = fields.unknown(among: names) {
      return try await document(
        request, context: context,
        message:
          "\(name): is not a field of this form; \(nearest.map { "did you mean '\($0)'? " } ?? "")its fields are \(names.dropFirst().joined(separator: ", "))",
        status: .unprocessableContent)
    }
    guard let answer = fields["answer"].flatMap(ReplyAnswer.init(rawValue:)) else {
      return try await document(
        request, context: context, message: "answer: choose agreed or disputed", status: .unprocessableContent)
    }
    let received: CivilDate
    do {
      received = try CivilDate(entered: fields["received"] ?? "")
    } catch {
      return try await document(
        request, context: context, message: "received: \(error.description)", status: .unprocessableContent)
    }
    let reply = ReplyRequest(
      letter: number, answer: answer, receivedOn: received, signedBy: fields["signedBy"],
      theirBalance: answer == .disputed ? fields["theirBalance"] : nil, note: fields["note"])
    let service = ReplyService(store: store)
    let outcome = try await work { () throws(PageError) -> Result<String, PageError> in
      do throws(ReplyError) {
        return .success(try service.record(reply).reply.letter)
      } catch {
        return .failure(PageError(.unprocessableContent, FormWords.page(error.description, FormWords.reply)))
      }
    }
    switch outcome {
    case .failure(let refusal):
      return try await document(request, context: context, message: refusal.message, status: refusal.status)
    case .success(let letter):
      // The reply is the letter's (a statement's stamp or a second notice's reply too): its
      // page lists it.
      return .redirect(to: "/documents/\(Self.pathPart(letter))", type: .normal)
    }
  }
}
