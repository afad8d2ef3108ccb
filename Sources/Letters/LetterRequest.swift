import Basics
import Ledger
import LedgerStore

/// The four document kinds (DESIGN section 5).
public enum DocumentKind: String, Sendable, CaseIterable {
  case confirmation
  case dunning
  case installmentProposal = "installment-proposal"
  case penaltyNotice = "penalty-notice"
}

/// The measures a penalty notice announces.
public enum PenaltyMeasure: String, Sendable, CaseIterable {
  case stopSupply = "stop-supply"
  case stopService = "stop-service"
  case revokeLicense = "revoke-license"
  case legalDemand = "legal-demand"
}

/// How a phased-payment proposal splits the debt.
public struct InstallmentOptions: Sendable, Equatable {
  public var count: Int
  public var firstPercent: ExactDecimal?
  /// First due date; default: the payment deadline.
  public var start: CivilDate?
  /// `month`, or a number of days between installments.
  public var every: String

  public init(count: Int, firstPercent: ExactDecimal? = nil, start: CivilDate? = nil, every: String = "month") {
    self.count = count
    self.firstPercent = firstPercent
    self.start = start
    self.every = every
  }
}

/// What a user asks for: one document for one customer.
public struct LetterRequest: Sendable {
  public var kind: DocumentKind
  public var customer: String
  /// The account's currency; needed only when the customer has two.
  public var currency: String?
  /// The date the figures are computed at.
  public var asOf: CivilDate
  /// The document's own date (default: the as-of date).
  public var date: CivilDate
  public var locale: String
  /// Confirmation: add an explicit payment request (a demand, which interrupts limitation).
  public var collect: Bool
  /// Dunning: force a level instead of the policy's.
  public var level: Int?
  public var installments: InstallmentOptions?
  public var measure: PenaltyMeasure?

  public init(
    kind: DocumentKind, customer: String, currency: String? = nil, asOf: CivilDate, date: CivilDate? = nil,
    locale: String = "zh-CN", collect: Bool = false, level: Int? = nil, installments: InstallmentOptions? = nil,
    measure: PenaltyMeasure? = nil
  ) {
    self.kind = kind
    self.customer = customer
    self.currency = currency
    self.asOf = asOf
    self.date = date ?? asOf
    self.locale = locale
    self.collect = collect
    self.level = level
    self.installments = installments
    self.measure = measure
  }
}

extension LetterRequest {
  /// Why a document dated `date` cannot state figures as of `asOf`, or nil: figures as of a
  /// day after the document's own date cannot be known when it is written, and a court would
  /// ask how they were.
  public static func datesProblem(asOf: CivilDate, date: CivilDate) -> String? {
    guard date < asOf else { return nil }
    return
      "--date \(date.iso) is before --as-of \(asOf.iso): a document cannot state figures as of a day after its own date; date it \(asOf.iso) or later"
  }
}

/// Why a document is not produced: the reason and how to fix it.
public struct LetterRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  public let customer: String
  public let message: String

  public init(customer: String, _ message: String) {
    self.customer = customer
    self.message = message
  }

  public var description: String { "error: \(customer): \(message)" }
}
