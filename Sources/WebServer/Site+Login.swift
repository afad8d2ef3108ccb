import Foundation
import Hummingbird
import HummingbirdAuth
import LedgerStore

extension Site {
  /// The login form; a browser without a session gets one here, for the form's csrf token.
  func loginPage(context: WebContext, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
    var session = context.sessions.session
    if session == nil {
      let fresh = WebSession.anonymous()
      // A visitor who never logs in holds a session for a quarter of an hour, not eight.
      context.sessions.createSession(fresh, expiresIn: .seconds(15 * 60))
      session = fresh
    }
    return pages.render(
      .login, ["message": message.map { .string($0) } ?? .null], status: status, session: session)
  }

  /// Checks the user name and password, throttled per name and address; a new session (and
  /// token) on success, so a session fixed before login is worth nothing after it.
  func login(_ request: Request, context: WebContext) async throws -> Response {
    let fields = try await request.form()
    let name = fields["username"] ?? ""
    let password = fields.raw("password") ?? ""
    let address = context.remoteAddress?.ipAddress ?? "unknown"
    let keys = ["user:" + name.lowercased(), "address:" + address]
    if let wait = await throttle.attempt(keys) {
      let minutes = max(1, Int((wait.components.seconds + 59) / 60))
      return loginPage(
        context: context,
        message:
          "Too many failed logins for this user name or address; try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
        status: .tooManyRequests)
    }
    let store = self.store
    let account = try await offloaded { try Accounts.verify(name: name, password: password, store: store) }
    guard let account else {
      return loginPage(context: context, message: "Wrong user name or password.", status: .unauthorized)
    }
    await throttle.succeeded(keys)
    context.sessions.clearSession()
    context.sessions.createSession(WebSession(user: account.name, role: account.role, csrf: WebSession.newToken()))
    return .redirect(to: "/customers", type: .normal)
  }
}
