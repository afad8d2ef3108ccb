import Basics
import Ledger
import LibXML
import Synchronization
import Templating
import Vocabulary

/// A document ready to be numbered and rendered: the checks have passed.
public struct PreparedLetter: Sendable {
  public let request: LetterRequest
  /// The template file, relative to a template root (`zh-CN/dunning.xhtml`).
  public let template: String
  public let currency: String
  /// The figure the document is about: the balance (or, for a demand, principal + interest).
  public let amount: ExactDecimal
  /// Level or measure, for the register and the file name.
  public let detail: String?
  /// What the document is issued despite (see ``LetterWarning``).
  public let warnings: [LetterWarning]
  /// The customer's confirmed payment owner the document is addressed to.
  public let paymentOwner: String
  let context: TemplateMembers
}

/// A rendered document.
public struct Letter: Sendable {
  public let prepared: PreparedLetter
  public let number: String
  /// The bytes (XHTML, UTF-8) and the marked elements the render recorded, so that the
  /// gate can check them without parsing the bytes.
  public let rendered: RenderedDocument
  /// XHTML, UTF-8.
  public var bytes: [UInt8] { rendered.bytes }
}

/// Builds documents from the ledger: checks a request, builds the template context for its
/// kind, and renders the template chosen by kind, level or measure, and locale.
///
/// ```swift
/// let factory = try LetterFactory(ledger: ledger, policy: .standard, templateRoots: ["Templates"])
/// let prepared = try factory.prepare(LetterRequest(kind: .confirmation, customer: "C001", asOf: day))
/// let letter = try factory.render(prepared, number: "DZ-202611-0001")
/// ```
public struct LetterFactory: Sendable {
  public let ledger: Ledger
  public let policy: Policy
  /// Documents already issued, from the register: earlier demands and confirmations.
  public let history: [RegisterEntry]
  /// The customer's replies in force to confirmation letters: a dispute blocks dunning and
  /// penalties, an agreement restarts limitation and is evidence.
  public let replies: [Reply]
  /// The template roots and the cache of compiled templates, labels, the stylesheet and the
  /// template each kind uses; pass one to every factory of a batch so that each template is
  /// found and compiled once.
  public let templates: LetterTemplates
  public var templateRoots: [String] { templates.roots }
  public var cache: TemplateCache { templates.cache }

  public init(
    ledger: Ledger, policy: Policy, templateRoots: [String], history: [RegisterEntry] = [], replies: [Reply] = [],
    cache: TemplateCache = TemplateCache()
  ) {
    self.init(
      ledger: ledger, policy: policy, templates: LetterTemplates(roots: templateRoots, cache: cache), history: history,
      replies: replies)
  }

  public init(
    ledger: Ledger, policy: Policy, templates: LetterTemplates, history: [RegisterEntry] = [], replies: [Reply] = []
  ) {
    self.ledger = ledger
    self.policy = policy
    self.templates = templates
    self.history = history
    self.replies = replies
  }

  static let locales = DocumentLocale.allCases.map(\.rawValue)

  // MARK: Checks and context

