import Basics
import Ledger
import LibXML
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// One pass of all rules over one document, parsed or as rendered (``MarkedDocument``).
struct Check<Document: MarkedDocument> {
  typealias Node = Document.Node
  let validator: Validator
  let document: Document
  /// The document's bytes, for a fast search before any XPath that only locates a hit.
  let raw: [UInt8]
  var findings: [Finding] = []
  /// A rule needed a search this document cannot make (see ``MarkedDocument/select(_:)``).
  var incomplete = false
  // One pass over the marked elements; the rules then work on these lists.
  var metas: [String: String] = [:]
  var fields: [String: [Node]] = [:]
  var sealsByRole: [String: [Node]] = [:]
  var amountRows: [Node] = []
  /// A legal demand's claim rows and their interest periods (see Rules+Demand.swift).
  var claimRows: [Node] = []
  var periodRows: [Node] = []
  /// A reconciliation statement's item rows.
  var itemRows: [Node] = []
  /// A phased-payment proposal's installment rows.
  var installmentRows: [Node] = []
  var body: Node?
  var head: Node?
  /// The document's text as a reader sees it (UTF-8, ``MarkedDocument/shownText``): tags,
  /// comments, styles and scripts left out, references decoded, and not only the body's, as a
  /// browser shows stray text before or after it too. Words are searched here, not in the
  /// bytes, so that a word split by inline markup (`起<b>诉</b>`) or spelled with references
  /// (`起&#35785;`) is still the word.
  private(set) lazy var shownText: [UInt8] = document.shownText

  init(validator: Validator, document: Document, raw: [UInt8]) {
    self.validator = validator
    self.document = document
    self.raw = raw
    // Sized once for a letter's dozens of marked elements rather than grown along.
    metas.reserveCapacity(16)
    fields.reserveCapacity(32)
    sealsByRole.reserveCapacity(4)
    for node in document.marked {
      let marks = node.marks
      // Names are lower case but in a hand-edited XML document; lower-casing allocates.
      let name = node.name
      switch name.utf8.contains(where: { (65...90).contains($0) }) ? name.lowercased() : name {
      case MarkedElement.meta.rawValue:
        if let name = marks.name, metas[name] == nil { metas[name] = marks.content ?? "" }
      case MarkedElement.body.rawValue: body = body ?? node
      case MarkedElement.head.rawValue: head = head ?? node
      default: break
      }
      if let field = marks.field { fields[field, default: []].append(node) }
      if let role = marks.seal { sealsByRole[role, default: []].append(node) }
      if marks.amount { amountRows.append(node) }
      if marks.claim { claimRows.append(node) }
      if marks.periodOf { periodRows.append(node) }
      if marks.item { itemRows.append(node) }
      if marks.installment { installmentRows.append(node) }
    }
  }

  /// Nodes by a namespace-agnostic XPath (XHTML read as XML, or HTML read as HTML); none,
  /// and the check marked incomplete, for a document without a tree.
  mutating func select(_ xpath: String) -> [Node] {
    guard let found = document.select(xpath) else {
      incomplete = true
      return []
    }
    return found
  }

  func meta(_ name: MetaName) -> String? { metas[name.rawValue] }

  func field(_ name: String) -> [Node] { fields[name] ?? [] }

  mutating func add(_ rule: String, _ message: String, at node: Node? = nil, severity: Finding.Severity = .error) {
    findings.append(
      Finding(rule: rule, severity: severity, message: message, line: node?.line ?? 0, xpath: node?.path ?? ""))
  }

  static func decimal(_ text: String?) -> ExactDecimal? {
    guard let text else { return nil }
    return try? ExactDecimal(parsing: text.trimmingCharacters(in: " \n\t"))
  }

  /// The number in a displayed amount: `¥380,000.00`, `-¥5,000.00`, `CNY 1,234.00`.
  /// The amount a figure shows (``Amounts/shown(_:)``).
  static func displayedAmount(_ text: String) -> ExactDecimal? { Amounts.shown(text) }

  mutating func run() -> [Finding] {
    hiddenMarks()
    let kind = metadata()
    paymentOwner()
    seals(kind: kind)
    amounts(kind: kind)
    figureForms()
    asOfShown()
    deadlines()
    if kind == DocumentKind.dunning.rawValue || kind == DocumentKind.penaltyNotice.rawValue { overdue(kind: kind) }
    if kind == DocumentKind.installmentProposal.rawValue { installments() }
    if kind == DocumentKind.penaltyNotice.rawValue { demand() }
    if kind == DocumentKind.reconciliation.rawValue { reconciliation() }
    letterShown(kind: kind)
    replySlip(kind: kind)
    bankAccount(kind: kind)
    counsel()
    wording(kind: kind)
    leftovers()
    return findings
  }

  // MARK: metadata

