import Basics

/// An event that interrupts the limitation period (民法典 第195条): a demand served, the
/// debtor's agreement to perform (a stamped confirmation, a payment, a signed plan), or suit.
public struct Interruption: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case demand, agreement, payment, suit
    /// The debtor stamped a confirmation letter as agreed: it acknowledges the invoices the
    /// letter's balance included (evidence: the letter's number).
    case acknowledgment
    /// The debtor stamped a reconciliation statement of a letter it had disputed: it
    /// acknowledges the letter's invoices, the differences reconciled item by item (evidence:
    /// the statement's number).
    case reconciliation
  }
  public let date: CivilDate
  public let kind: Kind
  /// The payment id or the document number.
  public let evidence: String

  public init(date: CivilDate, kind: Kind, evidence: String) {
    self.date = date
    self.kind = kind
    self.evidence = evidence
  }
}

/// The limitation facts of one claim at a date.
public struct LimitationFacts: Sendable, Equatable {
  public enum Basis: Sendable, Equatable {
    /// 第188条: three years from the due date.
    case dueDate(CivilDate)
    /// 第189条: an installment debt runs from the last installment's due date.
    case lastInstallment(CivilDate)
    /// 第189条 for an installment contract whose terms give no dates: the last installment is
    /// the contract's invoice due last in the ledger, `invoice`, which the notice names.
    case lastInvoicedInstallment(CivilDate, invoice: String)
  }
  public let basis: Basis
  /// Interruptions that restarted the period, oldest first.
  public let interruptions: [Interruption]
  /// The day the current three-year period started counting from.
  public let runsFrom: CivilDate
  /// The last day a claim can be brought without a defence of limitation.
  public let expiresOn: CivilDate
  public let asOf: CivilDate

  public var expired: Bool { asOf > expiresOn }
  public var daysLeft: Int { asOf.days(until: expiresOn) }
}

public enum Limitation {
  /// Three years (民法典 第188条) from the due date, or for an installment contract from the
  /// last installment's due date (第189条): the latest its payment terms date, or, when they
  /// date none, the latest due date of its invoices issued by the as-of date
  /// (`contractInvoices`; each invoice of such a contract is an installment); each
  /// interruption on or before the as-of date and before the period ran out restarts it from
  /// that day (第195条). An interruption after expiry does not revive the claim.
  public static func facts(
    for invoice: Invoice, contract: Contract?, contractInvoices: [Invoice] = [], interruptions: [Interruption],
    asOf: CivilDate
  ) -> LimitationFacts {
    var basis = LimitationFacts.Basis.dueDate(invoice.dueOn)
    var from = invoice.dueOn
    if let contract, contract.installment {
      if let last = contract.paymentTerms.compactMap(\.dueOn).max() {
        from = max(last, invoice.dueOn)
        basis = .lastInstallment(from)
      } else {
        let invoiced = contractInvoices.filter { $0.contract == contract.id && $0.issuedOn <= asOf } + [invoice]
        // The latest due date; of those due that day, the first number.
        let last =
          invoiced.max { a, b in a.dueOn != b.dueOn ? a.dueOn < b.dueOn : a.number > b.number } ?? invoice
        from = last.dueOn
        basis = .lastInvoicedInstallment(from, invoice: last.number)
      }
    }
    var expires = from.adding(months: 36)
    var applied: [Interruption] = []
    for interruption in interruptions.sorted(by: { $0.date < $1.date })
    where interruption.date > from && interruption.date <= asOf && interruption.date <= expires {
      applied.append(interruption)
      from = interruption.date
      expires = from.adding(months: 36)
    }
    return LimitationFacts(basis: basis, interruptions: applied, runsFrom: from, expiresOn: expires, asOf: asOf)
  }

  /// Payments allocated to the invoice on the day they took effect (the allocation of that day,
  /// from what the ledger held then): each is the debtor's agreement to perform that invoice.
  /// A payment's surplus that a later credit note moved onto the invoice was not paid on it: the
  /// credit note is the creditor's act, and interrupts nothing (民法典 第195条).
  public static func paymentInterruptions(for invoice: String, in receivables: Receivables, ledger: Ledger)
    -> [Interruption]
  {
    var onTheDay: [CivilDate: [Allocation]] = [:]
    return receivables.allocations(toInvoice: invoice).filter { allocation in
      let day = allocation.effectiveOn
      if onTheDay[day] == nil {
        // Amounts within the import bounds cannot overflow; beyond them, the allocation as of
        // the as-of date stands.
        onTheDay[day] =
          (try? Receivables(ledger, asOf: day))?.allocations(toInvoice: invoice) ?? [allocation]
      }
      return onTheDay[day]?.contains { $0.payment == allocation.payment } ?? true
    }.map {
      Interruption(date: $0.effectiveOn, kind: .payment, evidence: $0.payment)
    }
  }
}