  /// Checks a request and builds its context. `receivables`, when the caller has already
  /// computed them for this ledger (a batch does, to select customers), are used if they are
  /// at the request's as-of date.
  public func prepare(_ request: LetterRequest, receivables known: Receivables? = nil) throws(LetterRefusal)
    -> PreparedLetter
  {
    let id = request.customer
    if let problem = LetterRequest.datesProblem(asOf: request.asOf, date: request.date, deadline: request.deadline) {
      throw LetterRefusal(customer: id, problem)
    }
    guard let customer = ledger.customer(id) else {
      throw LetterRefusal(customer: id, "no such customer in the ledger; check the id (see 'ardoc aging')")
    }
    // After the customer: an unknown id read from the store comes with a ledger that holds
    // nothing else (see Workflows.LedgerSource.customerLedger), bank account included.
    if let problem = LetterFactory.bankProblem(ledger.issuer, kind: request.kind, collect: request.collect) {
      throw LetterRefusal(customer: id, problem)
    }
    guard LetterFactory.locales.contains(request.locale) else {
      throw LetterRefusal(customer: id, "locale '\(request.locale)' is not available; use zh-CN or en")
    }
    guard let owner = customer.confirmedPaymentOwner(at: request.date),
      let confirmation = owner.paymentOwnerConfirmation
    else {
      let named = customer.contacts(withRole: .paymentOwner).map(\.name)
      let who =
        named.isEmpty
        ? "no contact has the role payment-owner"
        : "\(named.joined(separator: ", ")) (payment-owner) has no confirmation on or before that day"
      throw LetterRefusal(
        customer: id,
        "no confirmed payment owner on \(request.date.iso): \(who); record when and how it was confirmed (JSON: paymentOwnerConfirmation's confirmedOn and method; CSV: contacts.csv's confirmedOn and confirmationMethod) and import the ledger again",
        cause: .noConfirmedOwner)
    }
    let receivables: Receivables
    if let known, known.asOf == request.asOf {
      receivables = known
    } else {
      receivables = try exact(id) { () throws(DecimalError) in try Receivables(ledger, asOf: request.asOf) }
    }
    let accounts = receivables.accounts(customer: id)
    let account: Account
    if let currency = request.currency {
      guard let chosen = accounts.first(where: { $0.currency == currency }) else {
        throw LetterRefusal(
          customer: id,
          "has no \(currency) account on \(request.asOf.iso); its currencies: \(accounts.map(\.currency).joined(separator: ", "))"
        )
      }
      account = chosen
    } else if accounts.count > 1 {
      throw LetterRefusal(
        customer: id,
        "has accounts in \(accounts.map(\.currency).joined(separator: " and ")); choose one with --currency")
    } else if let only = accounts.first {
      account = only
    } else {
      throw LetterRefusal(
        customer: id, "has no invoice or payment on or before \(request.asOf.iso); there is nothing to write about")
    }

    var context = baseContext(request, customer: customer, owner: owner, confirmation: confirmation, account: account)
    var amount = account.balance
    var detail: String?
    var warnings: [LetterWarning] = []
    switch request.kind {
    case .reconciliation:
      let reconciliation = try reconciliation(request, account: account)
      context["reconciliation"] = reconciliation
      Self.addMeta(Self.reconciliationMeta(reconciliation), to: &context)
    case .confirmation:
      // A payment request for a balance that is not owed to us would be nonsense on paper.
      if request.collect && !(account.balance > .zero) {
        throw LetterRefusal(
          customer: id,
          "--collect asks for payment, but the balance on \(request.asOf.iso) is \(account.balance.formatted(places: 2)) \(account.currency)\(account.balance.isNegative ? " (the customer has paid more than is invoiced)" : ""); leave out --collect"
        )
      }
      context["collect"] = .bool(request.collect)
      if request.resending != nil {
        try secondNotice(request, account: account, context: &context)
        detail = ConfirmationDetail.secondNotice.rawValue
      }
      if request.collect { try collectDue(request, account: account, context: &context) }
    case .dunning:
      let level = try dunningLevel(request, account: account)
      detail = DunningLevel.detail(level)
      context["level"] = .number(ExactDecimal(level))
      context["discount"] = try discount(level: level, account: account, request: request)
      // A reminder or demand the letter mentions is one the register holds, never assumed
      // from the level.
      let prior = priorDemands(account, customer: id, before: request.date)
      context["priorDemands"] = prior.cited
      if let warning = Self.recordedLateWarning(prior.late) { warnings.append(warning) }
    case .installmentProposal:
      context["plan"] = try plan(request, account: account)
      context["achieved"] = try achieved(account: account, customer: id, asOf: request.asOf)
    case .penaltyNotice:
      guard let measure = request.measure else {
        throw LetterRefusal(
          customer: id, "a penalty notice needs --measure stop-supply, stop-service, revoke-license or legal-demand")
      }
      detail = measure.rawValue
      context["measure"] = .string(measure.rawValue)
      // A customer in credit is owed money by us: no notice may treat them as a debtor, nor
      // claim interest from them while we hold more of theirs.
      guard !account.balance.isNegative else {
        throw LetterRefusal(
          customer: id,
          "the account is in credit by \(account.balance.magnitude.formatted(places: CurrencyCode.places(account.currency))) \(account.currency) on \(request.asOf.iso): we owe the customer; settle the credit (a refund, or an offset recorded in the ledger) before a penalty notice",
          cause: .nothingDue)
      }
      // Interest accrued on invoices since paid is still owed (docs/design.md section 4): a legal
      // demand may claim it alone.
      let interestOwed =
        measure == .legalDemand
        && ((try? receivables.lateInterest(account, ledger: ledger, policy: policy)) ?? []).contains {
          $0.interest > .zero
        }
      guard account.overdueAmount > .zero || interestOwed else {
        throw LetterRefusal(
          customer: id,
          measure == .legalDemand
            ? "nothing is overdue on \(request.asOf.iso) and no late interest has accrued; a legal demand needs a claim"
            : "nothing is overdue on \(request.asOf.iso); a penalty notice needs an overdue debt", cause: .nothingDue)
      }
      let prior = priorDemands(account, customer: id, before: request.date)
      context["priorDemands"] = prior.cited
      // A legal demand's evidence names the register's documents too: its warning covers both.
      if measure != .legalDemand, let warning = Self.recordedLateWarning(prior.late) { warnings.append(warning) }
      if measure != .legalDemand, let warning = try thresholdCheck(request, measure: measure, account: account) {
        warnings.append(warning)
      }
      if measure == .legalDemand {
        let openIssues = openIssues(customer: id, currency: nil)
        if !openIssues.isEmpty {
          throw LetterRefusal(
            customer: id,
            "the ledger shows an open project issue — \(openIssues.joined(separator: "; ")); resolve it (or close it in the ledger) before a legal demand"
          )
        }
        if let warning = try thresholdCheck(request, measure: measure, account: account) { warnings.append(warning) }
        let demand = try legalDemand(account: account, receivables: receivables, request: request)
        context.merge(demand.context) { _, new in new }
        amount = demand.total
        warnings += demand.warnings
        if let warning = Self.recordedLateWarning(prior.late + demand.recordedLate, evidence: true) {
          warnings.append(warning)
        }
      }
    }
    // After the kind's own checks: a customer with nothing due is refused for that first.
    if let warning = try disputeCheck(request, account: account) { warnings.append(warning) }
    if let warning = openIssueWarning(request, account: account) { warnings.append(warning) }
    if let warning = laterPaymentWarning(request, account: account) { warnings.append(warning) }
    let template = try templates.choose(request.kind, detail: detail, locale: request.locale, customer: id)
    return PreparedLetter(
      request: request, template: template, currency: account.currency, amount: amount, detail: detail,
      warnings: warnings, paymentOwner: owner.name, context: context)
  }

