/// The four document kinds.
public enum DocumentKind: String, Sendable, CaseIterable {
  case confirmation
  case dunning
  case installmentProposal = "installment-proposal"
  case penaltyNotice = "penalty-notice"
}
