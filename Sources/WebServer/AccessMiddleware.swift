import Basics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LedgerStore
import NIOCore

/// Every route but the login page and the stylesheet needs a logged-in user who is still a
/// user: a page asked for without one is sent to the login page, a form posted without one
/// gets 401; a user removed since logging in is logged out, and a changed role counts at
/// once. Every form posted must carry the session's `csrf` token, and one a browser sends
/// from another site's page (its `Origin`) is refused (403 both). A path,
/// field or query value with a character no page could show (a control, U+FFFE, U+FFFF) is
/// refused (422).
struct AccessMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: LedgerStore

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    // A path names a customer or a document: none holds such a character, and no page could
    // repeat it (a NUL would also end the name early where it is looked up).
    guard let path = request.uri.path.removingPercentEncoding else {
      return Self.text(.badRequest, "path: not a valid percent-encoded address; check the link")
    }
    if let bad = path.unicodeScalars.first(where: FormFields.refused) {
      return Self.text(.unprocessableContent, "path: contains \(bad.refusedName); remove it")
    }
    let query = FormFields(request.uri.query ?? "")
    // A query a page cannot read as sent (a bad '%', a field twice) is refused rather than
    // read in part: a report for another day than asked is worse than none.
    if let problem = query.problem {
      return Self.text(.badRequest, "\(problem.field): \(problem.message)")
    }
    if let bad = query.controlCharacter {
      return Self.text(.unprocessableContent, "\(bad.field): contains \(bad.scalar); remove it")
    }
    let open = request.uri.path == "/login" || request.uri.path == "/web.css"
    var session = context.sessions.session
    if let name = session?.user {
      let store = self.store
      let account = try await offloaded { try store.user(name) }
      if let account, session?.account == WebSession.account(account) {
        if account.role != session?.role, var updated = session {
          updated.role = account.role
          _ = context.sessions.updateSession(updated)
          session = updated
        }
      } else {
        context.sessions.clearSession()
        session = nil
      }
    }
    if !open && session?.user == nil {
      if request.method == .get || request.method == .head { return .redirect(to: "/login", type: .normal) }
      // A browser's form after the session ended (a restart, eight hours): the login page,
      // saying why, rather than a line of text for programs.
      if Self.fromBrowser(request) { return .redirect(to: "/login?ended=session", type: .normal) }
      return Self.text(.unauthorized, "Log in first: POST /login with username, password and csrf.")
    }
    guard request.method == .post else { return try await next(request, context) }
    if let refusal = Self.crossSite(request) { return Self.text(.forbidden, refusal) }
    // The page's forms are urlencoded; another body (a multipart upload, JSON) would be read as
    // if it were one, and fail on a token it does carry.
    if let type = request.headers[.contentType] {
      let parts = type.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      if parts.first?.lowercased() != "application/x-www-form-urlencoded" {
        return Self.text(
          .unsupportedMediaType,
          "The form must be sent as application/x-www-form-urlencoded (as the page's forms are), not \(type).")
      }
      // Its fields are read as UTF-8, which the page's forms send: another charset's text
      // would be stored as something else.
      if let charset = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("charset=") }),
        !["utf-8", "utf8"].contains(charset.dropFirst("charset=".count).trimmingCharacters(in: ["\""]).lowercased())
      {
        return Self.text(
          .unsupportedMediaType, "The form must be sent in UTF-8 (as the page's forms are), not \(charset).")
      }
    }
    // The body is in hand: RequestRules read it, at most its largestForm and in time.
    var request = request
    let body = try await request.collectBody(upTo: RequestRules.largestForm)
    request.body = .init(buffer: body)
    let fields = FormFields(body: Array(buffer: body))
    // The login form's token is the session's for a logged-in user, else the login cookie's.
    let expected =
      session?.csrf
      ?? (request.uri.path == "/login" ? request.cookies[Site.loginCookie]?.value : nil)
    guard let expected, let token = fields.raw("csrf"), Self.same(token, expected) else {
      // The login page left open past its token's 15 minutes: a fresh one, saying why.
      if request.uri.path == "/login", session?.user == nil, Self.fromBrowser(request) {
        return .redirect(to: "/login?ended=form", type: .normal)
      }
      return Self.text(
        .forbidden, "The form's csrf token is missing or wrong; reload the page and send the form again.")
    }
    if let problem = fields.problem {
      return Self.text(.unprocessableContent, "\(problem.field): \(problem.message)")
    }
    if let bad = fields.controlCharacter {
      return Self.text(.unprocessableContent, "\(bad.field): contains \(bad.scalar); remove it")
    }
    return try await next(request, context)
  }

  /// Whether the request comes from a browser's page (it takes HTML), not a program.
  static func fromBrowser(_ request: Request) -> Bool {
    request.headers[.accept]?.lowercased().contains("text/html") == true
  }

  static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
  }

  /// The header a proxy names the browser's host in.
  static let forwardedHost = HTTPField.Name("X-Forwarded-Host")

  /// Why a posted form comes from another site's page, or nil. A browser names the page's
  /// origin when it posts a form; one that is not this server as the browser reached it (the
  /// `Host`, or behind a proxy its `X-Forwarded-Host`) is refused before the token is looked at,
  /// which also stops a token planted in a cookie by a sibling site. Clients that send no
  /// `Origin` (scripts, curl) still need the token.
  static func crossSite(_ request: Request) -> String? {
    guard let origin = request.headers[.origin] else { return nil }
    var authority = Substring(origin.lowercased())
    for scheme in ["https://", "http://"] where authority.hasPrefix(scheme) {
      authority = authority.dropFirst(scheme.count)
    }
    let forwarded = Self.forwardedHost.flatMap { request.headers[$0] }?.split(separator: ",").first
    let reached = [request.head.authority, forwarded.map(String.init)].compactMap {
      $0?.trimmingCharacters(in: .whitespaces).lowercased()
    }
    if authority != Substring(origin.lowercased()), reached.contains(String(authority)) { return nil }
    return
      "The form was sent from another site's page (Origin: \(origin); this server is \(reached.first ?? "unnamed")); open the page at this server and send the form from there. Behind a proxy, pass the browser's host on in X-Forwarded-Host."
  }

  /// Compares tokens in time that does not depend on where they differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
  }
}
