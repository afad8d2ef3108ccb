import Basics

/// One document in the register of issued documents.
public struct RegisterEntry: Sendable, Equatable {
  public enum Status: String, Sendable, CaseIterable {
    /// The number is taken; the document is being written.
    case reserved
    case issued
    /// Written with `--force` although the validator refused it.
    case invalid
    /// The number was taken but no document was written; it is never reused.
    case void
    /// Replaced by a reissue that names it in `supersedes`.
    case superseded
  }

  public var number: String
  public var kind: DocumentKind
  public var customer: String
  public var documentDate: CivilDate
  public var asOf: CivilDate
  public var currency: String
  public var amount: ExactDecimal
  public var sha256: String?
  public var path: String?
  public var status: Status
  public var supersedes: String?
  public var findings: String?
  /// Kind-specific detail, e.g. the dunning level or penalty measure.
  public var detail: String?
  /// The run that reserved the number (``Run``); nil for entries from before runs were kept.
  public var run: Int64?
  /// The ledger version the document was written from (``StoreSnapshot/digest``).
  public var ledger: String?
  /// The business day (UTC+8) the register recorded the document, from its `created_at`: a
  /// document's stated date is the user's word, this is the register's. Nil for an entry not
  /// read from a register.
  public var recordedOn: CivilDate?

  public init(
    number: String, kind: DocumentKind, customer: String, documentDate: CivilDate, asOf: CivilDate, currency: String,
    amount: ExactDecimal, sha256: String? = nil, path: String? = nil, status: Status = .reserved,
    supersedes: String? = nil, findings: String? = nil, detail: String? = nil, run: Int64? = nil,
    ledger: String? = nil, recordedOn: CivilDate? = nil
  ) {
    self.number = number
    self.kind = kind
    self.customer = customer
    self.documentDate = documentDate
    self.asOf = asOf
    self.currency = currency
    self.amount = amount
    self.sha256 = sha256
    self.path = path
    self.status = status
    self.supersedes = supersedes
    self.findings = findings
    self.detail = detail
    self.run = run
    self.ledger = ledger
    self.recordedOn = recordedOn
  }

  /// An amount as the register keeps it: two places, no grouping (`244.40`), as the letter and
  /// the manifest show it.
  public static func amountText(_ amount: ExactDecimal) -> String {
    amount.formatted(places: 2, grouping: false)
  }

  /// Kinds of which a customer has one standing letter per currency and as-of month (a
  /// dunning letter: one per level), so that a customer never holds two live confirmations
  /// for the same month. A reconciliation statement stands once per confirmation letter,
  /// whose currency and as-of month it takes: two statements of one dispute with other
  /// figures would both stand as our word. Notices and proposals are separate decisions each
  /// time.
  public static let monthlyKinds: Set<DocumentKind> = [.confirmation, .dunning, .reconciliation]
}
