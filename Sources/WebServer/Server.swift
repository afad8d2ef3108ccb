import Basics
import Foundation
import Hummingbird
import HummingbirdAuth
import Ledger
import LedgerStore
import Templating
import Workflows

/// `ardoc serve`: the salesperson's and finance team's web page, on Hummingbird 2.
public enum ArdocServer {
  /// Why the server did not start.
  public struct StartError: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// Starts the server and runs it until the process is stopped; `listening` is told the
  /// address once it accepts connections.
  public static func run(_ options: ServerOptions, listening: @escaping @Sendable (String) -> Void) async throws {
    let site = try makeSite(options)
    let router = Router(context: WebContext.self)
    router.add(
      middleware: SessionMiddleware(
        storage: MemoryPersistDriver(),
        configuration: SessionMiddlewareConfiguration(
          sessionCookieParameters: SessionCookieParameters(
            name: "ardoc_session", secure: options.tls, sameSite: .strict),
          defaultSessionExpiration: .seconds(8 * 60 * 60))))
    router.add(middleware: AccessMiddleware())
    site.addRoutes(to: router)
    let host = options.host
    let app = Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(host, port: options.port), serverName: "ardoc"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? options.port
        listening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
      })
    try await app.runService()
  }

  static func makeSite(_ options: ServerOptions) throws -> Site {
    let pages: Pages
    do {
      pages = try Pages(roots: options.templateRoots)
    } catch {
      throw StartError(description: error.description)
    }
    let policy: Policy
    do {
      policy = try Inputs.policy(options.policyPath)
    } catch {
      throw StartError(description: error.description)
    }
    do {
      return Site(options: options, pages: pages, store: try LedgerStore(path: options.storePath), policy: policy)
    } catch {
      throw StartError(description: error.description)
    }
  }
}

/// Every route but the login page and the stylesheet needs a logged-in user: a page asked for
/// without one is sent to the login page, a form posted without one gets 401. Every form
/// posted must carry the session's `csrf` token (403 otherwise).
struct AccessMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let open = request.uri.path == "/login" || request.uri.path == "/web.css"
    let session = context.sessions.session
    if !open && session?.user == nil {
      if request.method == .get || request.method == .head { return .redirect(to: "/login", type: .normal) }
      return Response(
        status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "Log in first: POST /login with username, password and csrf.\n")))
    }
    guard request.method == .post else { return try await next(request, context) }
    var request = request
    let body = try await request.collectBody(upTo: 1 << 20)
    let fields = FormFields(String(buffer: body))
    guard let session, let token = fields["csrf"], token == session.csrf else {
      return Response(
        status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(
          byteBuffer: ByteBuffer(
            string: "The form's csrf token is missing or wrong; reload the page and send the form again.\n")))
    }
    return try await next(request, context)
  }
}

extension Request {
  /// The posted form's fields (the body was collected by ``AccessMiddleware``).
  func form() async throws -> FormFields {
    var copy = self
    return FormFields(String(buffer: try await copy.collectBody(upTo: 1 << 20)))
  }
}
