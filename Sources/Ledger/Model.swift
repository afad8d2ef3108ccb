import Basics

/// A receivables ledger (`ardoc-ledger/1`): who we are, who owes us, what was sold,
/// invoiced, paid and credited. Built only by ``LedgerReader``, which checks every
/// reference, so a `Ledger` value is always consistent.
public struct Ledger: Sendable, Equatable {
  public var issuer: Issuer
  public var customers: [Customer]
  public var contracts: [Contract]
  public var invoices: [Invoice]
  public var payments: [Payment]
  public var credits: [CreditNote]

  public init(
    issuer: Issuer, customers: [Customer], contracts: [Contract], invoices: [Invoice],
    payments: [Payment], credits: [CreditNote]
  ) {
    self.issuer = issuer
    self.customers = customers
    self.contracts = contracts
    self.invoices = invoices
    self.payments = payments
    self.credits = credits
  }

  public func customer(_ id: String) -> Customer? { customers.first { $0.id == id } }
  public func contract(_ id: String) -> Contract? { contracts.first { $0.id == id } }
}

public struct BankAccount: Sendable, Equatable {
  public var name: String
  public var account: String
  public var accountName: String

  public init(name: String = "", account: String = "", accountName: String = "") {
    self.name = name
    self.account = account
    self.accountName = accountName
  }
}

public struct Person: Sendable, Equatable {
  public var name: String
  public var title: String
  public var phone: String
  public var email: String

  public init(name: String = "", title: String = "", phone: String = "", email: String = "") {
    self.name = name
    self.title = title
    self.phone = phone
    self.email = email
  }
}

/// The law firm that sends demands on the issuer's behalf.
public struct LegalCounsel: Sendable, Equatable {
  public var firm: String
  public var lawyer: String
  public var license: String

  public init(firm: String = "", lawyer: String = "", license: String = "") {
    self.firm = firm
    self.lawyer = lawyer
    self.license = license
  }
}

/// The company that sends the documents.
public struct Issuer: Sendable, Equatable {
  public var name: String
  public var taxId: String
  public var address: String
  public var phone: String
  public var bank: BankAccount
  public var contact: Person
  public var legal: LegalCounsel?

  public init(
    name: String, taxId: String = "", address: String = "", phone: String = "",
    bank: BankAccount = BankAccount(), contact: Person = Person(), legal: LegalCounsel? = nil
  ) {
    self.name = name
    self.taxId = taxId
    self.address = address
    self.phone = phone
    self.bank = bank
    self.contact = contact
    self.legal = legal
  }
}

/// The customer's finance side: what a collector must know before asking for money.
public struct FinanceProfile: Sendable, Equatable {
  public var budgetRequired: Bool?
  public var invoiceRequirements: String
  /// Day of the month the customer closes its books (1...31).
  public var bookClosingDay: Int?
  /// Day of the month the customer's bank runs transfers (1...31).
  public var bankClosingDay: Int?
  /// Working days the customer needs to transfer once a payment is approved.
  public var transferDays: Int?
  public var creditRating: String
  public var creditLimit: ExactDecimal?
  public var bank: BankAccount?

  public init(
    budgetRequired: Bool? = nil, invoiceRequirements: String = "", bookClosingDay: Int? = nil,
    bankClosingDay: Int? = nil, transferDays: Int? = nil, creditRating: String = "",
    creditLimit: ExactDecimal? = nil, bank: BankAccount? = nil
  ) {
    self.budgetRequired = budgetRequired
    self.invoiceRequirements = invoiceRequirements
    self.bookClosingDay = bookClosingDay
    self.bankClosingDay = bankClosingDay
    self.transferDays = transferDays
    self.creditRating = creditRating
    self.creditLimit = creditLimit
    self.bank = bank
  }
}

public enum ContactRole: String, Sendable, CaseIterable {
  case paymentOwner = "payment-owner"
  case decisionMaker = "decision-maker"
  case acceptance = "acceptance"
}

