import Basics

extension LedgerReader {
  /// The version of the checks a stored ledger is read by (``IssueLog/stored``): a store
  /// records it when it imports a ledger, which passed them then. Raise it whenever a check
  /// that applies to stored ledgers is added or tightened, so that a ledger imported before is
  /// read through the checks again rather than trusted.
  public static let storedRules = 1

  /// A ledger a store holds (its canonical JSON, whole or a customer's slice), read again: by
  /// the rules it was imported under (see ``IssueLog/stored``), not the newer ones on what a
  /// ledger file may hold. A ledger `checkedUnder` the current ``storedRules`` (it passed them
  /// when imported, and its bytes are the writer's) is read straight into the model when laid
  /// out as ``LedgerWriter`` lays it out (``readCanonical(_:issuer:)``): a batch reads a slice
  /// per customer, and the general reader's tree of raw values and its checks cost more than
  /// the rest of choosing the customer's letter. Any other goes through the checks, so a
  /// ledger imported by an older version is still refused what these rules refuse.
  public static func parseStored(
    _ bytes: [UInt8], file: String, issuer: Issuer? = nil, checkedUnder rules: Int? = nil
  ) throws(LedgerError) -> Ledger {
    if rules == storedRules, let ledger = readCanonical(bytes, issuer: issuer) { return ledger }
    return try parseStoredGenerally(bytes, file: file, issuer: issuer)
  }

  /// ``parseStored(_:file:issuer:)`` by the general reader alone, which explains what is wrong.
  static func parseStoredGenerally(_ bytes: [UInt8], file: String, issuer: Issuer?) throws(LedgerError) -> Ledger {
    // A customer's slice (some kilobytes) is read as one tree, its lists not read twice; a
    // whole stored ledger (over 1 MiB) defers them.
    let node = try jsonNode(bytes, file: file, deferLists: bytes.count > 1 << 20)
    return try parseJSON(node, file: file, issuer: issuer, stored: true)
  }

  /// The ledger as ``LedgerWriter`` writes it (keys in its order, no white space), or nil for
  /// bytes laid out in any other way: a key missing, added or out of order, a value of another
  /// type, a date, amount or role that does not read. Nil leaves the bytes to the general
  /// reader, which reads them alike or says what is wrong.
  static func readCanonical(_ bytes: [UInt8], issuer given: Issuer?) -> Ledger? {
    guard var c = JSONCursor(bytes), c.openObject(), c.key("format"), c.string() == LedgerReader.format else {
      return nil
    }
    var issuer = given
    if c.key("issuer") {
      guard let read = c.issuer() else { return nil }
      issuer = given ?? read
    }
    guard let issuer,
      let customers = c.list("customers", { $0.customer() }),
      let contracts = c.list("contracts", { $0.contract() }),
      let invoices = c.list("invoices", { $0.invoice() }),
      let payments = c.list("payments", { $0.payment() }),
      let credits = c.list("credits", { $0.credit() }),
      c.closeObject(), c.atEnd
    else { return nil }
    return Ledger(
      issuer: issuer, customers: customers, contracts: contracts, invoices: invoices, payments: payments,
      credits: credits)
  }
}

extension JSONCursor {
  /// The member `name`'s array, each item read by `item`.
  fileprivate mutating func list<T>(_ name: StaticString, _ item: (inout JSONCursor) -> T?) -> [T]? {
    guard key(name), openArray() else { return nil }
    var items: [T] = []
    while true {
      guard let more = nextItem() else { return nil }
      guard more else { return items }
      guard let value = item(&self) else { return nil }
      items.append(value)
    }
  }

  fileprivate mutating func text(_ name: StaticString) -> String? {
    key(name) ? string() : nil
  }

  fileprivate mutating func flag(_ name: StaticString) -> Bool? {
    key(name) ? bool() : nil
  }

  fileprivate mutating func date(_ name: StaticString) -> CivilDate? {
    text(name).flatMap { try? CivilDate(iso: $0) }
  }

  fileprivate mutating func decimal(_ name: StaticString) -> ExactDecimal? {
    text(name).flatMap { try? ExactDecimal(parsing: $0) }
  }

  /// A member the writer leaves out when it has no value: `.some(nil)` when absent (nothing
  /// read), nil when present but unreadable.
  fileprivate mutating func optional<T>(_ name: StaticString, _ read: (inout JSONCursor) -> T?) -> T?? {
    guard key(name) else { return .some(nil) }
    guard let value = read(&self) else { return nil }
    return .some(value)
  }

  fileprivate mutating func optionalDate(_ name: StaticString) -> CivilDate?? {
    optional(name) { $0.string().flatMap { try? CivilDate(iso: $0) } }
  }

