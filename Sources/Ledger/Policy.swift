import Basics
import Vocabulary

/// How a company collects (`ardoc-policy/1`): aging buckets, dunning levels, penalty and legal
/// thresholds, deadlines, the default late interest, document numbering and forbidden words.
/// Every field has a documented default, so an empty policy `{"format": "ardoc-policy/1"}`
/// is valid.
public struct Policy: Sendable, Equatable {
  public struct AgingBucket: Sendable, Equatable {
    public let label: String
    /// The bucket holds invoices overdue by at most this many days (nil: no upper bound).
    public let maxDays: Int?
    public init(label: String, maxDays: Int?) {
      self.label = label
      self.maxDays = maxDays
    }
  }

  public struct DunningLevel: Sendable, Equatable {
    public let level: Int
    /// The customer's oldest open invoice is overdue by at least this many days.
    public let daysOverdue: Int
    /// ... and its overdue amount is at least this much (in the account's currency).
    public let minAmount: PolicyAmount
    public init(level: Int, daysOverdue: Int, minAmount: PolicyAmount) {
      self.level = level
      self.daysOverdue = daysOverdue
      self.minAmount = minAmount
    }
  }

  public struct Threshold: Sendable, Equatable {
    public let daysOverdue: Int
    public let minAmount: PolicyAmount
    public init(daysOverdue: Int, minAmount: PolicyAmount) {
      self.daysOverdue = daysOverdue
      self.minAmount = minAmount
    }
  }

  public struct DefaultInterest: Sendable, Equatable {
    /// The one-year loan prime rate (LPR), e.g. 0.0300.
    public let lpr: ExactDecimal
    /// Added on top: the rate is LPR × (1 + markup); courts accept 0.3 to 0.5.
    public let markup: ExactDecimal
    public let basis: DayCountBasis
    /// The day the LPR figure was published (the quote a demand cites), when the policy says.
    public let lprDate: CivilDate?
    /// The LPR figures as published, oldest first (`lprHistory`): each in force from its day
    /// until the next. With them, each invoice bears the LPR in force when its breach began
    /// (the day after it fell due), as the Supreme People's Court's interpretation on sales
    /// contracts (art. 18) reads the statutory rate; without, every invoice bears `lpr`.
    public let history: [(from: CivilDate, lpr: ExactDecimal)]
    public init(
      lpr: ExactDecimal, markup: ExactDecimal, basis: DayCountBasis, lprDate: CivilDate? = nil,
      history: [(from: CivilDate, lpr: ExactDecimal)] = []
    ) {
      self.lpr = lpr
      self.markup = markup
      self.basis = basis
      self.lprDate = lprDate
      self.history = history
    }

    public static func == (a: DefaultInterest, b: DefaultInterest) -> Bool {
      a.lpr == b.lpr && a.markup == b.markup && a.basis == b.basis && a.lprDate == b.lprDate
        && a.history.map(\.from) == b.history.map(\.from) && a.history.map(\.lpr) == b.history.map(\.lpr)
    }

    /// The terms a breach that began on `day` bears: with a history, the LPR published last on
    /// or before that day (the earliest figure for a day before them all); else these.
    public func inForce(breachingOn day: CivilDate) -> DefaultInterest {
      guard let first = history.first else { return self }
      let chosen = history.last { $0.from <= day } ?? first
      return DefaultInterest(lpr: chosen.lpr, markup: markup, basis: basis, lprDate: chosen.from, history: history)
    }

    /// Whether invoices bear the LPR of their breach's day (a history is given).
    public var atBreach: Bool { !history.isEmpty }
    /// LPR × (1 + markup). A policy file's figures are checked (LPR up to 0.2 with 8 places,
    /// markup 0.3 to 0.5 with 4) so that this cannot overflow; one built in code could.
    public func annualRate() throws(DecimalError) -> ExactDecimal {
      try lpr.multiplied(by: ExactDecimal(1).adding(markup))
    }
  }

  public var agingBuckets: [AgingBucket]
  /// The aging report's own columns, which no bucket's label may repeat.
  public static let reportColumns = ["customer", "name", "currency", "balance", "credit", "maxDaysOverdue"]
  public var dunningLevels: [DunningLevel]
  /// Penalty measures may be proposed from this point on.
  public var penalty: Threshold
  /// A legal demand may be sent from this point on.
  public var legal: Threshold
  public var replyDays: Int
  public var paymentDeadlineDays: Int
  public var interest: DefaultInterest
  /// Number patterns per document kind: `{yyyy}`, `{MM}`, `{seq:4}` (zero-padded sequence).
  public var numbering: [DocumentKind: String]
  /// Words a document must not contain, per kind or `kind-level` (e.g. `dunning-1`).
  public var forbiddenWords: [String: [String]]
  /// Early-payment discount a soft reminder may offer, as a fraction (0 for none).
  public var earlyPaymentDiscount: ExactDecimal

