import Basics
import Ledger
import Vocabulary

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

/// The confirmation letter a second notice asks about again.
public struct ResentLetter: Sendable, Equatable {
  public let number: String
  public let date: CivilDate
  /// The balance the letter stated, which the second notice states again.
  public let balance: ExactDecimal
  /// The letter was also a payment request (`--collect`): the notice must not call itself
  /// "not a request for payment", which would take that request back.
  public let requestedPayment: Bool

  public init(number: String, date: CivilDate, balance: ExactDecimal, requestedPayment: Bool = false) {
    self.number = number
    self.date = date
    self.balance = balance
    self.requestedPayment = requestedPayment
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
  /// The register's detail of a confirmation with a payment request.
  public static let collectDetail = ConfirmationDetail.collect.rawValue
  /// Dunning: force a level instead of the policy's.
  public var level: Int?
  public var installments: InstallmentOptions?
  public var measure: PenaltyMeasure?
  /// The payment deadline the document sets (default: the policy's `paymentDeadlineDays`
  /// after the document's date).
  public var deadline: CivilDate?
  /// Penalty notice: issue it although the account is below the policy's threshold for the
  /// measure; the document is then issued with a warning that the register keeps.
  public var despiteThreshold: Bool
  /// Dunning letter or penalty notice: write it although the customer disputes the balance
  /// (their latest reply to a confirmation letter says "信息不符"); issued with a warning the
  /// register keeps.
  public var despiteDispute: Bool = false
  /// Reconciliation statement: the confirmation letter whose disputed reply it answers.
  public var letter: String?
  /// Reconciliation statement: the invoices that letter lists, each with its open amount there,
  /// read from the file the register issued. The statement shows the ledger's open invoices at
  /// the letter's as-of date, which must still be these.
  public var listed: [ListedInvoice]?
  /// Confirmation: a second notice (再次询证) of this letter, which the customer has not
  /// answered.
  public var resending: ResentLetter?

  public init(
    kind: DocumentKind, customer: String, currency: String? = nil, asOf: CivilDate, date: CivilDate? = nil,
    locale: String = DocumentLocale.standard.rawValue, collect: Bool = false, level: Int? = nil,
    installments: InstallmentOptions? = nil,
    measure: PenaltyMeasure? = nil, deadline: CivilDate? = nil, despiteThreshold: Bool = false
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
    self.deadline = deadline
    self.despiteThreshold = despiteThreshold
  }

  /// The day the document asks to be paid by.
  public func paymentDeadline(_ policy: Policy) -> CivilDate {
    deadline ?? date.adding(days: policy.paymentDeadlineDays)
  }
}

extension LetterRequest {
  /// Why a document dated `date` cannot state figures as of `asOf`, or nil: figures as of a
  /// day after the document's own date cannot be known when it is written, and a court would
  /// ask how they were.
  public static func datesProblem(asOf: CivilDate, date: CivilDate, deadline: CivilDate? = nil) -> String? {
    if let deadline, deadline <= date {
      return
        "--deadline \(deadline.iso) is not after the document's date \(date.iso); give the customer at least one day to pay"
    }
    guard date < asOf else { return nil }
    return
      "--date \(date.iso) is before --as-of \(asOf.iso): a document cannot state figures as of a day after its own date; date it \(asOf.iso) or later"
  }
}

extension LetterRequest {
  /// How far ahead of today a document may be dated: one prepared for the month's end a few
  /// weeks before it is sent.
  public static let daysDatedAhead = 31

  /// Why a document issued today cannot be dated `date` with figures as of `asOf`, or nil: the
  /// ledger shows no balance for a day that has not come (a legal demand as of 2999 claimed
  /// 973 years of interest), and a date far ahead is a typing slip that would take a number
  /// of a year to come for good.
  public static func timeProblem(asOf: CivilDate, date: CivilDate, today: CivilDate) -> String? {
    if asOf > today {
      return
        "--as-of \(asOf.iso) is after today (\(today.iso)): the ledger cannot show a balance for a day that has not come; use today or an earlier day"
    }
    if date > today.adding(days: daysDatedAhead) {
      return
        "--date \(date.iso) is more than \(daysDatedAhead) days after today (\(today.iso)); date a document the day it is sent"
    }
    return nil
  }
}

/// Something a document is issued despite: printed with it and kept with its register entry.
public struct LetterWarning: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// Issued below the policy's threshold for the measure (`--despite-threshold`).
    case threshold
    /// A claimed invoice's limitation period ends before, or soon after, the payment deadline.
    case limitation
    /// Written while the customer disputes the balance (`--despite-dispute`).
    case dispute
    /// Written while the ledger shows an open project issue on the account's contracts.
    case openIssue = "open-issue"
    /// Dated after money the ledger shows received since the as-of date, which its figures
    /// leave out.
    case laterPayment = "later-payment"
    /// An earlier document the register recorded long after the date it bears: not cited.
    case recordedLate = "recorded-late"
    /// A legal demand claims interest at a contract's agreed rate above
    /// ``LetterFactory/agreedRateLPRMultiple`` × the one-year LPR: a court may reduce it.
    case agreedRate = "agreed-rate"
  }
  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { "[\(kind.rawValue)] \(message)" }
}

/// An invoice as a letter lists it: its number and the amount open there.
public struct ListedInvoice: Sendable, Hashable {
  public let invoice: String
  public let open: ExactDecimal

  public init(invoice: String, open: ExactDecimal) {
    self.invoice = invoice
    self.open = open
  }
}

/// Why a document is not produced: the reason and how to fix it.
public struct LetterRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  /// The refusals a batch counts apart (``cause``); every other is `.other`.
  public enum Cause: Sendable, Equatable {
    case noConfirmedOwner
    /// Nothing overdue, or not yet past the dunning start.
    case nothingDue
    /// The customer disputes the balance and the reconciliation is not done; how it ends.
    case disputed(DisputeAdvice)
    case other
  }

  public let customer: String
  public let message: String
  public let cause: Cause

  public init(customer: String, _ message: String, cause: Cause = .other) {
    self.customer = customer
    self.message = message
    self.cause = cause
  }

  public var description: String { "error: \(customer): \(message)" }
}
