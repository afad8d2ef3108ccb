import Basics

/// Ids of rows that could not be read or whose id was refused, so that references to them are
/// not reported again.
struct BrokenKeys {
  var customers: Set<String> = []
  var contracts: Set<String> = []
  var invoices: Set<String> = []
  /// Tables that could not be read at all: every key of theirs counts as broken.
  var unreadable: Set<String> = []

  func contains(_ table: String, _ key: String) -> Bool {
    unreadable.contains(table) || self[table].contains(key)
  }

  subscript(table: String) -> Set<String> {
    get {
      switch table {
      case "customers": return customers
      case "contracts": return contracts
      case "invoices": return invoices
      default: return []
      }
    }
    set {
      switch table {
      case "customers": customers = newValue
      case "contracts": contracts = newValue
      case "invoices": invoices = newValue
      default: break
      }
    }
  }
}

/// Reads and checks a ledger (`ardoc-ledger/1`) from a JSON file or a folder of CSV files.
///
/// Every problem is collected in one pass with its file, line and field; a ledger with any
/// problem is not returned at all, so nothing is ever imported or generated from half a
/// ledger.
///
/// ```swift
/// let ledger = try LedgerReader.load("Examples/ledger.json")   // throws LedgerError
/// ```
public enum LedgerReader {
  public static let format = "ardoc-ledger/1"

  /// The most UTF-8 bytes one text field of a ledger may hold (a name, an address, a note, an
  /// id, an amount as written): many times what any real one needs, and small enough that a
  /// field copied into every customer's documents and store slice cannot blow them up.
  public static let maxFieldBytes = 4096

  /// Reads a ledger from JSON bytes. With `issuer`, the bytes need no issuer of their own
  /// and any they have is not read: the store keeps the issuer once, not in every customer's
  /// slice.
  public static func parseJSON(_ bytes: [UInt8], file: String, issuer: Issuer? = nil) throws(LedgerError) -> Ledger {
    try parseJSON(try jsonNode(bytes, file: file), file: file, issuer: issuer)
  }

  static func parseJSON(_ node: JSONNode, file: String, issuer: Issuer?, stored: Bool = false) throws(LedgerError)
    -> Ledger
  {
    let record = try jsonObject(node, file: file, what: "a ledger")
    let log = IssueLog(stored: stored)
    let fields = Fields(record: record, log: log)
    fields.onlyKnown(LedgerFields.root, in: "a ledger")
    let format = fields.string("format", required: true)
    if let format, format != LedgerReader.format {
      fields.problem(at: "format", "is '\(format)'; this version of ardoc reads '\(LedgerReader.format)'")
    }
    return try build(fields, log: log, issuer: issuer)
  }

  /// JSON bytes that must hold one object (`what`: "a ledger"), as the record the field
  /// readers take; a syntax error or another value is the file's one problem.
  static func jsonObject(_ bytes: [UInt8], file: String, what: String) throws(LedgerError) -> Record {
    try jsonObject(try jsonNode(bytes, file: file), file: file, what: what)
  }

  static func jsonObject(_ node: JSONNode, file: String, what: String) throws(LedgerError) -> Record {
    guard case .record(let record) = node.raw(file: file).value else {
      throw LedgerError([LedgerIssue(file: file, line: 1, column: 1, field: "", message: "\(what) is a JSON object")])
    }
    return record
  }

  /// JSON bytes parsed with the root's lists deferred (``JSONItems``) unless `deferLists` is
  /// false; a syntax error is the file's one problem.
  static func jsonNode(_ bytes: [UInt8], file: String, deferLists: Bool = true) throws(LedgerError) -> JSONNode {
    do {
      return try JSONReader.parse(bytes, deferRootArrays: deferLists)
    } catch {
      throw LedgerError([
        LedgerIssue(file: file, line: error.line, column: error.column, field: "", message: error.message)
      ])
    }
  }

  /// Reads the issuer alone, as `LedgerWriter.json(_ issuer:)` writes it into a store (read
  /// by the rules it was stored under, as ``parseStored(_:file:issuer:)``).
  public static func parseIssuer(_ bytes: [UInt8], file: String) throws(LedgerError) -> Issuer {
    let record = try jsonObject(bytes, file: file, what: "an issuer")
    let log = IssueLog(stored: true)
    let issuer = Builder(log: log, broken: BrokenKeys()).readIssuer(Fields(record: record, log: log))
    guard log.issues.isEmpty else { throw LedgerError(log.issues) }
    return issuer
  }