  public static let standard = Policy(
    agingBuckets: [
      AgingBucket(label: "current", maxDays: 0), AgingBucket(label: "1-30", maxDays: 30),
      AgingBucket(label: "31-60", maxDays: 60), AgingBucket(label: "61-90", maxDays: 90),
      AgingBucket(label: "91-180", maxDays: 180), AgingBucket(label: "181-365", maxDays: 365),
      AgingBucket(label: "over-365", maxDays: nil),
    ],
    dunningLevels: [
      DunningLevel(level: 1, daysOverdue: 1, minAmount: .zero),
      DunningLevel(level: 2, daysOverdue: 31, minAmount: .zero),
      DunningLevel(level: 3, daysOverdue: 61, minAmount: .zero),
    ],
    penalty: Threshold(daysOverdue: 90, minAmount: PolicyAmount(ExactDecimal(50_000), in: "CNY")),
    legal: Threshold(daysOverdue: 180, minAmount: PolicyAmount(ExactDecimal(100_000), in: "CNY")),
    replyDays: 10, paymentDeadlineDays: 15,
    interest: DefaultInterest(
      lpr: ExactDecimal(significand: 300, scale: 4), markup: ExactDecimal(significand: 3, scale: 1), basis: .act365,
      lprDate: CivilDate(year: 2025, month: 5, day: 20)),
    numbering: [
      .confirmation: "DZ-{yyyy}{MM}-{seq:4}",
      .dunning: "CK-{yyyy}{MM}-{seq:4}",
      .installmentProposal: "FQ-{yyyy}-{seq:4}",
      .penaltyNotice: "TZ-{yyyy}-{seq:4}",
      .reconciliation: "TJ-{yyyy}{MM}-{seq:4}",
    ],
    forbiddenWords: [
      DocumentKind.dunning.rawValue + "-1": ["合同", "违约", "起诉", "律师"],
      DocumentKind.confirmation.rawValue: ["违约", "起诉"],
    ],
    earlyPaymentDiscount: .zero)

  /// The bucket label for an invoice overdue by `days` (0 or less: the first bucket).
  public func bucket(forDaysOverdue days: Int) -> String {
    for bucket in agingBuckets {
      guard let maxDays = bucket.maxDays else { return bucket.label }
      if days <= maxDays { return bucket.label }
    }
    return agingBuckets.last?.label ?? "current"
  }
}

extension Policy {
  public static let format = "ardoc-policy/1"

