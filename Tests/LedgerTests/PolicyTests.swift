import Basics
import Foundation
import Ledger
import TestSupport
import Testing

@Suite struct PolicyTests {
  /// Every problem loading `text` as `p.json` gives, without the folder; none when it loads.
  func problems(_ text: String) throws -> [String] {
    let folder = try temporary(["p.json": Array(text.utf8)])
    do {
      _ = try Policy.load(folder + "/p.json")
      return []
    } catch {
      return error.issues.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
    }
  }

  @Test func theExamplePolicyAndTheDefaults() throws {
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    #expect(policy.agingBuckets.map(\.label) == ["current", "1-30", "31-60", "61-90", "91-180", "181-365", "over-365"])
    #expect(try policy.interest.annualRate() == d("0.039"))
    #expect(policy.earlyPaymentDiscount == d("0.01"))
    #expect(policy.bucket(forDaysOverdue: 0) == "current")
    #expect(policy.bucket(forDaysOverdue: 31) == "31-60")
    #expect(policy.bucket(forDaysOverdue: 366) == "over-365")
    let minimal = try temporary(["p.json": Array(#"{"format": "ardoc-policy/1"}"#.utf8)])
    #expect(try Policy.load(minimal + "/p.json") == Policy.standard)
  }

  /// A minimum amount is one figure in the policy's currency (CNY unless `currency` says), or
  /// one per currency; an account in a currency the policy does not name reaches no minimum.
  @Test func minimumAmountsArePerCurrency() throws {
    let example = try Policy.load(packageRoot + "/Examples/policy.json")
    #expect(example.legal.minAmount.minimum(in: "CNY") == d("100000.00"))
    #expect(example.legal.minAmount.minimum(in: "usd") == d("14000.00"))
    #expect(example.legal.minAmount.minimum(in: "JPY") == nil)
    #expect(example.legal.minAmount.description == "100,000.00 CNY or 14,000.00 USD")
    let dollars = try temporary([
      "p.json": Array(
        #"{"format": "ardoc-policy/1", "currency": "USD", "legal": {"daysOverdue": 180, "minAmount": "15000"}, "dunning": {"levels": [{"level": 1, "daysOverdue": 1, "minAmount": "0"}]}}"#
          .utf8)
    ])
    let policy = try Policy.load(dollars + "/p.json")
    #expect(policy.legal.minAmount == PolicyAmount(d("15000"), in: "USD"))
    #expect(policy.legal.minAmount.minimum(in: "CNY") == nil)
    // No minimum holds in every currency.
    #expect(policy.dunningLevels.first?.minAmount.minimum(in: "JPY") == d("0"))
    // A name with `_` is a comment there too; a figure in yen has no decimals.
    let yen = try problems(
      #"{"format": "ardoc-policy/1", "legal": {"minAmount": {"_note": "2026 terms", "CNY": "100000", "JPY": "1000.50"}}}"#
    )
    #expect(
      yen == [
        "p.json:1:101: error: legal.minAmount.JPY: '1000.50' has decimals, but JPY has no minor unit (ISO 4217); write a whole amount"
      ])
    let found = try problems(
      #"{"format": "ardoc-policy/1", "currency": "RMB", "penalty": {"minAmount": {"YEN": "1", "USD": "1,000"}}, "legal": {"minAmount": {}}}"#
    )
    #expect(
      found == [
        "p.json:1:42: error: currency: 'RMB' is not an ISO 4217 currency code; renminbi is CNY",
        "p.json:1:82: error: penalty.minAmount.YEN: 'YEN' is not an ISO 4217 currency code; use one such as CNY, USD, EUR or HKD",
        "p.json:1:94: error: penalty.minAmount.USD: '1,000' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)",
        "p.json:1:128: error: legal.minAmount: names no currency; write {\"CNY\": \"100000.00\"}, or one figure in the policy's currency",
      ])
  }

  @Test func badPoliciesListEveryProblem() throws {
    let text = """
      {"format": "ardoc-policy/1",
       "agingBuckets": [{"label": "a", "maxDays": 30}, {"label": "b", "maxDays": 10}, {"label": "c"}],
       "dunning": {"levels": [{"level": 1, "daysOverdue": 40}, {"level": 2, "daysOverdue": 30}]},
       "interest": {"lpr": "3.1", "markup": "0.8"},
       "numbering": {"confirmation": "DZ-{yyyy}"}}
      """
    #expect(
      try problems(text) == [
        "p.json:2:76: error: agingBuckets[1].maxDays: must be larger than the previous bucket's 30",
        "p.json:3:24: error: dunning.levels: a higher level must start at more days overdue than a lower one",
        "p.json:4:39: error: interest.markup: is 0.8; use 0.3 to 0.5 (the rate is LPR × (1 + markup))",
        "p.json:4:22: error: interest.lpr: is 3.1; write the rate as a fraction, e.g. 0.0300 for 3.00%",
        "p.json:5:32: error: numbering.confirmation: 'DZ-{yyyy}' has no {seq} or {seq:N}; numbers would repeat",
      ])
  }