public enum ConfirmationMethod: String, Sendable, CaseIterable {
  case meeting, email, phone
  case stampedLetter = "stamped-letter"
}

/// How and when the customer confirmed who is responsible for paying (付款责任人).
public struct PaymentOwnerConfirmation: Sendable, Equatable {
  public var confirmedOn: CivilDate
  public var method: ConfirmationMethod
  public var confirmedBy: String
  public var evidence: String

  public init(confirmedOn: CivilDate, method: ConfirmationMethod, confirmedBy: String = "", evidence: String = "") {
    self.confirmedOn = confirmedOn
    self.method = method
    self.confirmedBy = confirmedBy
    self.evidence = evidence
  }
}

public struct Contact: Sendable, Equatable {
  public var name: String
  public var title: String
  public var phone: String
  public var email: String
  public var address: String
  public var roles: [ContactRole]
  public var paymentOwnerConfirmation: PaymentOwnerConfirmation?

  public init(
    name: String, title: String = "", phone: String = "", email: String = "", address: String = "",
    roles: [ContactRole] = [], paymentOwnerConfirmation: PaymentOwnerConfirmation? = nil
  ) {
    self.name = name
    self.title = title
    self.phone = phone
    self.email = email
    self.address = address
    self.roles = roles
    self.paymentOwnerConfirmation = paymentOwnerConfirmation
  }
}

public struct Customer: Sendable, Equatable {
  public var id: String
  public var name: String
  public var taxId: String
  public var address: String
  /// A customer who delays without bad faith: letters to it stay soft.
  public var nonMalicious: Bool
  public var finance: FinanceProfile?
  public var contacts: [Contact]

  public init(
    id: String, name: String, taxId: String = "", address: String = "", nonMalicious: Bool = true,
    finance: FinanceProfile? = nil, contacts: [Contact] = []
  ) {
    self.id = id
    self.name = name
    self.taxId = taxId
    self.address = address
    self.nonMalicious = nonMalicious
    self.finance = finance
    self.contacts = contacts
  }

  /// The contact with the role `payment-owner` confirmed most recently on or before `date`.
  public func confirmedPaymentOwner(at date: CivilDate) -> Contact? {
    contacts
      .filter { $0.roles.contains(.paymentOwner) }
      .compactMap { contact in
        contact.paymentOwnerConfirmation.flatMap { $0.confirmedOn <= date ? (contact, $0.confirmedOn) : nil }
      }
      .max { $0.1 < $1.1 }?.0
  }

  public func contacts(withRole role: ContactRole) -> [Contact] {
    contacts.filter { $0.roles.contains(role) }
  }
}

public struct ContractItem: Sendable, Equatable {
  public var name: String
  public var spec: String
  public var quantity: ExactDecimal
  public var unit: String
  public var unitPrice: ExactDecimal?

  public init(
    name: String, spec: String = "", quantity: ExactDecimal, unit: String = "", unitPrice: ExactDecimal? = nil
  ) {
    self.name = name
    self.spec = spec
    self.quantity = quantity
    self.unit = unit
    self.unitPrice = unitPrice
  }
}

public struct Acceptance: Sendable, Equatable {
  public var criteria: String
  public var method: String
  public var acceptedOn: CivilDate?
  public var acceptedBy: String

  public init(criteria: String = "", method: String = "", acceptedOn: CivilDate? = nil, acceptedBy: String = "") {
    self.criteria = criteria
    self.method = method
    self.acceptedOn = acceptedOn
    self.acceptedBy = acceptedBy
  }
}

public struct PaymentTerm: Sendable, Equatable {
  public var milestone: String
  public var percent: ExactDecimal
  public var dueOn: CivilDate?

  public init(milestone: String, percent: ExactDecimal, dueOn: CivilDate? = nil) {
    self.milestone = milestone
    self.percent = percent
    self.dueOn = dueOn
  }
}

/// When dunning may start for a contract: nothing is chased before this.
public struct DunningStart: Sendable, Equatable {
  public var daysOverdue: Int
  public var minAmount: ExactDecimal