  /// Reads a policy file; fields left out keep the defaults of ``standard``.
  public static func load(_ path: String) throws(LedgerError) -> Policy {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: 16 << 20)
    } catch {
      throw LedgerError([
        LedgerIssue(
          file: path, line: 0, field: "", message: "cannot read the policy file: \(error.reason); check --policy")
      ])
    }
    let record = try LedgerReader.jsonObject(bytes, file: path, what: "a policy")
    let log = IssueLog()
    let f = Fields(record: record, log: log)
    var policy = Policy.standard
    f.onlyKnown(
      [
        "format", "currency", "agingBuckets", "dunning", "penalty", "legal", "replyDays", "paymentDeadlineDays",
        "interest", "numbering", "forbiddenWords", "earlyPaymentDiscount",
      ], in: "a policy")
    if let format = f.string("format", required: true), format != Policy.format {
      f.problem(at: "format", "is '\(format)'; this version of ardoc reads '\(Policy.format)'")
    }
    // The currency of the policy's amounts where one figure is written for all.
    var currency = "CNY"
    if let code = f.string("currency") {
      if let problem = CurrencyCode.problem(code) { f.problem(at: "currency", problem) } else { currency = code }
    }
    func amount(_ g: Fields) -> PolicyAmount? {
      guard let entry = g.entry("minAmount") else { return nil }
      guard case .record = entry.value, let byCurrency = g.nested("minAmount") else {
        guard let value = g.decimal("minAmount") else { return nil }
        if let problem = CurrencyCode.fractionProblem(value, currency: currency) { g.problem(at: "minAmount", problem) }
        return PolicyAmount(value, in: currency)
      }
      var amounts: [String: ExactDecimal] = [:]
      var named = false
      for (code, _) in byCurrency.record.fields where !code.hasPrefix("_") {
        named = true
        if let problem = CurrencyCode.problem(code) {
          byCurrency.problem(at: code, problem)
        } else if let value = byCurrency.decimal(code, required: true) {
          if let problem = CurrencyCode.fractionProblem(value, currency: code) { byCurrency.problem(at: code, problem) }
          amounts[code] = value
        }
      }
      if !named {
        g.problem(
          at: "minAmount", "names no currency; write {\"CNY\": \"100000.00\"}, or one figure in the policy's currency")
      }
      return PolicyAmount(byCurrency: amounts)
    }
    let bucketRecords = f.records("agingBuckets")
    if f.entry("agingBuckets") != nil {
      var buckets: [AgingBucket] = []
      var previous = Int.min
      for (index, b) in bucketRecords.enumerated() {
        b.onlyKnown(["label", "maxDays"], in: "an aging bucket")
        guard let label = b.string("label", required: true) else { continue }
        // A label is a column of the report, found by name: one twice, or one that is already
        // a column, would be two columns under one name.
        if buckets.contains(where: { $0.label == label }) {
          b.problem(at: "label", "'\(label)' labels an earlier bucket too; give each bucket its own label")
        } else if Self.reportColumns.contains(label) {
          b.problem(
            at: "label",
            "'\(label)' is a column of the aging report already (\(Self.reportColumns.joined(separator: ", "))); choose another label"
          )
        }
        let maxDays = b.int("maxDays", in: 0...100_000)
        if maxDays == nil && index != bucketRecords.count - 1 {
          b.problem(field: "maxDays", "is required for every bucket but the last")
        }
        // The last bucket takes every older amount: with a limit, 1,259 days overdue would
        // read as its label ("31-60").
        if let maxDays, index == bucketRecords.count - 1 {
          b.problem(
            at: "maxDays",
            "is \(maxDays), but the last bucket takes every amount older than the one before it; leave its maxDays out, or add a last bucket without one (such as {\"label\": \"over-\(maxDays)\"})"
          )
        }
        if let maxDays {
          if maxDays <= previous { b.problem(at: "maxDays", "must be larger than the previous bucket's \(previous)") }
          previous = maxDays
        }
        buckets.append(AgingBucket(label: label, maxDays: maxDays))
      }
      if buckets.isEmpty { f.problem(at: "agingBuckets", "needs at least one bucket") }
      policy.agingBuckets = buckets
    }
    if let dunning = f.nested("dunning") {
      dunning.onlyKnown(["levels"], in: "dunning")
      var levels: [DunningLevel] = []
      for l in dunning.records("levels") {
        l.onlyKnown(["level", "daysOverdue", "minAmount"], in: "a dunning level")
        let level = l.int("level", in: 1...3)
        let days = l.int("daysOverdue", in: 1...100_000)
        if l.entry("level") == nil { l.problem(field: "level", "is required (1, 2 or 3)") }
        if l.entry("daysOverdue") == nil { l.problem(field: "daysOverdue", "is required") }
        if let level, let days {
          levels.append(DunningLevel(level: level, daysOverdue: days, minAmount: amount(l) ?? .zero))
        }
      }
      if !levels.isEmpty {
        let sorted = levels.sorted { $0.level < $1.level }
        if zip(sorted, sorted.dropFirst()).contains(where: { $0.daysOverdue >= $1.daysOverdue }) {
          dunning.problem(at: "levels", "a higher level must start at more days overdue than a lower one")
        }
        policy.dunningLevels = sorted
      }
    }
    func threshold(_ key: String, _ fallback: Threshold) -> Threshold {
      guard let t = f.nested(key) else { return fallback }
      t.onlyKnown(["daysOverdue", "minAmount"], in: "a threshold")
      return Threshold(
        daysOverdue: t.int("daysOverdue", in: 1...100_000) ?? fallback.daysOverdue,
        minAmount: amount(t) ?? fallback.minAmount)
    }
    policy.penalty = threshold("penalty", policy.penalty)
    policy.legal = threshold("legal", policy.legal)
    policy.replyDays = f.int("replyDays", in: 1...365) ?? policy.replyDays
    policy.paymentDeadlineDays = f.int("paymentDeadlineDays", in: 1...365) ?? policy.paymentDeadlineDays
    if let i = f.nested("interest") {
      i.onlyKnown(["lpr", "markup", "basis", "lprDate", "lprHistory"], in: "interest")
      let lpr = i.decimal("lpr", places: 8) ?? policy.interest.lpr
      let markup = i.decimal("markup", places: 4) ?? policy.interest.markup
      if markup < ExactDecimal(significand: 3, scale: 1) || markup > ExactDecimal(significand: 5, scale: 1) {
        i.problem(at: "markup", "is \(markup); use 0.3 to 0.5 (the rate is LPR × (1 + markup))")
      }
      if lpr > ExactDecimal(significand: 2, scale: 1) || lpr <= .zero {
        i.problem(at: "lpr", "is \(lpr); write the rate as a fraction, e.g. 0.0300 for 3.00%")
      }
      // A policy's own LPR figure without its date must not borrow the default's date.
      let lprDate =
        i.entry("lprDate") != nil ? i.date("lprDate") : (i.entry("lpr") == nil ? policy.interest.lprDate : nil)
      policy.interest = DefaultInterest(
        lpr: lpr, markup: markup, basis: i.oneOf("basis", DayCountBasis.self) ?? policy.interest.basis,
        lprDate: lprDate, history: Self.lprHistory(i))
    }
    if let n = f.nested("numbering") {
      for (key, entry) in n.record.fields {
        guard let kind = DocumentKind(rawValue: key) else {
          n.problem(
            entry,
            "'\(key)' is not a document kind; use one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"
          )
          continue
        }
        guard case .string(let pattern) = entry.value else {
          n.problem(entry, "must be a pattern such as \"DZ-{yyyy}{MM}-{seq:4}\"")
          continue
        }
        if !pattern.contains("{seq") {
          n.problem(entry, "'\(pattern)' has no {seq} or {seq:N}; numbers would repeat")
        }
        if let problem = Policy.numberingProblem(pattern) { n.problem(entry, problem) }
        policy.numbering[kind] = pattern
      }
    }
    if let w = f.nested("forbiddenWords") {
      for key in w.record.fields.keys { policy.forbiddenWords[key] = w.strings(key) }
    }
    if let discount = f.decimal("earlyPaymentDiscount", places: 4) {
      if discount >= ExactDecimal(significand: 2, scale: 1) {
        f.problem(at: "earlyPaymentDiscount", "is \(discount); write it as a fraction below 0.2, e.g. 0.01 for 1%")
      }
      policy.earlyPaymentDiscount = discount
    }
    if !log.issues.isEmpty { throw LedgerError(log.issues) }
    return policy
  }
}

