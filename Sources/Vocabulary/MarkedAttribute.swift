/// The attributes that mark an element for the validator (docs/design.md section 6): any
/// element carrying one is read by a rule, so a render records it as it writes it.
public enum MarkedAttribute: String, Sendable, CaseIterable {
  case field = "data-field"
  case seal = "data-seal"
  case amount = "data-amount"
  case claim = "data-claim"
  case periodOf = "data-period-of"
  case date = "data-date"
  case signature = "data-signature"
  case itemAmount = "data-item-amount"
  case unexplained = "data-unexplained"
  /// An installment of a phased-payment proposal, its amount as a plain decimal.
  case installment = "data-installment"
}

/// The elements the validator reads by name: the metadata and where findings point.
public enum MarkedElement: String, Sendable, CaseIterable {
  case meta, head, body
}
