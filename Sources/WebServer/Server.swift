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
    let site = try makeSite(options)
    let router = Router(context: WebContext.self)
    router.add(
      middleware: SessionMiddleware(
        storage: MemoryPersistDriver(),
        configuration: SessionMiddlewareConfiguration(
          sessionCookieParameters: SessionCookieParameters(
            name: "ardoc_session", secure: options.tls, sameSite: .strict),
          defaultSessionExpiration: .seconds(8 * 60 * 60))))
    router.add(middleware: AccessMiddleware(store: site.store))
    site.addRoutes(to: router)
    let host = options.host
    let app = Application(
      router: router,
      server: .http1(
        configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount.seconds(Int64(options.idleTimeout)))),
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

extension Request {
  /// The posted form's fields (the body was collected by ``AccessMiddleware``).
  func form() async throws -> FormFields {
    var copy = self
    return FormFields(String(buffer: try await copy.collectBody(upTo: 1 << 20)))
  }
}
