import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request's head is read.
/// A client that asks first (Go's and .NET's HTTP clients, curl for a large body) otherwise
/// holds its form back until its own timeout runs out (curl: one second) before sending it.
/// A form announced larger than the page accepts gets no 100: the access middleware answers
/// 413 without reading it, and the client need not send it at all.
final class ContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundOut = HTTPResponsePart

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head(let request) = unwrapInboundIn(data), let expect = request.headerFields[.expect],
      expect.lowercased() == "100-continue",
      (request.headerFields[.contentLength].flatMap { Int($0) } ?? 0) <= AccessMiddleware.largestForm
    {
      context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
    }
    context.fireChannelRead(data)
  }
}
