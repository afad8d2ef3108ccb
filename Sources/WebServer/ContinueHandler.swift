import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request's head is read.
/// A client that asks first (Go's and .NET's HTTP clients, curl for a large body) otherwise
/// holds its form back until its own timeout runs out (curl: one second) before sending it.
/// A form announced larger than the page accepts gets no 100: ``RequestRules`` answers
/// 413 without reading it, and the client need not send it at all.
///
/// A response that says `Connection: close` (that 413) closes the connection once written:
/// the server would otherwise wait for a body the client may never send before it reads the
/// next request.
final class ContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  /// The response being written said `Connection: close`.
  private var closing = false

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let part = unwrapOutboundIn(data)
    switch part {
    case .head(let response):
      closing = response.headerFields[.connection]?.lowercased() == "close"
      context.write(data, promise: promise)
    case .end where closing:
      closing = false
      context.writeThenClose(data, promise: promise)
    default:
      context.write(data, promise: promise)
    }
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head(let request) = unwrapInboundIn(data), let expect = request.headerFields[.expect],
      expect.lowercased() == "100-continue",
      (request.headerFields[.contentLength].flatMap { Int($0) } ?? 0) <= RequestRules.largestForm
    {
      context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
    }
    context.fireChannelRead(data)
  }
}

extension ChannelHandlerContext {
  /// Writes the last part of an answer, then closes the connection once it is written.
  func writeThenClose(_ data: NIOAny, promise: EventLoopPromise<Void>?) {
    let written = eventLoop.makePromise(of: Void.self)
    // The channel, which may cross threads, closes it; the handler's context may not.
    let channel = self.channel
    written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    written.futureResult.cascade(to: promise)
    write(data, promise: written)
  }
}