  func dunningLevel(_ request: LetterRequest, account: Account) throws(LetterRefusal) -> Int {
    guard account.overdueAmount > .zero, account.balance > .zero else {
      let next = account.openInvoices.map(\.invoice.dueOn).min()
      throw LetterRefusal(
        customer: request.customer,
        "nothing is overdue on \(request.asOf.iso) (balance \(account.balance.formatted(places: 2)) \(account.currency)\(next.map { ", next due \($0.iso)" } ?? "")); a dunning letter is only for what is past due",
        cause: .nothingDue)
    }
    if let forced = request.level {
      guard (1...3).contains(forced) else {
        throw LetterRefusal(customer: request.customer, "--level \(forced): use 1, 2 or 3")
      }
      return forced
    }
    guard
      let level = try exact(
        request.customer,
        { () throws(DecimalError) in
          try policy.dunningLevel(for: account, ledger: ledger)
        })
    else {
      // The currency is the reason only when the levels, their missing minimums taken as
      // none, would give one: not when days, the dunning start or a credit hold it back.
      var unset = Set(
        policy.dunningLevels.filter { $0.minAmount.minimum(in: account.currency) == nil }.flatMap {
          $0.minAmount.byCurrency.keys
        })
      var lenient = policy
      lenient.dunningLevels = policy.dunningLevels.map {
        $0.minAmount.minimum(in: account.currency) == nil
          ? Policy.DunningLevel(level: $0.level, daysOverdue: $0.daysOverdue, minAmount: .zero) : $0
      }
      if !unset.isEmpty, ((try? lenient.dunningLevel(for: account, ledger: ledger)) ?? nil) == nil { unset = [] }
      throw LetterRefusal(
        customer: request.customer,
        unset.isEmpty
          ? "the overdue amount \(account.overdueAmount.formatted(places: 2)) has not reached the contract's dunning start or the policy's first level; wait, or choose --level"
          : "the overdue amount is \(account.overdueAmount.formatted(places: 2)) \(account.currency), but the policy's dunning levels set their minimum amounts in \(unset.sorted().joined(separator: " and ")) only, and ardoc converts no currency; add \(account.currency) to dunning.levels[].minAmount, or choose --level",
        // Something is due: the policy lacks the currency, which its fix says ("refused").
        cause: unset.isEmpty ? .nothingDue : .other)
    }
    return level
  }