  /// Bucket labels are the aging report's columns, and the last bucket takes everything
  /// older: a label twice crashed the report (and the web page with it), and a last bucket with
  /// a limit showed debt 1,259 days old as "31-60".
  @Test func bucketsAreColumnsAndTheLastTakesTheRest() throws {
    let text = """
      {"format": "ardoc-policy/1",
       "agingBuckets": [{"label": "current", "maxDays": 0}, {"label": "x", "maxDays": 30}, {"label": "x", "maxDays": 60},
                        {"label": "balance", "maxDays": 90}, {"label": "31-120", "maxDays": 120}]}
      """
    #expect(
      try problems(text) == [
        "p.json:2:96: error: agingBuckets[2].label: 'x' labels an earlier bucket too; give each bucket its own label",
        "p.json:3:29: error: agingBuckets[3].label: 'balance' is a column of the aging report already (customer, name, currency, balance, credit, maxDaysOverdue); choose another label",
        "p.json:3:87: error: agingBuckets[4].maxDays: is 120, but the last bucket takes every amount older than the one before it; leave its maxDays out, or add a last bucket without one (such as {\"label\": \"over-120\"})",
      ])
  }

  /// A `{...}` the pattern engine does not fill in stood in every number and file name as
  /// written (`DZ-{yyyymm}-0001`): refused, with the placeholder meant where it is clear.
  @Test func unknownPlaceholdersAreRefused() throws {
    let text = """
      {"format": "ardoc-policy/1", "numbering": {"confirmation": "DZ-{yyyymm}-{seq:4}", "dunning": "CK-{YYYY}{mm}-{seq:4}",
       "installment-proposal": "FQ-{seq4}", "penalty-notice": "TZ-{date}-{seq}", "reconciliation": "TJ-{yyyy-{seq}"}}
      """
    let found = try problems(text)
    #expect(
      found == [
        "p.json:1:60: error: numbering.confirmation: 'DZ-{yyyymm}-{seq:4}': {yyyymm} (did you mean {yyyy}{MM}?) is not a placeholder; use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}",
        "p.json:1:94: error: numbering.dunning: 'CK-{YYYY}{mm}-{seq:4}': {YYYY} (did you mean {yyyy}?), {mm} (did you mean {MM}?) are not placeholders; use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}",
        "p.json:2:26: error: numbering.installment-proposal: 'FQ-{seq4}': {seq4} (did you mean {seq:4}?) is not a placeholder; use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}",
        "p.json:2:57: error: numbering.penalty-notice: 'TZ-{date}-{seq}': {date} is not a placeholder; use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}",
        "p.json:2:94: error: numbering.reconciliation: 'TJ-{yyyy-{seq}': {yyyy-{seq} is not a placeholder; use {yyyy}, {yy}, {MM}, {dd}, {seq} or {seq:N}",
      ])
  }

  /// A misspelt field would be ignored and its default used without a word (a 50% markup
  /// read as 30%): every unknown field is refused with the nearest known name; `_` starts a
  /// comment.
  @Test func unknownFieldsAreRefusedWithTheNearestName() throws {
    let text = """
      {"format": "ardoc-policy/1", "_note": "2026 terms", "paymentDeadlineDay": 30,
       "interest": {"lpr": "0.0345", "markUp": "0.5"}, "legal": {"days": 180},
       "dunning": {"levels": [{"level": 1, "daysOverdue": 30, "minimum": "1000"}]}, "colour": "red"}
      """
    #expect(
      try problems(text) == [
        "p.json:1:75: error: paymentDeadlineDay: is not a field of a policy; did you mean 'paymentDeadlineDays'? the fields are format, currency, agingBuckets, dunning, penalty, legal, replyDays, paymentDeadlineDays, interest, numbering, forbiddenWords, earlyPaymentDiscount",
        "p.json:3:89: error: colour: is not a field of a policy; the fields are format, currency, agingBuckets, dunning, penalty, legal, replyDays, paymentDeadlineDays, interest, numbering, forbiddenWords, earlyPaymentDiscount",
        "p.json:3:68: error: dunning.levels[0].minimum: is not a field of a dunning level; the fields are level, daysOverdue, minAmount",
        "p.json:2:68: error: legal.days: is not a field of a threshold; the fields are daysOverdue, minAmount",
        "p.json:2:42: error: interest.markUp: is not a field of interest; did you mean 'markup'? the fields are lpr, markup, basis, lprDate, lprHistory",
      ])
  }

  /// With the LPR figures as published, an invoice bears the one in force when its breach
  /// began (the day after it fell due); before the first figure, the first.
  @Test func theLPRHistoryGivesEachBreachItsDaysFigure() throws {
    let text = """
      {"format": "ardoc-policy/1", "interest": {"lpr": "0.0300", "lprDate": "2025-05-20", "markup": "0.3",
       "lprHistory": [{"from": "2024-10-21", "lpr": "0.0310"}, {"from": "2025-05-20", "lpr": "0.0300"}]}}
      """
    let folder = try temporary(["p.json": Array(text.utf8)])
    let policy = try Policy.load(folder + "/p.json")
    let day = { (iso: String) throws -> CivilDate in try CivilDate(iso: iso) }
    #expect(policy.interest.atBreach)
    #expect(!(try Policy.load(packageRoot + "/Examples/policy.json")).interest.atBreach)
    #expect(policy.interest.inForce(breachingOn: try day("2025-02-01")).lpr == ExactDecimal(significand: 310, scale: 4))
    #expect(try policy.interest.inForce(breachingOn: try day("2025-02-01")).lprDate == day("2024-10-21"))
    #expect(policy.interest.inForce(breachingOn: try day("2025-05-20")).lpr == ExactDecimal(significand: 300, scale: 4))
    #expect(policy.interest.inForce(breachingOn: try day("2024-01-01")).lpr == ExactDecimal(significand: 310, scale: 4))
    // 3.10% × 1.3 = 4.03% a year for a breach that began in February 2025.
    #expect(
      try policy.interest.inForce(breachingOn: try day("2025-02-01")).annualRate()
        == ExactDecimal(significand: 403, scale: 4))
    let unordered = """
      {"format": "ardoc-policy/1", "interest": {"lprHistory": [{"from": "2025-05-20", "lpr": "0.0300"},
       {"from": "2024-10-21", "lpr": "3.10"}]}}
      """
    #expect(
      try problems(unordered) == [
        "p.json:2:32: error: interest.lprHistory[1].lpr: is 3.10; write the rate as a fraction, e.g. 0.0310 for 3.10%"
      ])
  }

  /// A rate or share is no amount of money: its messages say what it must be, not to write
  /// yuan and fen or to record a refund.
  @Test func aRateIsToldAsARate() throws {
    let text = """
      {"format": "ardoc-policy/1", "interest": {"lpr": "0.031234567"}, "earlyPaymentDiscount": "-0.01"}
      """
    #expect(
      try problems(text) == [
        "p.json:1:50: error: interest.lpr: '0.031234567' has more than 8 decimal places; write it with at most 8",
        "p.json:1:90: error: earlyPaymentDiscount: '-0.01' is negative; it must be 0 or more",
      ])
  }

  /// File names are built from numbers: a pattern may give numbers of at most 48 bytes (the
  /// sequence counted at 10 digits or its width, which is 1 to 12).
  @Test func aNumberingPatternFitsAFileName() throws {
    let long = "CONFIRMATION-OF-BALANCES-FOR-THE-MONTH-{yyyy}{MM}-{seq:4}"
    let text = """
      {"format": "ardoc-policy/1", "numbering": {"confirmation": "\(long)", "dunning": "CK-{seq:13}",
       "reconciliation": "TJ-{seq:99999999999999999999}", "penalty-notice": "TZ-{yyyy}{MM}{dd}-{yy}-{seq:12}"}}
      """
    #expect(
      Set(try problems(text)) == [
        "p.json:1:60: error: numbering.confirmation: '\(long)' gives numbers of up to 56 bytes; a number has at most 48",
        "p.json:1:132: error: numbering.dunning: 'CK-{seq:13}': {seq:13} needs a width of 1 to 12 digits",
        "p.json:2:20: error: numbering.reconciliation: 'TJ-{seq:99999999999999999999}': {seq:99999999999999999999} needs a width of 1 to 12 digits",
      ])
  }

  @Test func numberingNamesOnlyDocumentKinds() throws {
    let text = """
      {"format": "ardoc-policy/1",
       "numbering": {"contract": "HT-{seq:4}", "dunning": "CD-{yyyy}-{seq:5}"}}
      """
    #expect(
      try problems(text) == [
        "p.json:2:28: error: numbering.contract: 'contract' is not a document kind; use one of confirmation, dunning, installment-proposal, penalty-notice, reconciliation"
      ])
    let good = try temporary([
      "p.json": Array(#"{"format": "ardoc-policy/1", "numbering": {"dunning": "CD-{seq:5}"}}"#.utf8)
    ])
    let policy = try Policy.load(good + "/p.json")
    #expect(policy.numbering[.dunning] == "CD-{seq:5}")
    #expect(policy.numbering[.confirmation] == "DZ-{yyyy}{MM}-{seq:4}")
  }
}
