import Basics

/// How a customer answered a confirmation letter.
public enum ReplyAnswer: String, Sendable, CaseIterable {
  /// Stamped "信息证明无误": the customer acknowledges the balance (a debtor's agreement to
  /// perform, which restarts the limitation period of the invoices it included).
  case agreed
  /// "信息不符": the customer's books show another balance; a reconciliation follows.
  case disputed
}

/// A confirmation letter's reply as listings show it: none in force, or the answer in force.
public enum ReplyStatus: String, Sendable, CaseIterable {
  case pending, agreed, disputed
}

/// One item of a reconciliation (余额调节表): what accounts for part of the difference
/// between the customer's balance and ours.
public struct ReconcilingItem: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// We invoiced; the customer has not booked the invoice yet.
    case invoiceNotBooked = "invoice-not-booked"
    /// The customer paid; we have not received or booked the payment yet.
    case paymentInTransit = "payment-in-transit"
    /// A credit note one side has booked and the other not.
    case creditNotBooked = "credit-not-booked"
    /// Both booked it, at different amounts.
    case amountDiffers = "amount-differs"
    case other
  }

  public let kind: Kind
  /// The invoice, payment or credit note it concerns, as either side numbers it.
  public let reference: String
  /// Their balance minus ours that this item accounts for: negative where their books show
  /// less (an invoice they have not booked), positive where they show more.
  public let amount: ExactDecimal
  public let note: String

  public init(kind: Kind, reference: String, amount: ExactDecimal, note: String) {
    self.kind = kind
    self.reference = reference
    self.amount = amount
    self.note = note
  }
}

/// A reply to a confirmation letter, as the register keeps it. A letter has at most one reply
/// in force; a later one supersedes it, a mistaken one is withdrawn, and both stay in its
/// history.
public struct Reply: Sendable, Equatable {
  public enum State: String, Sendable, CaseIterable {
    case inForce = "in-force"
    /// Replaced by a later reply to the same letter.
    case superseded
    /// Recorded by mistake and taken back; the letter is pending again.
    case withdrawn
  }

  public var id: Int64
  /// The confirmation letter's number, and its customer and currency.
  public var letter: String
  public var customer: String
  public var currency: String
  /// The letter's as-of date: the day its balance was stated for.
  public var asOf: CivilDate
  public var answer: ReplyAnswer
  public var receivedOn: CivilDate
  /// Who signed the reply for the customer, when the reply says.
  public var signedBy: String?
  /// The letter's balance: ours.
  public var ourBalance: ExactDecimal
  /// A disputed reply's balance as the customer's books show it.
  public var theirBalance: ExactDecimal?
  public var items: [ReconcilingItem]
  /// Their balance minus ours minus the items: what the reconciliation does not explain yet.
  public var unexplained: ExactDecimal?
  public var note: String?
  /// The copied scan of the reply and its SHA-256.
  public var evidence: String?
  public var evidenceSHA256: String?
  /// The invoices the letter's balance included, which an agreed reply acknowledges.
  public var invoices: [String]
  public var state: State
  public var recordedAt: String
  /// When it was superseded or withdrawn.
  public var endedAt: String?
  /// The second notice the reply came under, when it did: what the customer stamped (the
  /// reply is the letter's, whose balance the notice asked about again).
  public var notice: String?
  /// The letter was reissued since: the reply stays its answer (an agreed one still
  /// acknowledges the invoices it stamped), and a new reply goes to the reissue.
  public var letterSuperseded: Bool

  public init(
    id: Int64, letter: String, customer: String, currency: String, asOf: CivilDate, answer: ReplyAnswer,
    receivedOn: CivilDate,
    signedBy: String? = nil, ourBalance: ExactDecimal, theirBalance: ExactDecimal? = nil, items: [ReconcilingItem] = [],
    unexplained: ExactDecimal? = nil, note: String? = nil, evidence: String? = nil, evidenceSHA256: String? = nil,
    invoices: [String] = [], state: State = .inForce, recordedAt: String = "", endedAt: String? = nil,
    notice: String? = nil, letterSuperseded: Bool = false
  ) {
    self.notice = notice
    self.letterSuperseded = letterSuperseded
    self.id = id
    self.letter = letter
    self.customer = customer
    self.currency = currency
    self.asOf = asOf
    self.answer = answer
    self.receivedOn = receivedOn
    self.signedBy = signedBy
    self.ourBalance = ourBalance
    self.theirBalance = theirBalance
    self.items = items
    self.unexplained = unexplained
    self.note = note
    self.evidence = evidence
    self.evidenceSHA256 = evidenceSHA256
    self.invoices = invoices
    self.state = state
    self.recordedAt = recordedAt
    self.endedAt = endedAt
  }
}
