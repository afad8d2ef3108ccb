/// What a confirmation letter's register entry says of it beside its kind (the `detail`).
public enum ConfirmationDetail: String, Sendable, CaseIterable {
  /// It also asks for payment (`confirm --collect`): a demand.
  case collect
  /// A second notice (再次询证) of a letter the customer has not answered: the same balance
  /// asked again, numbered anew, superseding nothing. It stands beside the letter, not for it.
  case secondNotice = "second-notice"
}
