import Basics
import Foundation
import Hummingbird
import Ledger
import LedgerStore
import Letters
import Templating
import Vocabulary
import Workflows

extension Site {
  /// The aging table of the customers the user may see, with the reply status of their last
  /// confirmation and their readiness; `sort` and `salesperson` from the query.
  func customers(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let query = FormFields(request.uri.query ?? "")
    let asOf = try date(query["asOf"], field: "asOf") ?? CivilDate.today()
    let view = try await work { () throws(PageError) in try customerRows(session: session, asOf: asOf, query: query) }
    return pages.render(.customers, view, session: session)
  }

  func customerRows(session: WebSession, asOf: CivilDate, query: FormFields) throws(PageError) -> TemplateMembers {
    let ledger = try ledger()
    var visible = visibleCustomers(ledger, for: session)
    if let salesperson = query["salesperson"] {
      let theirs = Set(ledger.contracts.filter { $0.salesperson == salesperson }.map(\.customer))
      visible = visible.filter { theirs.contains($0.id) }
    }
    let ids = Set(visible.map(\.id))
    let lines: [AgingLine]
    let replies: [Reply]
    let letters: [ReplyRow]
    do {
      lines = try Receivables(ledger, asOf: asOf).aging(policy).filter { ids.contains($0.customer) }
      replies = try store.repliesInForce()
      letters = try ReplyListing.rows(store, filter: ReplyListing.Filter(), today: asOf)
    } catch {
      throw PageError.failed("\(error)")
    }
    let readiness = Dictionary(
      Preflight(ledger: ledger, asOf: asOf, replies: replies).customers.map { ($0.customer, $0.ready) },
      uniquingKeysWith: { a, _ in a })
    // The customer's latest letter on the page's date: dated by then, the latest by its
    // figures' date, then its own date, then its number (``NumberOrder``).
    func later(_ a: ReplyRow, _ b: ReplyRow) -> Bool {
      (a.asOf, a.date) != (b.asOf, b.date)
        ? (a.asOf, a.date) > (b.asOf, b.date) : NumberOrder.precedes(b.number, a.number)
    }
    let lastLetter = Dictionary(
      letters.filter { $0.date <= asOf }.map { ($0.customer + "|" + $0.currency, $0) },
      uniquingKeysWith: { a, b in later(a, b) ? a : b })
    let names = Dictionary(ledger.customers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    var rows = lines
    switch query["sort"] {
    case "balance": rows.sort { $0.balance > $1.balance }
    case "overdue": rows.sort { $0.maxDaysOverdue > $1.maxDaysOverdue }
    default: break
    }
    let salespeople = Set(ledger.contracts.filter { ids.contains($0.customer) }.map(\.salesperson)).sorted()
    return [
      "asOf": .string(asOf.iso),
      "buckets": .array(policy.agingBuckets.map { .string($0.label) }),
      "salespeople": .array(salespeople.map { .string($0) }),
      "salesperson": query["salesperson"].map { .string($0) } ?? .null,
      "canBatch": .bool(session.role?.runsBatches == true),
      "rows": .array(
        rows.map { line in
          let letter = lastLetter[line.customer + "|" + line.currency]
          return [
            "id": .string(line.customer), "name": .string(names[line.customer] ?? ""),
            "currency": .string(line.currency), "balance": .number(line.balance),
            "buckets": .array(line.buckets.map { .number($0.amount) }),
            "maxDaysOverdue": .number(ExactDecimal(line.maxDaysOverdue)),
            // A reply that arrived after the page's date was not there yet.
            "reply": letter.map {
              .string(($0.receivedOn.map { $0 > asOf } == true ? ReplyStatus.pending : $0.status).rawValue)
            } ?? .string("none"),
            "letter": letter.map { .string($0.number) } ?? .null,
            "ready": .bool(readiness[line.customer] ?? false),
          ] as TemplateValue
        }),
    ]
  }

  /// "Know both sides": the checklist, contacts, open invoices, documents and an aging chart;
  /// with `message`, a refusal to show, and with `standing`, the letter that already stands
  /// when that was the refusal (the page links to it).
  func customerPage(
    _ request: Request, context: WebContext, message: String? = nil, standing: RegisterEntry? = nil,
    status: HTTPResponse.Status = .ok
  ) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let id = context.parameter("id")
    let asOf = try date(FormFields(request.uri.query ?? "")["asOf"], field: "asOf") ?? CivilDate.today()
    var view = try await work { () throws(PageError) in try customerView(id, session: session, asOf: asOf) }
    view["message"] = message.map { .string($0) } ?? .null
    view["standing"] =
      standing.map { ["number": .string($0.number), "href": .string("/documents/\(Self.pathPart($0.number))")] }
      ?? .null
    return pages.render(.customer, view, status: status, session: session)
  }