  public init(daysOverdue: Int, minAmount: ExactDecimal) {
    self.daysOverdue = daysOverdue
    self.minAmount = minAmount
  }
}

public enum DayCountBasis: String, Sendable, CaseIterable {
  case act365 = "ACT/365"
  case act360 = "ACT/360"

  public var daysInYear: Int { self == .act365 ? 365 : 360 }
}

public struct ProjectIssue: Sendable, Equatable {
  public var description: String
  public var open: Bool
  public var since: CivilDate?

  public init(description: String, open: Bool, since: CivilDate? = nil) {
    self.description = description
    self.open = open
    self.since = since
  }
}

public struct Contract: Sendable, Equatable {
  public var id: String
  public var customer: String
  public var project: String
  public var salesperson: String
  public var signedOn: CivilDate?
  public var currency: String
  public var amount: ExactDecimal
  public var items: [ContractItem]
  public var acceptance: Acceptance?
  public var paymentTerms: [PaymentTerm]
  public var dunningStart: DunningStart?
  public var lateInterest: InterestTerms?
  public var issues: [ProjectIssue]
  /// The payment terms are installments of one debt (分期付款): limitation runs from the
  /// last installment's due date (民法典 第189条).
  public var installment: Bool

  public init(
    id: String, customer: String, project: String = "", salesperson: String = "", signedOn: CivilDate? = nil,
    currency: String = "CNY", amount: ExactDecimal, items: [ContractItem] = [], acceptance: Acceptance? = nil,
    paymentTerms: [PaymentTerm] = [], dunningStart: DunningStart? = nil, lateInterest: InterestTerms? = nil,
    issues: [ProjectIssue] = [], installment: Bool = false
  ) {
    self.id = id
    self.customer = customer
    self.project = project
    self.salesperson = salesperson
    self.signedOn = signedOn
    self.currency = currency
    self.amount = amount
    self.items = items
    self.acceptance = acceptance
    self.paymentTerms = paymentTerms
    self.dunningStart = dunningStart
    self.lateInterest = lateInterest
    self.issues = issues
    self.installment = installment
  }

  public var openIssues: [ProjectIssue] { issues.filter(\.open) }
}

public struct Invoice: Sendable, Equatable {
  public var number: String
  public var contract: String
  public var issuedOn: CivilDate
  public var dueOn: CivilDate
  public var amount: ExactDecimal
  public var deliveryReceipt: String

  public init(
    number: String, contract: String, issuedOn: CivilDate, dueOn: CivilDate, amount: ExactDecimal,
    deliveryReceipt: String = ""
  ) {
    self.number = number
    self.contract = contract
    self.issuedOn = issuedOn
    self.dueOn = dueOn
    self.amount = amount
    self.deliveryReceipt = deliveryReceipt
  }
}

public struct Payment: Sendable, Equatable {
  public var id: String
  public var customer: String
  public var receivedOn: CivilDate
  public var amount: ExactDecimal
  /// Resolved at import: when omitted, the customer's only currency.
  public var currency: String
  public var reference: String
  /// Invoice numbers this payment pays first, in order.
  public var appliesTo: [String]

  public init(
    id: String, customer: String, receivedOn: CivilDate, amount: ExactDecimal, currency: String,
    reference: String = "", appliesTo: [String] = []
  ) {
    self.id = id
    self.customer = customer
    self.receivedOn = receivedOn
    self.amount = amount
    self.currency = currency
    self.reference = reference
    self.appliesTo = appliesTo
  }
}

public struct CreditNote: Sendable, Equatable {
  public var number: String
  public var invoice: String
  public var issuedOn: CivilDate
  public var amount: ExactDecimal

  public init(number: String, invoice: String, issuedOn: CivilDate, amount: ExactDecimal) {
    self.number = number
    self.invoice = invoice
    self.issuedOn = issuedOn
    self.amount = amount
  }
}