  mutating func metadata() -> String? {
    for name in MetaName.required where (meta(name) ?? "").isEmpty {
      add("metadata", "<meta name=\"\(name.rawValue)\"> is missing or empty", at: head)
    }
    let kind = meta(.kind)
    if let kind, !Validator.kinds.contains(kind) {
      add(
        "metadata", "\(MetaName.kind.rawValue) '\(kind)' is not one of \(Validator.kinds.joined(separator: ", "))",
        at: head)
    }
    for name in [MetaName.date, .asOf] {
      if let text = meta(name), !text.isEmpty, (try? CivilDate(iso: text)) == nil {
        add("metadata", "\(name.rawValue) '\(text)' is not a date YYYY-MM-DD", at: head)
      }
    }
    if let date = meta(.date).flatMap({ try? CivilDate(iso: $0) }),
      let asOf = meta(.asOf).flatMap({ try? CivilDate(iso: $0) }), date < asOf
    {
      add(
        "metadata",
        "\(MetaName.date.rawValue) \(date.iso) is before \(MetaName.asOf.rawValue) \(asOf.iso): the document states figures as of a day after its own date",
        at: head)
    }
    if let text = meta(.balance), !text.isEmpty, Check.decimal(text) == nil {
      add("metadata", "\(MetaName.balance.rawValue) '\(text)' is not a plain decimal", at: head)
    }
    if let currency = meta(.currency), !currency.isEmpty, CurrencyCode.problem(currency) != nil {
      add("metadata", "\(MetaName.currency.rawValue) '\(currency)' is not a currency code", at: head)
    }
    if kind == DocumentKind.dunning.rawValue, !["1", "2", "3"].contains(meta(.level) ?? "") {
      add("metadata", "a dunning letter needs <meta name=\"\(MetaName.level.rawValue)\"> of 1, 2 or 3", at: head)
    }
    if kind == DocumentKind.penaltyNotice.rawValue, !Validator.measures.contains(meta(.measure) ?? "") {
      add(
        "metadata",
        "a penalty notice needs <meta name=\"\(MetaName.measure.rawValue)\"> (\(Validator.measures.joined(separator: ", ")))",
        at: head
      )
    }
    if kind == DocumentKind.reconciliation.rawValue {
      for name in [MetaName.letter, .theirBalance] where (meta(name) ?? "").isEmpty {
        add("metadata", "a reconciliation statement needs <meta name=\"\(name.rawValue)\">", at: head)
      }
      if let text = meta(.theirBalance), !text.isEmpty, Check.decimal(text) == nil {
        add("metadata", "\(MetaName.theirBalance.rawValue) '\(text)' is not a plain decimal", at: head)
      }
    }
    if let number = meta(.number), !number.isEmpty {
      for node in field("number") where !Check.readsAs(node.textContent, number) {
        add(
          "metadata",
          "the document's number reads '\(node.textContent)', but \(MetaName.number.rawValue) is \(number): the register and the reply know it by that number",
          at: node)
      }
    }
    if let ledger = validator.ledger, let customer = meta(.customer), !customer.isEmpty,
      validator.customers[customer] == nil
    {
      add(
        "metadata",
        "customer '\(customer)' is not in the ledger \(ledger.issuer.name.isEmpty ? "" : "of \(ledger.issuer.name)")",
        at: head)
    }
    return kind
  }

  // MARK: payment-owner

  mutating func paymentOwner() {
    let fields = field("payment-owner")
    guard fields.count == 1, let owner = fields.first else {
      add(
        "payment-owner",
        fields.isEmpty
          ? "the document names no payment owner (no element with data-field=\"payment-owner\")"
          : "the document has \(fields.count) payment-owner fields; it must name exactly one",
        at: fields.dropFirst().first ?? body)
      return
    }
    let name = owner.textContent.trimmingCharacters(in: " \n\t\u{3000}")
    if name.isEmpty {
      add("payment-owner", "the payment-owner field is empty", at: owner)
      return
    }
    if let declared = meta(.paymentOwner), declared != name {
      add("payment-owner", "the text names '\(name)' but the metadata names '\(declared)'", at: owner)
    }
    guard validator.ledger != nil, let id = meta(.customer), let customer = validator.customers[id],
      let dateText = meta(.date), let date = try? CivilDate(iso: dateText)
    else { return }
    guard let confirmed = customer.confirmedPaymentOwner(at: date) else {
      add("payment-owner", "the ledger has no confirmed payment owner for \(id) on \(date.iso)", at: owner)
      return
    }
    if confirmed.name != name {
      add(
        "payment-owner",
        "names '\(name)', but the ledger's confirmed payment owner for \(id) on \(date.iso) is '\(confirmed.name)'",
        at: owner)
    }
  }

  // MARK: amounts

