import Basics
import Foundation

/// The document forms already sent: each customer page gives its form a token of its own
/// (`form`), and a form sent again (a double click, a second tab, a browser's retry) writes no
/// second document. While the first is being written the second is answered 409; once it is
/// written, the second is sent to the same document. A refused form is forgotten: the page it
/// comes back on has a new token anyway. Kept in memory for an hour, at most 10,000 forms.
final class FormsSent: Sendable {
  enum State: Sendable, Equatable {
    case writing
    case written(String)
  }

  /// What the page does with a form.
  enum Claim: Equatable {
    /// Not seen before (or sent without a token): write it.
    case first
    /// The same form is being written now.
    case writing
    /// The same form wrote this document.
    case written(String)
  }

  private let forms = Locked<[String: (state: State, at: Date)]>([:])
  static let kept: TimeInterval = 3600
  static let most = 10_000

  /// Takes the form with `token` for writing, unless it was sent before.
  func claim(_ token: String?) -> Claim {
    guard let token, !token.isEmpty else { return .first }
    let now = Date()
    return forms.withLock { forms in
      if let seen = forms[token], now.timeIntervalSince(seen.at) < Self.kept {
        switch seen.state {
        case .writing: return .writing
        case .written(let number): return .written(number)
        }
      }
      if forms.count >= Self.most {
        forms = forms.filter { now.timeIntervalSince($0.value.at) < Self.kept }
        if forms.count >= Self.most, let oldest = forms.min(by: { $0.value.at < $1.value.at })?.key {
          forms[oldest] = nil
        }
      }
      forms[token] = (.writing, now)
      return .first
    }
  }

  /// The form wrote `number`: a second sending goes to it.
  func written(_ token: String?, number: String) {
    guard let token, !token.isEmpty else { return }
    forms.withLock { $0[token] = (.written(number), Date()) }
  }

  /// The form was refused: sending it again writes it, if it can be written then.
  func forget(_ token: String?) {
    guard let token, !token.isEmpty else { return }
    forms.withLock { $0[token] = nil }
  }
}
