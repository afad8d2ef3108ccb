#if canImport(Glibc)
  import Glibc
#endif

/// What a long run says when it is stopped with Ctrl-C or `kill` (SIGINT, SIGTERM): a batch
/// stopped that way leaves no half-written file and finishes when run again, but a user who
/// sees it vanish without a word cannot know that. The process still ends as the signal
/// ends it (exit status 130 or 143).
enum Interruption {
  /// The message, copied once into memory the handler can write without allocating: a
  /// signal handler may call only async-signal-safe functions such as write(2).
  nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?

  /// Says `text` on standard error if SIGINT or SIGTERM stops the process from now on.
  static func say(_ text: String) {
    let bytes = Array(text.utf8)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = buffer.initialize(from: bytes)
    message = buffer
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber) { received in
        if let message = Interruption.message, let base = message.baseAddress {
          _ = Glibc.write(2, base, message.count)
        }
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }
}
