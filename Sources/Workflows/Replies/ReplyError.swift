/// Why a reply was not recorded, listed or acted on: what is wrong, with the letter, option or
/// file it concerns, and how to fix it. Nothing was recorded.
public struct ReplyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The whole message, starting with `error:` (or a file's located lines).
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
