import NIOCore

/// Closes a connection whose client has stopped reading its answers for `limit`: the answers
/// wait in the server's memory until it reads them, and the idle timeout does not run while
/// one is being written. A client that sends request after request and reads none (a
/// pipelining attack, or a client that hung) would otherwise hold its connection for ever.
///
/// A client that reads, however slowly, lets the server's buffer drain; each time it does,
/// the connection is writable again and the deadline starts over.
final class WriteDeadline: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = NIOAny

  private let limit: TimeAmount
  private var closing: Scheduled<Void>?

  init(limit: TimeAmount) {
    self.limit = limit
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable {
      closing?.cancel()
      closing = nil
    } else if closing == nil {
      // The channel, which may cross threads, closes it; the handler's context may not.
      let channel = context.channel
      closing = context.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
    }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    closing?.cancel()
    closing = nil
    context.fireChannelInactive()
  }
}