  func customerView(_ id: String, session: WebSession, asOf: CivilDate) throws(PageError) -> TemplateMembers {
    let ledger = try ledger()
    let customer = try customer(id, in: ledger, for: session)
    let receivables: Receivables
    let entries: [RegisterEntry]
    let replies: [Reply]
    do {
      receivables = try Receivables(ledger, asOf: asOf)
      entries = try store.entries(customer: id)
      replies = try store.repliesInForce(customer: id)
    } catch {
      throw PageError.failed("\(error)")
    }
    let preflight = Preflight(ledger: ledger, asOf: asOf, only: id, replies: replies, history: entries).customers.first
    let lines = (try? receivables.aging(policy))?.filter { $0.customer == id } ?? []
    let owner = customer.confirmedPaymentOwner(at: asOf)
    return [
      "customer": ["id": .string(customer.id), "name": .string(customer.name), "address": .string(customer.address)],
      "asOf": .string(asOf.iso),
      "ready": .bool(preflight?.ready ?? false),
      "checks": .array(
        (preflight?.checks ?? []).map {
          [
            "name": .string($0.name), "passed": .bool($0.passed),
            "detail": .string(FormWords.pageCommands($0.detail)),
          ] as TemplateValue
        }),
      "contacts": .array(
        customer.contacts.map { contact in
          [
            "name": .string(contact.name), "title": .string(contact.title), "phone": .string(contact.phone),
            "email": .string(contact.email), "roles": .string(contact.roles.map(\.rawValue).joined(separator: ", ")),
            "owner": .bool(contact.name == owner?.name),
            "confirmedOn": contact.paymentOwnerConfirmation.map { .string($0.confirmedOn.iso) } ?? .null,
            "method": contact.paymentOwnerConfirmation.map { .string($0.method.rawValue) } ?? .null,
          ] as TemplateValue
        }),
      "accounts": .array(
        receivables.accounts(customer: id).map { account in
          [
            "currency": .string(account.currency), "balance": .number(account.balance),
            "invoices": .array(
              account.openInvoices.map { status in
                [
                  "number": .string(status.invoice.number), "contract": .string(status.invoice.contract),
                  "issuedOn": .string(status.invoice.issuedOn.iso), "dueOn": .string(status.invoice.dueOn.iso),
                  "amount": .number(status.invoice.amount), "open": .number(status.open),
                  "daysOverdue": .number(ExactDecimal(status.daysOverdue)),
                ] as TemplateValue
              }),
          ] as TemplateValue
        }),
      "charts": .array(lines.map { AgingChart.svg($0) }),
      "documents": .array(entries.reversed().map(Self.entryView)),
      "kinds": .array(
        [DocumentKind.confirmation, .dunning, .installmentProposal, .penaltyNotice].map { .string($0.rawValue) }),
      "measures": .array(
        PenaltyMeasure.allCases.filter { $0 != .legalDemand || session.role?.writesLegalDemands == true }.map {
          .string($0.rawValue)
        }),
      "today": .string(asOf.iso),
      // This page's form, once: sent twice, it writes one document (FormsSent).
      "formToken": .string(WebSession.newToken()),
    ]
  }

  static func entryView(_ entry: RegisterEntry) -> TemplateValue {
    [
      "number": .string(entry.number), "kind": .string(entry.kind.rawValue), "date": .string(entry.documentDate.iso),
      "asOf": .string(entry.asOf.iso), "currency": .string(entry.currency), "amount": .number(entry.amount),
      "status": .string(entry.status.rawValue), "detail": entry.detail.map { .string($0) } ?? .null,
      "customer": .string(entry.customer), "hasFile": .bool(entry.path != nil),
    ]
  }

  /// Writes a document through the same desk as the CLI; a refusal is shown on the customer
  /// page (422) with the CLI's statement of it, less the CLI's options, nothing written and no
  /// number taken. A letter that already stands is linked.
  func writeDocument(_ request: Request, context: WebContext) async throws(PageError) -> Response {
    guard let session = context.sessions.session else { throw PageError(.unauthorized, "Log in first.") }
    let id = context.parameter("id")
    let fields: FormFields
    do {
      fields = try await request.form()
    } catch {
      throw PageError(.badRequest, "The form could not be read.")
    }
    _ = try await work { () throws(PageError) in try customer(id, in: try ledger(), for: session) }
    let letter: LetterRequest
    do {
      letter = try DocumentForm.request(fields, customer: id, role: session.role)
    } catch {
      if error.status == .forbidden { throw error }
      return try await customerPage(request, context: context, message: error.message, status: error.status)
    }
    let token = fields["form"]
    switch formsSent.claim(token) {
    case .first: break
    case .written(let number): return .redirect(to: "/documents/\(Self.pathPart(number))", type: .normal)
    case .writing:
      return try await customerPage(
        request, context: context,
        message:
          "error: this form was sent a moment ago and its document is being written; reload the page in a moment",
        status: .conflict)
    }
    let desk = self.desk
    let output = options.output
    let outcome: Result<IssuedDocument, GenerateError>
    do {
      outcome = try await offloaded { () -> Result<IssuedDocument, GenerateError> in
        do throws(GenerateError) {
          return .success(try desk.issue(letter, output: output))
        } catch {
          return .failure(error)
        }
      }
    } catch {
      formsSent.forget(token)
      throw PageError.failed("\(error)")
    }
    if case .success(let issued) = outcome {
      formsSent.written(token, number: issued.number)
    } else {
      formsSent.forget(token)
    }
    switch outcome {
    case .success(let issued): return .redirect(to: "/documents/\(Self.pathPart(issued.number))", type: .normal)
    case .failure(let error):
      switch error {
      case .standing(let entry):
        return try await customerPage(
          request, context: context, message: FormWords.page(error.statement, FormWords.document), standing: entry,
          status: .unprocessableContent)
      case .refused, .invalid, .input, .ledger, .answered:
        return try await customerPage(
          request, context: context, message: FormWords.page(error.statement, FormWords.document),
          status: .unprocessableContent)
      case .store(let failure) where failure.busy:
        // The same form sent twice at once (a double click): the other request is writing it.
        // Which run, its process and the store's settings are for the server's log.
        FileHandle.standardError.write(Data("ardoc serve: \(failure)\n".utf8))
        return try await customerPage(
          request, context: context,
          message:
            "error: another request is writing this document, or the register is busy; reload the page in a moment",
          status: .conflict)
      default:
        throw PageError.failed(error.description)
      }
    }
  }
}