  /// Builds the model from records (JSON or CSV) and checks every cross-reference.
  static func build(
    _ root: Fields, log: IssueLog, broken: BrokenKeys = BrokenKeys(), issuer: Issuer? = nil
  ) throws(LedgerError) -> Ledger {
    var builder = Builder(log: log, broken: broken)
    let ledger = builder.read(root, issuer: issuer)
    guard log.issues.isEmpty, let ledger else { throw LedgerError(log.issues) }
    return ledger
  }

  struct Builder {
    let log: IssueLog
    /// Keys already reported: rows the CSV reader could not read, and ids refused here. A
    /// reference to one is not reported again, so one bad id is one problem.
    var broken: BrokenKeys
    var customerIndex: [String: Int] = [:]
    var contractCustomer: [String: String] = [:]
    var contractCurrency: [String: String] = [:]
    var customerCurrencies: [String: Set<String>] = [:]
    var invoiceInfo: [String: (contract: String, issuedOn: CivilDate?, amount: ExactDecimal?)] = [:]
    var seenPayments: Set<String> = []
    var seenCredits: Set<String> = []
    var creditPlaces: [String: Fields] = [:]

    mutating func read(_ root: Fields, issuer given: Issuer? = nil) -> Ledger? {
      let issuer = given ?? root.nested("issuer").map(readIssuer)
      // An unreadable issuer.csv is reported as the file it is.
      if given == nil, root.entry("issuer") == nil, !broken.unreadable.contains("issuer") {
        root.problem(field: "issuer", "is required: the company that sends the documents")
      }
      // In dependency order: each list is checked against the ones read before it.
      // The indexes are sized once: growing them row by row rehashed every key many times.
      let customerRecords = root.records("customers", required: true)
      customerIndex.reserveCapacity(customerRecords.count)
      customerCurrencies.reserveCapacity(customerRecords.count)
      var customers: [Customer] = []
      customers.reserveCapacity(customerRecords.count)
      for f in customerRecords { if let c = readCustomer(f) { customers.append(c) } }
      let contractRecords = root.records("contracts", required: true)
      contractCustomer.reserveCapacity(contractRecords.count)
      contractCurrency.reserveCapacity(contractRecords.count)
      var contracts: [Contract] = []
      contracts.reserveCapacity(contractRecords.count)
      for f in contractRecords { if let c = readContract(f) { contracts.append(c) } }
      let invoiceRecords = root.records("invoices", required: true)
      invoiceInfo.reserveCapacity(invoiceRecords.count)
      var invoices: [Invoice] = []
      invoices.reserveCapacity(invoiceRecords.count)
      for f in invoiceRecords { if let i = readInvoice(f) { invoices.append(i) } }
      var credits: [CreditNote] = []
      for f in root.records("credits") { if let c = readCredit(f) { credits.append(c) } }
      let paymentRecords = root.records("payments")
      seenPayments.reserveCapacity(paymentRecords.count)
      var payments: [Payment] = []
      payments.reserveCapacity(paymentRecords.count)
      for f in paymentRecords { if let p = readPayment(f) { payments.append(p) } }
      checkCredits(credits)
      guard let issuer else { return nil }
      return Ledger(
        issuer: issuer, customers: customers, contracts: contracts, invoices: invoices, payments: payments,
        credits: credits)
    }

    /// A field that names a row of `table` (a customer, a contract, an invoice). When that
    /// row's id was refused, the text as written, unchecked: the field's own checks would
    /// report the same bad id again (a direction control, its length), and so would the look-up.
    func reference(_ f: Fields, _ key: String, to table: String) -> String? {
      if let raw = f.rawText(key), broken[table].contains(raw) { return raw }
      return f.string(key, required: true)
    }

    // MARK: Parties

    func readBank(_ f: Fields) -> BankAccount {
      f.onlyKnown(LedgerFields.bank, in: "a bank account")
      return BankAccount(name: f.text("name"), account: f.text("account"), accountName: f.text("accountName"))
    }

    func readIssuer(_ f: Fields) -> Issuer {
      f.onlyKnown(LedgerFields.issuer, in: "the issuer")
      let contact = f.nested("contact").map {
        $0.onlyKnown(LedgerFields.issuerContact, in: "the issuer's contact")
        return
          Person(name: $0.text("name"), title: $0.text("title"), phone: $0.text("phone"), email: $0.text("email"))
      }
      let legal = f.nested("legal").flatMap { l -> LegalCounsel? in
        l.onlyKnown(LedgerFields.legal, in: "the issuer's legal counsel")
        let counsel = LegalCounsel(firm: l.text("firm"), lawyer: l.text("lawyer"), license: l.text("license"))
        return counsel.firm.isEmpty && counsel.lawyer.isEmpty ? nil : counsel
      }
      return Issuer(
        name: f.string("name", required: true) ?? "", taxId: f.text("taxId"), address: f.text("address"),
        phone: f.text("phone"), bank: f.nested("bank").map(readBank) ?? BankAccount(),
        contact: contact ?? Person(), legal: legal)
    }