  /// Why a document of `kind` cannot be written for this issuer, or nil: every kind but a
  /// plain confirmation asks for payment, and must say where to pay (it printed "开户行：；账号："
  /// when the ledger had no bank account).
  public static func bankProblem(_ issuer: Issuer, kind: DocumentKind, collect: Bool) -> String? {
    // A plain confirmation and a reconciliation statement ask for no payment.
    guard (kind != .confirmation && kind != .reconciliation) || collect else { return nil }
    guard issuer.bank.account.allSatisfy(\.isWhitespace) else { return nil }
    return
      "the ledger gives no bank account for \(issuer.name.isEmpty ? "the issuer" : issuer.name) (issuer.bank.account); a letter that asks for payment must say where to pay: add it and import the ledger again"
  }

  // MARK: Rendering

  /// Renders a prepared document under its register number; concurrent renderers pass each
  /// their own `lane` (see ``TemplateCache/replicas``).
  public func render(_ prepared: PreparedLetter, number: String, lane: Int? = nil) throws(TemplateError) -> Letter {
    var context = prepared.context
    var doc: TemplateMembers = context["doc"]?.objectValue ?? [:]
    doc["number"] = .string(number)
    var meta: [TemplateValue] = doc["meta"]?.arrayValue ?? []
    meta.insert(["name": .string(MetaName.number.rawValue), "content": .string(number)], at: min(1, meta.count))
    if let detail = prepared.detail, prepared.request.kind == .dunning || prepared.request.kind == .penaltyNotice {
      let name = prepared.request.kind == .dunning ? MetaName.level : .measure
      let value = prepared.request.kind == .dunning ? (DunningLevel.level(detail).map(String.init) ?? detail) : detail
      meta.append(["name": .string(name.rawValue), "content": .string(value)])
    }
    if prepared.request.kind == .penaltyNotice, let interest = context["demand"]?["interest"] {
      meta.append(["name": .string(MetaName.interest.rawValue), "content": interest])
    }
    doc["meta"] = .array(meta)
    context["doc"] = .object(doc)
    context["labels"] = try templates.labels(prepared.request.locale, lane: lane)
    context["punct"] = LetterTemplates.punctuation(prepared.request.locale)
    context["css"] = try templates.stylesheet(lane: lane)
    let template = try templates.compiled(prepared.template, locale: prepared.request.locale)
    let rendered = try template.render(
      .object(context), options: RenderOptions(locale: prepared.request.locale, lane: lane), outline: true)
    return Letter(prepared: prepared, number: number, rendered: rendered)
  }

  /// Compiles (and caches) the template a prepared letter needs, so that a missing, unreadable
  /// or broken template is reported before a number is taken for it.
  public func checkTemplate(_ prepared: PreparedLetter) throws(TemplateError) {
    _ = try templates.compiled(prepared.template, locale: prepared.request.locale)
  }

  static func fileError(_ path: String, line: Int, column: Int, _ message: String) -> TemplateError {
    TemplateError([
      TemplateDiagnostic(message, at: SourceLocation(file: path, line: line, column: column, lineText: ""))
    ])
  }
}
