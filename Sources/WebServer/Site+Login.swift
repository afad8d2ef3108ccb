import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LedgerStore

extension Site {
  /// The cookie that carries the login form's token (``loginToken(_:)``).
  static let loginCookie = "ardoc_login"
  /// The cookie that carries a logged-in user's session.
  static let sessionCookie = "ardoc_session"

  /// The login form. A visitor who is not logged in holds no session on the server: the
  /// form's csrf token is also in a cookie of its own (path /login, SameSite=Strict), and
  /// the posted form must carry the same token (``AccessMiddleware``). Nothing is stored per
  /// visit, so visits without an account cannot fill the server's memory.
  func loginPage(_ request: Request, context: WebContext, message: String? = nil, status: HTTPResponse.Status = .ok)
    -> Response
  {
    let session = context.sessions.session ?? WebSession(user: nil, role: nil, csrf: Self.loginToken(request))
    var response = pages.render(
      .login, ["message": message.map { .string($0) } ?? .null], status: status, session: session)
    if context.sessions.session == nil {
      response.setCookie(
        Cookie(
          name: Self.loginCookie, value: session.csrf, maxAge: 15 * 60, path: "/login", secure: options.tls,
          httpOnly: true, sameSite: .strict))
    }
    return response
  }

  /// The address a login comes from: the connection's, or behind a proxy on this machine
  /// (`--behind-proxy`) the last address the proxy adds to `X-Forwarded-For` (earlier ones
  /// are the client's own word, which anyone can write).
  func clientAddress(_ request: Request, context: WebContext) -> String {
    let peer = context.remoteAddress?.ipAddress ?? "unknown"
    guard options.behindProxy, ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(peer),
      let name = Self.forwardedFor, let forwarded = request.headers[values: name].last,
      let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
    else { return peer }
    return last
  }

  static let forwardedFor = HTTPField.Name("X-Forwarded-For")

  /// The login form's token: the one the browser's cookie already holds, or a new one.
  static func loginToken(_ request: Request) -> String {
    if let held = request.cookies[loginCookie]?.value, held.utf8.count == 64,
      held.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    {
      return held
    }
    return WebSession.newToken()
  }

  /// Checks the user name and password, throttled per name and address; a new session (and
  /// token) on success, so a session fixed before login is worth nothing after it, and the
  /// session the browser held before (another user's, on a shared computer) is removed from
  /// the server rather than left valid.
  func login(_ request: Request, context: WebContext) async throws -> Response {
    let fields = try await request.form()
    // A form without a name or password is no attempt at either: said, and not counted.
    let missing = [("username", fields["username"] == nil), ("password", (fields.raw("password") ?? "").isEmpty)]
      .filter(\.1).map(\.0)
    if !missing.isEmpty {
      return loginPage(
        request, context: context, message: "\(missing.joined(separator: " and ")): missing; fill in both.",
        status: .unprocessableContent)
    }
    let name = fields["username"] ?? ""
    let password = fields.raw("password") ?? ""
    let address = clientAddress(request, context: context)
    let (userKey, addressKey) = ("user:" + name.lowercased(), "address:" + address)
    let now = ContinuousClock.now
    if let wait = await throttle.attempt([userKey, addressKey], now: now) {
      let minutes = max(1, Int((wait.components.seconds + 59) / 60))
      var refused = loginPage(
        request, context: context,
        message:
          "Too many failed logins for this user name or address; try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
        status: .tooManyRequests)
      // In seconds, for a client that waits by itself (RFC 9110 section 10.2.3).
      refused.headers[.retryAfter] = String(max(1, wait.components.seconds))
      return refused
    }
    let store = self.store
    let account = try await offloaded { try Accounts.verify(name: name, password: password, store: store) }
    guard let account else {
      return loginPage(request, context: context, message: "Wrong user name or password.", status: .unauthorized)
    }
    await throttle.succeeded(user: userKey, address: addressKey, attempt: now)
    if context.sessions.session != nil { _ = try? await sessions.delete(request: request) }
    context.sessions.clearSession()
    context.sessions.createSession(
      WebSession(
        user: account.name, role: account.role, csrf: WebSession.newToken(), account: WebSession.account(account)))
    return .redirect(to: "/customers", type: .normal)
  }
}