    mutating func readCustomer(_ f: Fields) -> Customer? {
      f.onlyKnown(LedgerFields.customer, in: "a customer")
      let id = f.identifier("id")
      if id == nil, let raw = f.rawText("id") { broken.customers.insert(raw) }
      let name = f.string("name", required: true)
      if let id {
        if customerIndex[id] != nil {
          f.problem(at: "id", "duplicate customer id '\(id)'; each customer needs its own id")
        } else {
          customerIndex[id] = customerIndex.count
        }
      }
      let finance = f.nested("finance").map { g in
        g.onlyKnown(LedgerFields.finance, in: "a customer's finance")
        return
          FinanceProfile(
            budgetRequired: g.bool("budgetRequired"), invoiceRequirements: g.text("invoiceRequirements"),
            bookClosingDay: g.int("bookClosingDay", in: 1...31), bankClosingDay: g.int("bankClosingDay", in: 1...31),
            transferDays: g.int("transferDays", in: 0...365), creditRating: g.text("creditRating"),
            creditLimit: g.decimal("creditLimit"), bank: g.nested("bank").map(readBank))
      }
      let contacts = f.records("contacts").compactMap(readContact)
      let owners = contacts.filter { $0.roles.contains(.paymentOwner) }
      // Contacts that could not be read (a broken contacts.csv) are reported there, once.
      if owners.isEmpty && !broken.unreadable.contains("contacts") {
        f.problem(
          at: "contacts",
          "customer '\(id ?? "?")' has no contact with the role payment-owner; add the person responsible for paying (confirm them later)"
        )
      }
      let confirmedDates = owners.compactMap { $0.paymentOwnerConfirmation?.confirmedOn }
      if let repeated = Dictionary(grouping: confirmedDates, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
        f.problem(
          at: "contacts",
          "two payment owners were confirmed on \(repeated.iso); only one person can be responsible from a given day")
      }
      guard let id, let name else { return nil }
      return Customer(
        id: id, name: name, taxId: f.text("taxId"), address: f.text("address"),
        nonMalicious: f.bool("nonMalicious") ?? true, finance: finance, contacts: contacts)
    }

