import Basics
import Foundation
import Hummingbird
import HummingbirdAuth
import LedgerStore
import NIOCore
import Vocabulary

/// What a browser's session holds: who is logged in and the token every form posts back
/// (`csrf`), so that another site cannot post in their name. The login page shows one with
/// nobody in it, which is never stored (its token lives in the browser's login cookie).
struct WebSession: Codable, Sendable {
  var user: String?
  var role: UserRole?
  var csrf: String
  /// Which account the user logged in as (``account(_:)``): a user removed and added again
  /// (a new password, or the name given to someone else) is another account, and the session
  /// ends.
  var account: String?

  /// A session's mark of an account: SHA-256 of its password hash, which bcrypt salts anew
  /// each time an account is added.
  static func account(_ account: UserAccount) -> String { SHA256.hex(Array(account.passwordHash.utf8)) }

  /// 32 random bytes, hex.
  static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
  }
}

/// A request's context: the session, the address it came from (login throttling) and its
/// connection.
struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
  typealias Session = WebSession
  var coreContext: CoreRequestContextStorage
  var identity: String?
  let sessions: SessionContext<WebSession>
  let remoteAddress: SocketAddress?
  /// The connection, closed when a body does not arrive in time.
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    identity = nil
    sessions = .init()
    remoteAddress = source.channel.remoteAddress
    channel = source.channel
  }
}

extension WebContext {
  /// A path parameter as the user means it: percent-decoded (a customer id `C 14` arrives as
  /// `C%2014`), empty when missing.
  func parameter(_ name: String) -> String {
    let raw = parameters.get(name) ?? ""
    return raw.removingPercentEncoding ?? raw
  }
}
