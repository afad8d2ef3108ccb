/// The `<meta name="ardoc:…">` elements of a document's head: what the templates fill in,
/// the validator reads and the print bundle marks itself with. Each name is written here once.
///
/// ```swift
/// metas[MetaName.balance.rawValue]   // "ardoc:balance"
/// ```
public enum MetaName: String, Sendable, CaseIterable {
  case kind = "ardoc:kind"
  case number = "ardoc:number"
  case customer = "ardoc:customer"
  case date = "ardoc:date"
  case asOf = "ardoc:as-of"
  case currency = "ardoc:currency"
  case balance = "ardoc:balance"
  case paymentOwner = "ardoc:payment-owner"
  case locale = "ardoc:locale"
  /// A dunning letter's level, `1` to `3`.
  case level = "ardoc:level"
  /// A penalty notice's measure (``PenaltyMeasure``).
  case measure = "ardoc:measure"
  /// A legal demand's late interest total.
  case interest = "ardoc:interest"
  /// A reconciliation statement's confirmation letter, whose disputed reply it answers.
  case letter = "ardoc:letter"
  /// A reconciliation statement's balance as the customer's books show it.
  case theirBalance = "ardoc:their-balance"
  /// Marks ardoc's own print bundles, which the validator skips.
  case bundle = "ardoc:bundle"

  /// What every document must carry, not empty.
  public static let required: [MetaName] = [
    .kind, .number, .customer, .date, .asOf, .currency, .balance, .paymentOwner,
  ]
}

/// The namespace of template directives (`xmlns:t="urn:ardoc:template"`): the engine compiles
/// them, and the validator refuses any left in a document.
public let templateNamespaceURI = "urn:ardoc:template"