    func readContact(_ f: Fields) -> Contact? {
      f.onlyKnown(LedgerFields.contact, in: "a contact")
      let name = f.string("name", required: true)
      var roles: [ContactRole] = []
      for role in f.strings("roles") {
        if let known = ContactRole(rawValue: role) {
          roles.append(known)
        } else {
          f.problem(
            at: "roles",
            "'\(role)' is not a role; use \(ContactRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
      }
      var confirmation: PaymentOwnerConfirmation?
      if let c = f.nested("paymentOwnerConfirmation") {
        c.onlyKnown(LedgerFields.confirmation, in: "a payment owner's confirmation")
        let date = c.date("confirmedOn", required: true)
        let method = c.oneOf("method", ConfirmationMethod.self, required: true)
        if !roles.contains(.paymentOwner) {
          f.problem(
            at: "paymentOwnerConfirmation", "confirms a payment owner, but the contact lacks the role payment-owner")
        }
        if let date, let method {
          confirmation = PaymentOwnerConfirmation(
            confirmedOn: date, method: method, confirmedBy: c.text("confirmedBy"), evidence: c.text("evidence"))
        }
      }
      guard let name else { return nil }
      return Contact(
        name: name, title: f.text("title"), phone: f.text("phone"), email: f.text("email"), address: f.text("address"),
        roles: roles, paymentOwnerConfirmation: confirmation)
    }

    // MARK: Contracts

    /// A fraction of a currency without a minor unit is refused where the amount is (a stored
    /// ledger is read as it was imported).
    func whole(_ f: Fields, _ amount: ExactDecimal?, _ currency: String) {
      guard !log.stored, let amount,
        let problem = CurrencyCode.fractionProblem(amount, text: f.rawText("amount"), currency: currency)
      else {
        return
      }
      f.problem(at: "amount", problem)
    }

    mutating func readContract(_ f: Fields) -> Contract? {
      f.onlyKnown(LedgerFields.contract, in: "a contract")
      let id = f.identifier("id")
      let customer = reference(f, "customer", to: "customers")
      if let customer, customerIndex[customer] == nil, !broken.contains("customers", customer) {
        f.problem(at: "customer", "unknown customer '\(customer)'; add it to customers or correct the id")
      }
      let currency = f.string("currency") ?? "CNY"
      let currencyProblem = CurrencyCode.problem(currency)
      if let currencyProblem { f.problem(at: "currency", currencyProblem) }
      let amount = f.decimal(
        "amount", required: true, allowZero: false, currency: currencyProblem == nil ? currency : nil)
      if currencyProblem == nil { whole(f, amount, currency) }
      if id == nil, let raw = f.rawText("id") { broken.contracts.insert(raw) }
      // Without its customer, or with a currency that is none, the contract is not indexed:
      // its problem is reported, and the customer's payments are not told they need a
      // currency, nor its invoices that theirs is not one.
      if let id, customer == nil || currencyProblem != nil { broken.contracts.insert(id) }
      if let id {
        if contractCustomer[id] != nil {
          f.problem(at: "id", "duplicate contract id '\(id)'")
        } else if let customer, currencyProblem == nil {
          contractCustomer[id] = customer
          contractCurrency[id] = currency
          customerCurrencies[customer, default: []].insert(currency)
        }
      }
      let items = f.records("items").compactMap { i -> ContractItem? in
        i.onlyKnown(LedgerFields.item, in: "a contract item")
        let name = i.string("name", required: true)
        let quantity = i.decimal("quantity", required: true, places: 6)
        let price = i.decimal("unitPrice", places: 6)
        guard let name, let quantity else { return nil }
        return ContractItem(
          name: name, spec: i.text("spec"), quantity: quantity, unit: i.text("unit"), unitPrice: price)
      }
      let acceptance = f.nested("acceptance").map { a in
        a.onlyKnown(LedgerFields.acceptance, in: "a contract's acceptance")
        return
          Acceptance(
            criteria: a.text("criteria"), method: a.text("method"), acceptedOn: a.date("acceptedOn"),
            acceptedBy: a.text("acceptedBy"))
      }
      let termRecords = f.records("paymentTerms")
      let terms = termRecords.compactMap { t -> PaymentTerm? in
        t.onlyKnown(LedgerFields.paymentTerm, in: "a payment term")
        let percent = t.decimal("percent", required: true, places: 4, allowZero: false)
        if let percent, percent > ExactDecimal(100) { t.problem(at: "percent", "is more than 100") }
        guard let percent else { return nil }
        return PaymentTerm(milestone: t.text("milestone"), percent: percent, dueOn: t.date("dueOn"))
      }
      if terms.count == termRecords.count, !terms.isEmpty {
        let total = terms.reduce(ExactDecimal.zero) { (try? $0.adding($1.percent)) ?? $0 }
        if total != ExactDecimal(100) {
          f.problem(at: "paymentTerms", "the percentages add up to \(total.normalized)%, not 100%")
        }
      }
      let dunning =
        f.nested("dunningStart").map { d -> DunningStart? in
          d.onlyKnown(LedgerFields.dunningStart, in: "a contract's dunningStart")
          let days = d.int("daysOverdue", in: 0...3650)
          let minimum = d.decimal("minAmount") ?? .zero
          return days.map { DunningStart(daysOverdue: $0, minAmount: minimum) }
        } ?? nil
      let interest =
        f.nested("lateInterest").map { i -> InterestTerms? in
          i.onlyKnown(LedgerFields.lateInterest, in: "a contract's lateInterest")
          // "4.65%" is the common way to write it in a sheet: say what to write instead.
          if let raw = i.rawText("annualRate"), raw.hasSuffix("%") {
            i.problem(
              at: "annualRate", "'\(raw)' is a percentage; write a yearly rate as a fraction, e.g. 0.0465 for 4.65%")
            return nil
          }
          if !(i.rawText("dailyRate") ?? "").isEmpty {
            return LedgerReader.dailyTerms(i)
          }
          let rate = i.decimal("annualRate", required: true, places: 8)
          if let rate, rate > ExactDecimal(1) {
            i.problem(at: "annualRate", "is \(rate); write a yearly rate as a fraction, e.g. 0.0465 for 4.65%")
          }
          let basis = i.oneOf("basis", DayCountBasis.self) ?? .act365
          return rate.map { InterestTerms(annualRate: $0, basis: basis, clause: i.text("clause")) }
        } ?? nil
      let issues = f.records("issues").compactMap { i -> ProjectIssue? in
        i.onlyKnown(LedgerFields.issue, in: "a project issue")
        let description = i.string("description", required: true)
        return description.map { ProjectIssue(description: $0, open: i.bool("open") ?? true, since: i.date("since")) }
      }
      guard let id, let customer, let amount else { return nil }
      return Contract(
        id: id, customer: customer, project: f.text("project"), salesperson: f.text("salesperson"),
        signedOn: f.date("signedOn"), currency: currency, amount: amount, items: items, acceptance: acceptance,
        paymentTerms: terms, dunningStart: dunning, lateInterest: interest, issues: issues,
        installment: f.bool("installment") ?? false)
    }
  }
}
