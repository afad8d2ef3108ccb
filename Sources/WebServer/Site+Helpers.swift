import Basics
import Foundation
import Hummingbird

/// What the routes share: path segments, dates from fields, blocking work off the server's
/// threads.
extension Site {
  /// A document number as a path segment.
  static func pathPart(_ number: String) -> String {
    number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#")))
      ?? number
  }

  /// A date field: ISO, or nil when empty.
  func date(_ text: String?, field: String) throws(PageError) -> CivilDate? {
    guard let text else { return nil }
    do {
      return try CivilDate(entered: text)
    } catch {
      throw PageError(.unprocessableContent, "\(field): \(error.description)")
    }
  }

  /// Blocking work off the server's threads, its page error kept.
  func work<T: Sendable>(_ body: @escaping @Sendable () throws(PageError) -> T) async throws(PageError) -> T {
    let result: Result<T, PageError>
    do {
      result = try await offloaded { () -> Result<T, PageError> in
        do throws(PageError) {
          return .success(try body())
        } catch {
          return .failure(error)
        }
      }
    } catch {
      throw PageError.failed("\(error)")
    }
    return try result.get()
  }
}