extension Policy {
  /// The longest number a pattern may give, in bytes: file names are built from numbers, and
  /// with an id of 160 bytes and the longest kind a number of 48 bytes still fits the
  /// 240-byte name.
  public static let longestNumber = 48

  /// The placeholders a numbering pattern may hold, as ``NumberPattern`` fills them in.
  static let placeholders = ["{yyyy}", "{yy}", "{MM}", "{dd}", "{seq}"]

  /// Why a pattern's `{...}` is not a placeholder, or nil: one this version does not fill in
  /// (`{yyyymm}`, `{mm}`) would stand in every number and file name as written.
  static func placeholderProblem(_ pattern: String) -> String? {
    var rest = Substring(pattern)
    let known = "use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}"
    var unknown: [String] = []
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else {
        unknown.append("a '{' not closed")
        break
      }
      let token = String(rest[open...close])
      rest = rest[rest.index(after: close)...]
      if placeholders.contains(token) || token.hasPrefix("{seq:") { continue }
      // Case aside, and `{yyyymm}` as the two it means.
      let hint = closestMatch(token, in: ["{yyyy}{MM}", "{seq:4}"] + placeholders, ignoringCase: true).map {
        " (did you mean \($0)?)"
      }
      unknown.append(token + (hint ?? ""))
    }
    guard !unknown.isEmpty else { return nil }
    let what = unknown.count == 1 ? "is not a placeholder" : "are not placeholders"
    return "'\(pattern)': \(unknown.joined(separator: ", ")) \(what); \(known)"
  }

  /// Why a numbering pattern cannot be used, or nil: a `{...}` that is no placeholder, a
  /// `{seq:N}` wider than 12 digits, or a number that could be longer than ``longestNumber``
  /// bytes (the date filled in, the sequence at 10 digits or its width).
  static func numberingProblem(_ pattern: String) -> String? {
    if let problem = placeholderProblem(pattern) { return problem }
    var longest = pattern.utf8.count
    for (token, bytes) in [("{yyyy}", 4), ("{yy}", 2), ("{MM}", 2), ("{dd}", 2), ("{seq}", 10)] {
      longest -= (pattern.components(separatedBy: token).count - 1) * (token.utf8.count - bytes)
    }
    var rest = Substring(pattern)
    while let start = rest.range(of: "{seq:") {
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
      let digits = rest[start.upperBound..<end]
      guard let width = Int(digits), (1...12).contains(width) else {
        return "'\(pattern)': {seq:\(digits)} needs a width of 1 to 12 digits"
      }
      longest += max(width, 10) - (digits.utf8.count + 6)
      rest = rest[rest.index(after: end)...]
    }
    guard longest <= longestNumber else {
      return "'\(pattern)' gives numbers of up to \(longest) bytes; a number has at most \(longestNumber)"
    }
    return nil
  }
}