  mutating func amounts(kind: String?) {
    guard let balance = Check.decimal(meta(.balance)) else { return }
    let rows = amountRows
    var sum = ExactDecimal.zero
    for row in rows {
      guard let amount = Check.decimal(row.attribute("data-amount")) else {
        add("amounts", "data-amount '\(row.attribute("data-amount") ?? "")' is not a plain decimal", at: row)
        continue
      }
      guard let added = try? sum.adding(amount) else {
        add("amounts", "the data-amount rows add up to more than an amount can hold; check their figures", at: row)
        return
      }
      sum = added
    }
    if rows.isEmpty && !balance.isZero {
      add(
        "amounts", "the document has no rows with data-amount, but the balance is \(balance.formatted(places: 2))",
        at: body)
    } else if sum != balance {
      add(
        "amounts", "the rows add up to \(sum.formatted(places: 2)), but the balance is \(balance.formatted(places: 2))",
        at: rows.first?.parent)
    }
    let figures = field("balance")
    if figures.isEmpty {
      add("amounts", "the balance in figures is missing (data-field=\"balance\")", at: body)
    }
    for figure in figures {
      let shown = Check.displayedAmount(figure.textContent)
      if shown != balance {
        add(
          "amounts", "the balance reads '\(figure.textContent)', but the metadata says \(balance.formatted(places: 2))",
          at: figure)
      }
    }
    let words = field("balance-in-words")
    if words.isEmpty {
      add("amounts", "the balance in words is missing (data-field=\"balance-in-words\")", at: body)
    }
    let english = DocumentLocale.isEnglish(meta(.locale) ?? DocumentLocale.standard.rawValue)
    let expected =
      english
      ? try? AmountInWords.english(balance, currency: meta(.currency) ?? "CNY")
      : try? AmountInWords.chinese(balance, currency: meta(.currency) ?? "CNY")
    for word in words where word.textContent != expected {
      add(
        "amounts",
        "the amount in words reads '\(word.textContent)', but \(balance.formatted(places: 2)) is '\(expected ?? "?")'",
        at: word)
    }
    guard let (id, currency, asOf, computed) = ledgerFigures() else {
      shownRows(balance: balance, account: nil, asOf: nil)
      return
    }
    do {
      guard let receivables = computed else {
        add("amounts", "the ledger's figures for \(id) are too large to check the balance against", at: body)
        return
      }
      let account = receivables.account(customer: id, currency: currency)
      shownRows(balance: balance, account: account, asOf: asOf)
      let actual = account?.balance ?? .zero
      if actual != balance {
        add(
          "amounts",
          "the balance is \(balance.formatted(places: 2)) \(currency), but the ledger's balance for \(id) on \(asOf.iso) is \(actual.formatted(places: 2))",
          at: figures.first)
      }
      if let account { contractOverruns(account, asOf: asOf, at: figures.first) }
    }
  }

  /// Invoices above their contract's amount (net of credit notes) are a warning, not an
  /// error: a supplement or change order may cover the excess, but a claim for it stands only
  /// with that paper, so whoever sends the document is told which contract and how much.
  mutating func contractOverruns(_ account: Account, asOf: CivilDate, at node: Node?) {
    var invoiced: [String: ExactDecimal] = [:]
    var order: [String] = []
    for status in account.invoices {
      let contract = status.invoice.contract
      if invoiced[contract] == nil { order.append(contract) }
      guard let net = try? status.invoice.amount.subtracting(status.credited),
        let added = try? invoiced[contract, default: .zero].adding(net)
      else { return }
      invoiced[contract] = added
    }
    for id in order {
      guard let contract = validator.contracts[id], let total = invoiced[id], total > contract.amount,
        let excess = try? total.subtracting(contract.amount)
      else { continue }
      add(
        "amounts",
        "contract \(id) is for \(contract.amount.formatted(places: 2)) \(account.currency), but its invoices up to \(asOf.iso) come to \(total.formatted(places: 2)) after credit notes, \(excess.formatted(places: 2)) more; attach the supplement or change order that covers it, or correct the ledger",
        at: node, severity: .warning)
    }
  }

  // MARK: wording

  mutating func wording(kind: String?) {
    guard let kind else { return }
    var keys = [kind]
    if let level = meta(.level) { keys.append("\(kind)-\(level)") }
    if let measure = meta(.measure) { keys.append("\(kind)-\(measure)") }
    let words = keys.flatMap { validator.policy.forbiddenWords[$0] ?? [] }
    for word in Set(words).sorted() where shownText.holds(word) {
      let hit = elementsShowing(word).first ?? body
      add("wording", "'\(word)' must not appear in a \(keys.last ?? kind) document", at: hit)
    }
  }
}

/// Figures as a document shows them.
enum Amounts {
  /// The amount a figure shows (`¥380,000.00`, `CNY 1,200.50`): its digits, point and sign.
  static func shown(_ text: String) -> ExactDecimal? {
    // By bytes: every row's cells go through here, and the kept characters are all ASCII.
    var kept: [UInt8] = []
    kept.reserveCapacity(text.utf8.count)
    for byte in text.utf8
    where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: "-")
    {
      kept.append(byte)
    }
    return kept.withUnsafeBufferPointer { ExactDecimal.parse(utf8: $0) }
  }
}
