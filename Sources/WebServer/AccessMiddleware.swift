import Foundation
import Hummingbird
import HummingbirdAuth
import LedgerStore

/// Every route but the login page and the stylesheet needs a logged-in user who is still a
/// user: a page asked for without one is sent to the login page, a form posted without one
/// gets 401; a user removed since logging in is logged out, and a changed role counts at
/// once. Every form posted must carry the session's `csrf` token (403 otherwise). A field or
/// query value with a control character is refused (422): no page could show it.
struct AccessMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: LedgerStore

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    if let bad = FormFields(request.uri.query ?? "").controlCharacter {
      return Self.text(.unprocessableContent, "\(bad.field): contains the control character \(bad.scalar); remove it")
    }
    let open = request.uri.path == "/login" || request.uri.path == "/web.css"
    var session = context.sessions.session
    if let name = session?.user {
      let store = self.store
      let account = try await offloaded { try store.user(name) }
      if let account {
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
      return Self.text(.unauthorized, "Log in first: POST /login with username, password and csrf.")
    }
    guard request.method == .post else { return try await next(request, context) }
    var request = request
    let body = try await request.collectBody(upTo: 1 << 20)
    let fields = FormFields(String(buffer: body))
    guard let session, let token = fields.raw("csrf"), Self.same(token, session.csrf) else {
      return Self.text(
        .forbidden, "The form's csrf token is missing or wrong; reload the page and send the form again.")
    }
    if let bad = fields.controlCharacter {
      return Self.text(.unprocessableContent, "\(bad.field): contains the control character \(bad.scalar); remove it")
    }
    return try await next(request, context)
  }

  static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
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