  fileprivate mutating func optionalDecimal(_ name: StaticString) -> ExactDecimal?? {
    optional(name) { $0.string().flatMap { try? ExactDecimal(parsing: $0) } }
  }

  fileprivate mutating func strings(_ name: StaticString) -> [String]? {
    list(name) { $0.string() }
  }

  // MARK: Parties

  fileprivate mutating func bank() -> BankAccount? {
    guard openObject(), let name = text("name"), let account = text("account"),
      let accountName = text("accountName"), closeObject()
    else { return nil }
    return BankAccount(name: name, account: account, accountName: accountName)
  }

  fileprivate mutating func issuer() -> Issuer? {
    guard openObject(), let name = text("name"), let taxId = text("taxId"), let address = text("address"),
      let phone = text("phone"), key("bank"), let bank = bank(), key("contact"), openObject(),
      let contactName = text("name"), let title = text("title"), let contactPhone = text("phone"),
      let email = text("email"), closeObject()
    else { return nil }
    let legal = optional("legal") { c -> LegalCounsel? in
      guard c.openObject(), let firm = c.text("firm"), let lawyer = c.text("lawyer"),
        let license = c.text("license"), c.closeObject()
      else { return nil }
      return LegalCounsel(firm: firm, lawyer: lawyer, license: license)
    }
    // As the general reader has it: counsel without a firm or a lawyer is none.
    let named = legal.map { $0.flatMap { $0.firm.isEmpty && $0.lawyer.isEmpty ? nil : $0 } }
    guard let counsel = named, closeObject() else { return nil }
    return Issuer(
      name: name, taxId: taxId, address: address, phone: phone, bank: bank,
      contact: Person(name: contactName, title: title, phone: contactPhone, email: email), legal: counsel)
  }

  fileprivate mutating func customer() -> Customer? {
    guard openObject(), let id = text("id"), let name = text("name"), let taxId = text("taxId"),
      let address = text("address"), let nonMalicious = flag("nonMalicious")
    else { return nil }
    guard let profile = optional("finance", { $0.finance() }),
      let contacts = list("contacts", { $0.contact() }), closeObject()
    else { return nil }
    return Customer(
      id: id, name: name, taxId: taxId, address: address, nonMalicious: nonMalicious, finance: profile,
      contacts: contacts)
  }

  fileprivate mutating func finance() -> FinanceProfile? {
    guard openObject() else { return nil }
    // The writer leaves out each optional one when it has none; present, each must read.
    guard let budgetRequired = optional("budgetRequired", { $0.bool() }),
      let invoiceRequirements = text("invoiceRequirements"),
      let bookClosingDay = optional("bookClosingDay", { $0.int() }),
      let bankClosingDay = optional("bankClosingDay", { $0.int() }),
      let transferDays = optional("transferDays", { $0.int() }), let creditRating = text("creditRating"),
      let creditLimit = optionalDecimal("creditLimit"), let bank = optional("bank", { $0.bank() }), closeObject()
    else { return nil }
    return FinanceProfile(
      budgetRequired: budgetRequired, invoiceRequirements: invoiceRequirements, bookClosingDay: bookClosingDay,
      bankClosingDay: bankClosingDay, transferDays: transferDays, creditRating: creditRating,
      creditLimit: creditLimit, bank: bank)
  }

  fileprivate mutating func contact() -> Contact? {
    guard openObject(), let name = text("name"), let title = text("title"), let phone = text("phone"),
      let email = text("email"), let address = text("address"), let roleNames = strings("roles")
    else { return nil }
    let roles = roleNames.compactMap(ContactRole.init(rawValue:))
    let confirmation = optional("paymentOwnerConfirmation") { c -> PaymentOwnerConfirmation? in
      guard c.openObject(), let on = c.date("confirmedOn"),
        let method = c.text("method").flatMap(ConfirmationMethod.init(rawValue:)),
        let by = c.text("confirmedBy"), let evidence = c.text("evidence"), c.closeObject()
      else { return nil }
      return PaymentOwnerConfirmation(confirmedOn: on, method: method, confirmedBy: by, evidence: evidence)
    }
    guard roles.count == roleNames.count, let confirmed = confirmation, closeObject()
    else { return nil }
    return Contact(
      name: name, title: title, phone: phone, email: email, address: address, roles: roles,
      paymentOwnerConfirmation: confirmed)
  }

  // MARK: Contracts

