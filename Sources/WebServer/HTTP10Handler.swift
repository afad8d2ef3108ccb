import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Answers an HTTP/1.0 request as HTTP/1.0 and closes its connection once answered unless the
/// request asked to keep it (`Connection: keep-alive`). Hummingbird's HTTP types carry no
/// version, so without this a 1.0 client that reads to the end of the connection (as 1.0
/// allows) waited for the idle timeout after every answer.
///
/// It sits before the HTTP/1 to HTTP types conversion (``install``), where the version is
/// still known. Requests are answered in the order they came, so the versions of the ones not
/// yet answered are kept in that order.
final class HTTP10Handler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  /// A request read and not yet answered: whether it was HTTP/1.0 and asked to keep the
  /// connection.
  private struct Asked {
    var old: Bool
    var keepAlive: Bool
  }

  private var unanswered: [Asked] = []
  /// The answer being written ends the connection: the request was 1.0 and did not ask to
  /// keep it, or the answer has no length a 1.0 client could read it by.
  private var closing = false
  /// The answer being written is an interim one a 1.0 client does not know (`100 Continue`).
  private var dropping = false

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
    let old = head.version == .http1_0
    unanswered.append(Asked(old: old, keepAlive: head.isKeepAlive))
    if old && !head.isKeepAlive {
      // What the server's request loop reads to stop after this answer.
      head.headers.replaceOrAdd(name: "connection", value: "close")
    }
    context.fireChannelRead(wrapInboundOut(.head(head)))
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head):
      if head.status.code < 200 {
        // An interim answer is not the request's answer; a 1.0 client is sent none.
        dropping = unanswered.first?.old == true
        if dropping { promise?.succeed() } else { context.write(data, promise: promise) }
        return
      }
      dropping = false
      guard !unanswered.isEmpty else { return context.write(data, promise: promise) }
      let asked = unanswered.removeFirst()
      guard asked.old else { return context.write(data, promise: promise) }
      head.version = .http1_0
      closing = !asked.keepAlive || !head.headers.contains(name: "content-length")
      head.headers.replaceOrAdd(name: "connection", value: closing ? "close" : "keep-alive")
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    case .end where dropping:
      dropping = false
      promise?.succeed()
    case .body where dropping:
      promise?.succeed()
    case .end where closing:
      closing = false
      context.writeThenClose(data, promise: promise)
    default:
      context.write(data, promise: promise)
    }
  }
}

extension HTTP10Handler {
  /// Puts an ``HTTP10Handler`` before the HTTP/1 to HTTP types conversion once the server
  /// adds it to a connection (Hummingbird adds its extra handlers after that conversion), then
  /// takes itself out.
  final class Installer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
      let pipeline = context.pipeline.syncOperations
      do {
        let codec = try pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self)
        try pipeline.addHandler(HTTP10Handler(), position: .before(codec.handler))
      } catch {
        // A pipeline without HTTP/1 has no 1.0 requests to answer.
      }
      pipeline.removeHandler(context: context, promise: nil)
    }
  }
}
