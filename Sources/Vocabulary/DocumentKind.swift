/// The document kinds.
public enum DocumentKind: String, Sendable, CaseIterable {
  case confirmation
  case dunning
  case installmentProposal = "installment-proposal"
  case penaltyNotice = "penalty-notice"
  /// A reconciliation statement (余额调节表): our balance, the reconciling items and the
  /// customer's balance, answering a disputed reply to a confirmation letter.
  case reconciliation
}