  fileprivate mutating func contract() -> Contract? {
    guard openObject(), let id = text("id"), let customer = text("customer"), let project = text("project"),
      let salesperson = text("salesperson")
    else { return nil }
    guard let signedOn = optionalDate("signedOn"), let currency = text("currency"), let amount = decimal("amount"),
      let items = list("items", { $0.item() }), let acceptance = optional("acceptance", { $0.acceptance() }),
      let terms = list("paymentTerms", { $0.term() }),
      let dunningStart = optional("dunningStart", { $0.dunningStart() }),
      let lateInterest = optional("lateInterest", { $0.interest() }), let issues = list("issues", { $0.issue() }),
      let installment = flag("installment"), closeObject()
    else { return nil }
    return Contract(
      id: id, customer: customer, project: project, salesperson: salesperson, signedOn: signedOn,
      currency: currency, amount: amount, items: items, acceptance: acceptance, paymentTerms: terms,
      dunningStart: dunningStart, lateInterest: lateInterest, issues: issues, installment: installment)
  }

  fileprivate mutating func dunningStart() -> DunningStart? {
    guard openObject(), key("daysOverdue"), let days = int(), let minimum = decimal("minAmount"), closeObject()
    else { return nil }
    return DunningStart(daysOverdue: days, minAmount: minimum)
  }

  fileprivate mutating func item() -> ContractItem? {
    guard openObject(), let name = text("name"), let spec = text("spec"), let quantity = decimal("quantity"),
      let unit = text("unit")
    else { return nil }
    guard let unitPrice = optionalDecimal("unitPrice"), closeObject() else { return nil }
    return ContractItem(name: name, spec: spec, quantity: quantity, unit: unit, unitPrice: unitPrice)
  }

  fileprivate mutating func acceptance() -> Acceptance? {
    guard openObject(), let criteria = text("criteria"), let method = text("method") else { return nil }
    guard let acceptedOn = optionalDate("acceptedOn"), let acceptedBy = text("acceptedBy"), closeObject() else {
      return nil
    }
    return Acceptance(criteria: criteria, method: method, acceptedOn: acceptedOn, acceptedBy: acceptedBy)
  }

  fileprivate mutating func term() -> PaymentTerm? {
    guard openObject(), let milestone = text("milestone"), let percent = decimal("percent") else { return nil }
    guard let dueOn = optionalDate("dueOn"), closeObject() else { return nil }
    return PaymentTerm(milestone: milestone, percent: percent, dueOn: dueOn)
  }

  fileprivate mutating func interest() -> InterestTerms? {
    guard openObject() else { return nil }
    var terms: InterestTerms
    if key("dailyRate") {
      guard let daily = string().flatMap({ try? ExactDecimal(parsing: $0) }),
        let agreed = try? InterestTerms(dailyRate: daily)
      else { return nil }
      terms = agreed
    } else {
      guard let annual = decimal("annualRate"), let basis = text("basis").flatMap(DayCountBasis.init(rawValue:))
      else { return nil }
      terms = InterestTerms(annualRate: annual, basis: basis)
    }
    guard let clause = optional("clause", { $0.string() }), closeObject() else { return nil }
    terms.clause = clause ?? ""
    return terms
  }

  fileprivate mutating func issue() -> ProjectIssue? {
    guard openObject(), let description = text("description"), let open = flag("open") else { return nil }
    guard let since = optionalDate("since"), closeObject() else { return nil }
    return ProjectIssue(description: description, open: open, since: since)
  }

  // MARK: Movements

  fileprivate mutating func invoice() -> Invoice? {
    guard openObject(), let number = text("number"), let contract = text("contract"),
      let issuedOn = date("issuedOn"), let dueOn = date("dueOn"), let amount = decimal("amount"),
      let receipt = text("deliveryReceipt"), closeObject()
    else { return nil }
    return Invoice(
      number: number, contract: contract, issuedOn: issuedOn, dueOn: dueOn, amount: amount, deliveryReceipt: receipt)
  }

  fileprivate mutating func payment() -> Payment? {
    guard openObject(), let id = text("id"), let customer = text("customer"), let receivedOn = date("receivedOn"),
      let amount = decimal("amount"), let currency = text("currency"), let reference = text("reference"),
      let appliesTo = strings("appliesTo"), closeObject()
    else { return nil }
    return Payment(
      id: id, customer: customer, receivedOn: receivedOn, amount: amount, currency: currency, reference: reference,
      appliesTo: appliesTo)
  }

  fileprivate mutating func credit() -> CreditNote? {
    guard openObject(), let number = text("number"), let invoice = text("invoice"),
      let issuedOn = date("issuedOn"), let amount = decimal("amount"), closeObject()
    else { return nil }
    return CreditNote(number: number, invoice: invoice, issuedOn: issuedOn, amount: amount)
  }
}
