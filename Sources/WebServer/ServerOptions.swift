import Foundation
import Workflows

/// How `ardoc serve` runs: where it listens, which store and templates it uses, where
/// documents go.
public struct ServerOptions: Sendable {
  /// 127.0.0.1 unless said otherwise: the page is for this machine until someone decides to
  /// share it.
  public var host: String
  /// 0 picks a free port (the one chosen is printed).
  public var port: Int
  public var storePath: String
  public var templateRoots: [String]
  public var output: OutputOptions
  public var policyPath: String?
  /// The page is reached over HTTPS (a TLS-terminating proxy in front of it): the session
  /// cookie is marked `Secure`.
  public var tls: Bool
  /// Seconds a connection may stay silent (no request, or a request that stops half-way), and
  /// a form's body may take to arrive in all, before the connection is closed, so that stalled
  /// or trickling clients do not hold connections for ever.
  public var idleTimeout: Int
  /// A reverse proxy on this machine forwards the page: a login's address is the one the
  /// proxy names last in `X-Forwarded-For` (for connections from this machine only), so that
  /// the throttle counts each client's failures, not everyone's together as the proxy's.
  public var behindProxy: Bool

  public init(
    host: String = "127.0.0.1", port: Int = 8080, storePath: String, templateRoots: [String],
    output: OutputOptions = OutputOptions(), policyPath: String? = nil, tls: Bool = false, idleTimeout: Int = 60,
    behindProxy: Bool = false
  ) {
    self.behindProxy = behindProxy
    self.host = host
    self.port = port
    self.storePath = storePath
    self.templateRoots = templateRoots
    self.output = output
    self.policyPath = policyPath
    self.tls = tls
    self.idleTimeout = idleTimeout
  }

  /// Whether the server listens on this machine only.
  public var loopbackOnly: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" }
}
