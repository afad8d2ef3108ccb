import HTTPTypes
import Hummingbird

/// Headers that tell a browser what the server's answers may do: never shown inside another
/// site's frame (a finance user's click on a hidden batch button), no guessing of a file's
/// type, no address sent to other sites, nothing kept in the browser's cache; and on pages and
/// documents, no scripts at all (the
/// pages have none, so text from a ledger that slipped past escaping could not run), styles
/// only from the page itself, forms sent only to this server.
struct SecurityHeaders: RouterMiddleware {
  typealias Context = WebContext

  /// The policy of every page and document: a letter's own `<style>` and inline SVG charts
  /// are allowed, nothing else is loaded.
  static let contentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  static let fields: [HTTPField] =
    [
      (HTTPField.Name.xContentTypeOptions, "nosniff"),
      (HTTPField.Name("X-Frame-Options"), "DENY"), (HTTPField.Name("Referrer-Policy"), "same-origin"),
    ].compactMap { name, value in name.map { HTTPField(name: $0, value: value) } }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as any HTTPResponseError {
      // An error's answer (a body that never came, a path no route takes) carries the headers too.
      response = try error.response(from: request, context: context)
    } catch {
      // So does a failure no route turned into an answer (a store locked at login): 500, its
      // details on standard error, as a route's own failures are.
      response = AccessMiddleware.text(.internalServerError, PageError.failed("\(error)").message)
    }
    Self.secure(&response)
    return response
  }

  /// The challenge of a 401: HTTP requires one (RFC 9110 section 11.6.1), and the page's
  /// login is a form that sets a session cookie, which no registered scheme describes. This
  /// one follows the cookie scheme of draft-broyer-http-cookie-auth: where to log in and the
  /// cookie that carries the session.
  static let challenge = #"Cookie realm="ardoc", form-action="/login", cookie-name=""# + Site.sessionCookie + "\""

  /// Adds the headers to an answer, whichever part of the server made it.
  static func secure(_ response: inout Response) {
    for field in Self.fields { response.headers[field.name] = field.value }
    // Letters, PDFs and a batch's files hold a company's receivables: none stays in a shared
    // computer's browser cache.
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    // Pages and documents only: a browser's PDF viewer is a page of its own, which the
    // policy would stop.
    if response.headers[.contentType]?.contains("html") == true {
      response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
    }
    if response.status == .unauthorized && response.headers[.wwwAuthenticate] == nil {
      response.headers[.wwwAuthenticate] = Self.challenge
    }
  }
}
