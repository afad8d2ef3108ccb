import Basics
import Letters

/// A customer (and currency) the batch wrote no letter for, with a reason code a finance
/// team can count and filter on, listed in `skipped.csv` beside the manifests.
public struct BatchSkip: Sendable, Equatable {
  public enum Reason: String, Sendable, CaseIterable {
    case noActivity = "no-activity"
    case zeroBalance = "zero-balance"
    case openIssue = "open-issue"
    case noConfirmedOwner = "no-confirmed-owner"
    case nothingDue = "nothing-due"
    case refused
    case failedValidation = "failed-validation"
    /// Another run (a single document) is writing the customer's letter right now.
    case inProgress = "in-progress"
    /// The customer disputes the balance (their latest reply says "信息不符").
    case disputed

    /// What to do about it, in the words of the file's `fix` column.
    public var fix: String {
      switch self {
      case .noActivity, .zeroBalance: return "nothing to do"
      case .openIssue: return "close the contract's open issue in the ledger, or write the letter by hand after review"
      case .noConfirmedOwner:
        return
          "record the customer's confirmed payment owner (a contact with role payment-owner, confirmed on a date) and import the ledger again"
      case .nothingDue:
        return
          "nothing to do until an amount is overdue past the dunning start; when one is overdue but short of the policy's levels, 'ardoc dun --level' writes the letter all the same"
      case .refused: return "correct the ledger or the policy as the message says and run the batch again"
      case .failedValidation:
        return "correct the ledger or template the message names and run the batch again; no number was taken"
      case .inProgress: return "nothing to do: the other run writes it; run the batch again to list it"
      case .disputed: return "end the dispute as preflight says, or \(Self.despiteDispute)"
      }
    }
    /// The batch takes no `--despite-dispute`; the single command does.
    static let despiteDispute = despiteDispute(customer: "CUSTOMER", currency: "CURRENCY")

    /// The single command that writes one customer's letter despite its dispute, as it runs.
    static func despiteDispute(customer: String, currency: String) -> String {
      "write the letter with 'ardoc dun --customer \(customer) --currency \(currency) --despite-dispute' after review"
    }
  }

  public static let fileName = "skipped.csv"

  public let customer: String
  /// The account's currency; empty when the customer got no account at all.
  public let currency: String
  public let reason: Reason
  public let message: String
  /// What to do about it: the reason's, or this customer's own (how their dispute ends).
  public let fix: String

  /// `fix`: what to do when it is this customer's own; the reason's ``Reason/fix`` otherwise.
  public init(customer: String, currency: String, reason: Reason, message: String, fix: String? = nil) {
    self.customer = customer
    self.currency = currency
    self.reason = reason
    self.message = message
    self.fix = fix ?? reason.fix
  }

  /// The skip of a letter the factory refused. A dispute is said as it stands, and the fix
  /// is how it ends, with the letter's or statement's number (``DisputeAdvice``).
  static func refused(_ refusal: LetterRefusal, customer: String, currency: String) -> BatchSkip {
    guard case .disputed(let advice) = refusal.cause else {
      return BatchSkip(customer: customer, currency: currency, reason: reason(refusal), message: refusal.message)
    }
    return BatchSkip(
      customer: customer, currency: currency, reason: .disputed, message: advice.state,
      fix: "\(advice.advice), or \(Reason.despiteDispute(customer: customer, currency: currency))")
  }

  /// The customer, with the currency when it has several accounts.
  public var label: String { currency.isEmpty ? customer : "\(customer) \(currency)" }

  /// A refused letter's reason code.
  static func reason(_ refusal: LetterRefusal) -> Reason {
    switch refusal.cause {
    case .noConfirmedOwner: return .noConfirmedOwner
    case .nothingDue: return .nothingDue
    case .disputed: return .disputed
    case .other: return .refused
    }
  }

  /// `skipped.csv`: one row per skip, with the header.
  static func csv(_ skips: [BatchSkip]) -> [UInt8] {
    var text = "\u{FEFF}" + CSVWriter.row(["customer", "currency", "reason", "message", "fix"])
    for skip in skips {
      text += CSVWriter.row([skip.customer, skip.currency, skip.reason.rawValue, skip.message, skip.fix])
    }
    return Array(text.utf8)
  }

  /// "2 skipped: 1 zero-balance, 1 no-confirmed-owner", reasons in the order of ``Reason``.
  public static func summary(_ skips: [BatchSkip]) -> String {
    let counts = Reason.allCases.compactMap { reason -> String? in
      let count = skips.filter { $0.reason == reason }.count
      return count == 0 ? nil : "\(count) \(reason.rawValue)"
    }
    return "\(skips.count) skipped" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", "))
  }
}
