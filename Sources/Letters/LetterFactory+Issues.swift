import Ledger

/// What the ledger's open project issues change: a customer with an unresolved complaint about
/// the work is not chased by the batch, and a document written by hand says it was written
/// knowing of it. A legal demand is refused while one is open.
extension LetterFactory {
  /// The customer's open project issues, each as "contract: description, open since date", of
  /// its contracts in `currency` (every contract when nil).
  ///
  /// ```swift
  /// factory.openIssues(customer: "C009", currency: "CNY")
  /// // ["HT-2026-019: 质量追溯模块与客户 ERP 接口数据不一致，客户拒绝签署终验, open since 2026-09-05"]
  /// ```
  public func openIssues(customer: String, currency: String?) -> [String] {
    ledger.contracts.filter { $0.customer == customer && (currency == nil || $0.currency == currency) }.flatMap {
      contract in
      contract.openIssues.map {
        "\(contract.id): \($0.description)\($0.since.map { ", open since \($0.iso)" } ?? "")"
      }
    }
  }

  /// The warning a dunning letter or a penalty notice short of a legal demand is written with
  /// while the account's contracts have an open project issue: the batch leaves such an
  /// account out, for a person to decide; one written by hand is that decision, on record.
  func openIssueWarning(_ request: LetterRequest, account: Account) -> LetterWarning? {
    guard request.kind == .dunning || (request.kind == .penaltyNotice && request.measure != .legalDemand) else {
      return nil
    }
    let open = openIssues(customer: request.customer, currency: account.currency)
    guard !open.isEmpty else { return nil }
    return LetterWarning(
      .openIssue, "written while the ledger shows an open project issue — \(open.joined(separator: "; "))")
  }
}
