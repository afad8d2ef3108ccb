import Basics
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import Ledger
import LedgerStore
import NIOCore
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
    // Expired sessions are removed every minute by the driver's own service, run with the
    // server's: the driver alone only ignores them.
    let persist = MemoryPersistDriver(configuration: .init(tidyFrequency: .seconds(60)))
    let sessions = SessionStorage<WebSession>(
      persist,
      configuration: SessionStorageConfiguration(
        sessionCookieParameters: SessionCookieParameters(
          name: Site.sessionCookie, secure: options.tls, sameSite: .strict))
    )
    let site = try makeSite(options, sessions: sessions)
    let router = Router(context: WebContext.self)
    router.add(middleware: SecurityHeaders())
    router.add(middleware: SessionMiddleware(sessionStorage: sessions, defaultSessionExpiration: .seconds(8 * 60 * 60)))
    router.add(middleware: AccessMiddleware(store: site.store))
    site.addRoutes(to: router)
    let host = options.host
    let idle = TimeAmount.seconds(Int64(options.idleTimeout))
    var app = Application(
      responder: RequestRules(
        base: HeadResponder(base: router.buildResponder()), routes: router.routes,
        bodyDeadline: .seconds(options.idleTimeout)),
      server: .http1(
        configuration: HTTP1Channel.Configuration(
          additionalChannelHandlers: [HTTP10Handler.Installer(), ContinueHandler(), WriteDeadline(limit: idle)],
          idleTimeout: idle)),
      configuration: ApplicationConfiguration(address: .hostname(host, port: options.port), serverName: "ardoc"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? options.port
        listening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
      })
    app.addServices(persist)
    try await app.runService()
  }

  static func makeSite(_ options: ServerOptions, sessions: SessionStorage<WebSession>) throws -> Site {
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
      return Site(
        options: options, pages: pages, store: try LedgerStore(path: options.storePath), policy: policy,
        sessions: sessions)
    } catch {
      throw StartError(description: error.description)
    }
  }
}

extension Request {
  /// The posted form's fields (the body was read by ``RequestRules``).
  func form() async throws -> FormFields {
    var copy = self
    return FormFields(body: Array(buffer: try await copy.collectBody(upTo: RequestRules.largestForm)))
  }
}
