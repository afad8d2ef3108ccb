import Basics
import Ledger
import Letters
import Vocabulary

/// The readiness checklist before collecting: know your own side and the customer's.
public struct Preflight: Sendable {
  public struct Check: Sendable, Equatable {
    public let name: String
    public let passed: Bool
    /// What was found, or what is missing and how to fix it.
    public let detail: String

    public init(name: String, passed: Bool, detail: String) {
      self.name = name
      self.passed = passed
      self.detail = detail
    }
  }

  public struct CustomerReadiness: Sendable, Equatable {
    public let customer: String
    public let name: String
    public let checks: [Check]
    public var ready: Bool { checks.allSatisfy(\.passed) }
  }

  public let asOf: CivilDate
  public let customers: [CustomerReadiness]
  public var allReady: Bool { customers.allSatisfy(\.ready) }

  /// `replies`: the replies in force to confirmation letters, from the register (a customer
  /// who disputes a balance is not ready to be pressed for it); `history`: the register's
  /// entries, oldest first, which say how a dispute ends (a reissue, a statement to stamp).
  public init(
    ledger: Ledger, asOf: CivilDate, only: String? = nil, replies: [Reply] = [], history: [RegisterEntry] = []
  ) {
    self.asOf = asOf
    let historyByCustomer = Dictionary(grouping: history, by: \.customer)
    let contractsByCustomer = Dictionary(grouping: ledger.contracts, by: \.customer)
    let invoicesByContract = Dictionary(grouping: ledger.invoices.filter { $0.issuedOn <= asOf }, by: \.contract)
    // The ledger's figures at each disputed letter's as-of date, computed once per date.
    var figures: [CivilDate: Receivables] = [:]
    func ledgerBalance(_ dispute: Reply) -> ExactDecimal? {
      if figures[dispute.asOf] == nil { figures[dispute.asOf] = try? Receivables(ledger, asOf: dispute.asOf) }
      return figures[dispute.asOf].flatMap { DisputeAdvice.ledgerBalance(dispute, ledger: ledger, receivables: $0) }
    }
    customers = ledger.customers.filter { only == nil || $0.id == only }.map { customer in
      var checks: [Check] = []
      if let owner = customer.confirmedPaymentOwner(at: asOf), let confirmation = owner.paymentOwnerConfirmation {
        checks.append(
          Check(
            name: "payment owner", passed: true,
            detail: "\(owner.name)，\(confirmation.confirmedOn.iso) \(confirmation.method.rawValue) 确认"))
      } else {
        let candidates = customer.contacts(withRole: .paymentOwner).map(\.name)
        checks.append(
          Check(
            name: "payment owner", passed: false,
            detail: candidates.isEmpty
              ? "no payment owner; add a contact with the role payment-owner and confirm them"
              : "\(candidates.joined(separator: ", ")) not confirmed on or before \(asOf.iso); record when and how it was confirmed (paymentOwnerConfirmation in JSON; confirmedOn and confirmationMethod in contacts.csv)"
          ))
      }
      for (role, label) in [(ContactRole.decisionMaker, "decision maker"), (.acceptance, "acceptance person")] {
        let names = customer.contacts(withRole: role).map(\.name)
        checks.append(
          Check(
            name: label, passed: !names.isEmpty,
            detail: names.isEmpty
              ? "unknown; add a contact with the role \(role.rawValue)" : names.joined(separator: ", ")))
      }
      let contracts = contractsByCustomer[customer.id] ?? []
      let invoiced = contracts.filter { !(invoicesByContract[$0.id] ?? []).isEmpty }
      let notAccepted = invoiced.filter { ($0.acceptance?.acceptedOn).map { $0 > asOf } ?? true }.map(\.id)
      checks.append(
        Check(
          name: "acceptance done", passed: notAccepted.isEmpty,
          detail: notAccepted.isEmpty
            ? (invoiced.isEmpty ? "no invoiced contract" : "\(invoiced.count) contract(s) accepted")
            : "not accepted: \(notAccepted.joined(separator: ", ")); get the acceptance signed"))
      let invoices = contracts.flatMap { invoicesByContract[$0.id] ?? [] }
      let noReceipt = invoices.filter { $0.deliveryReceipt.allSatisfy(\.isWhitespace) }.map(\.number)
      checks.append(
        Check(
          name: "invoices and receipts", passed: !invoices.isEmpty && noReceipt.isEmpty,
          detail: invoices.isEmpty
            ? "no invoice issued; issue the invoice before asking for payment"
            : (noReceipt.isEmpty
              ? "\(invoices.count) invoice(s), all with delivery receipts"
              : "no delivery receipt on file for \(noReceipt.joined(separator: ", "))")))
      var missing: [String] = []
      if customer.finance?.bookClosingDay == nil { missing.append("bookClosingDay") }
      if customer.finance?.bank == nil { missing.append("bank") }
      if customer.finance?.transferDays == nil { missing.append("transferDays") }
      checks.append(
        Check(
          name: "finance profile", passed: missing.isEmpty,
          detail: missing.isEmpty
            ? "关账日 \(customer.finance?.bookClosingDay ?? 0) 日，转账 \(customer.finance?.transferDays ?? 0) 天"
            : "missing \(missing.joined(separator: ", ")); ask the customer's finance team"))
      let open = contracts.flatMap { contract in contract.openIssues.map { "\(contract.id): \($0.description)" } }
      checks.append(
        Check(
          name: "no open project issue", passed: open.isEmpty,
          detail: open.isEmpty ? "none" : open.joined(separator: "; ") + " — resolve before pressing for payment"))
      let currencies = Set(replies.filter { $0.customer == customer.id }.map(\.currency)).sorted()
      let disputes = currencies.compactMap { LetterFactory.openDispute(replies, customer: customer.id, currency: $0) }
      checks.append(
        Check(
          name: "no open dispute", passed: disputes.isEmpty,
          detail: disputes.isEmpty
            ? "none"
            : disputes.map {
              let advice = DisputeAdvice(
                $0, history: historyByCustomer[customer.id] ?? [],
                ledgerBalance: ledgerBalance($0))
              return "\(advice.state) — \(advice.advice)"
            }.joined(separator: "; ")))
      return CustomerReadiness(customer: customer.id, name: customer.name, checks: checks)
    }
  }

  public func renderTable() -> String {
    var out = "收款准备检查 Preflight as of \(asOf.iso)\n\n"
    let names = customers.first?.checks.map(\.name) ?? []
    let header = ["customer", "ready"] + names
    let rows = customers.map { c in
      [c.customer, c.ready ? "yes" : "NO"] + c.checks.map { $0.passed ? "ok" : "MISSING" }
    }
    out += TextTable.render(header: header, rows: rows)
    let problems = customers.filter { !$0.ready }
    if !problems.isEmpty {
      out += "\nTo fix:\n"
      for c in problems {
        out += "  \(c.customer) \(c.name)\n"
        for check in c.checks where !check.passed { out += "    - \(check.name): \(check.detail)\n" }
      }
    }
    out += "\n\(customers.count - problems.count) of \(customers.count) customer(s) ready.\n"
    return out
  }

  public func renderJSON() -> String {
    let w = JSONWriter()
    w.object {
      w.field("asOf", asOf.iso)
      w.key("customers")
      w.array(customers) { c in
        w.object {
          w.field("id", c.customer)
          w.field("ready", c.ready)
          w.key("checks")
          w.array(c.checks) { check in
            w.object {
              w.field("name", check.name)
              w.field("passed", check.passed)
              w.field("detail", check.detail)
            }
          }
        }
      }
    }
    return w.output + "\n"
  }
}
