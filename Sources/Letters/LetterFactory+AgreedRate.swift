import Basics
import Ledger

/// When a legal demand claims interest at a contract's agreed rate that a court would likely
/// reduce: the demand still claims the rate as the contract states it, and is issued with an
/// `agreed-rate` warning naming the contract, the rate and the LPR it is measured against.
extension LetterFactory {
  /// How many times the one-year LPR an agreed late-payment rate (a daily rate × 365) may be
  /// before a demand claiming it is warned about. A court may reduce agreed damages that are
  /// excessively higher than the loss (民法典 第585条第2款), and courts commonly cap late-payment
  /// damages in commercial contracts at four times the one-year LPR in force; a rate at the cap
  /// is not warned about.
  public static let agreedRateLPRMultiple = ExactDecimal(4)

  /// The warnings for the claims (`lines`, a demand's interest lines in the order it lists
  /// them) whose contract's agreed rate is above ``agreedRateLPRMultiple`` × the LPR the
  /// demand would otherwise apply to them: the LPR in force when each one's breach began
  /// with the policy's `lprHistory`, else the policy's. One warning per contract and LPR, which
  /// names its invoices when the contract's claims bear more than one LPR.
  ///
  /// ```swift
  /// // 0.1% a day (36.5% a year) against the policy's LPR of 3.10%:
  /// try factory.agreedRateWarnings(lines, currency: "CNY").first?.message
  /// // "contract HT-2026-018 agrees late interest of 0.10% a day (第8.3条), that is 36.50% a year
  /// //  (the daily rate × 365), more than 12.40%, 4 × the policy's one-year LPR of 3.10%: …"
  /// ```
  func agreedRateWarnings(_ lines: [InterestLine], currency: String) throws(DecimalError) -> [LetterWarning] {
    struct Group {
      let contract: String
      let line: InterestLine
      let terms: Policy.DefaultInterest
      /// The breach began before the LPR figure it is measured against was published.
      let early: Bool
      var invoices: [String]
    }
    var groups: [Group] = []
    var index: [String: Int] = [:]
    var perContract: [String: Int] = [:]
    for line in lines {
      guard case .contract(let contract, _, _) = line.source else { continue }
      let breach = line.dueOn.adding(days: 1)
      let terms = policy.interest.inForce(breachingOn: breach)
      let early = terms.atBreach && terms.lprDate.map { $0 > breach } == true
      let key = "\(contract)|\(terms.lprDate?.iso ?? "")|\(early)"
      if let at = index[key] {
        groups[at].invoices.append(line.invoice)
      } else {
        index[key] = groups.count
        perContract[contract, default: 0] += 1
        groups.append(Group(contract: contract, line: line, terms: terms, early: early, invoices: [line.invoice]))
      }
    }
    var warnings: [LetterWarning] = []
    for group in groups {
      let cap = try group.terms.lpr.multiplied(by: Self.agreedRateLPRMultiple)
      guard group.line.annualRate > cap else { continue }
      let split = perContract[group.contract, default: 0] > 1
      warnings.append(
        try Self.agreedRateWarning(
          group.line, contract: group.contract, invoices: group.invoices, named: split, terms: group.terms,
          early: group.early, cap: cap, currency: currency))
    }
    return warnings
  }

  /// The warning for `line`'s agreed rate above `cap` (``agreedRateLPRMultiple`` × `terms`'
  /// LPR) on `invoices` (the first `line`'s), which it `named` when they are only some of the
  /// contract's claims; `early` when their breaches began before `terms`' LPR was published.
  static func agreedRateWarning(
    _ line: InterestLine, contract: String, invoices: [String], named: Bool, terms: Policy.DefaultInterest,
    early: Bool, cap: ExactDecimal, currency: String
  ) throws(DecimalError) -> LetterWarning {
    let which = named ? " (invoice\(invoices.count == 1 ? "" : "s") \(invoices.joined(separator: ", ")))" : ""
    var clause = ""
    var daily: ExactDecimal?
    if case .contract(_, let agreedIn, let perDay) = line.source {
      if !agreedIn.isEmpty { clause = " (\(agreedIn))" }
      daily = perDay
    }
    let yearly = "\(try line.annualRate.percentFigure())% a year"
    // A rate a day is named as the contract states it, then as the yearly rate it comes to.
    var rate = "\(yearly)\(clause)"
    if let daily { rate = "\(try daily.percentFigure())% a day\(clause), that is \(yearly) (the daily rate × 365)" }
    let lpr = "\(try terms.lpr.percentFigure())%"
    let published = terms.lprDate.map { " (published \($0.iso))" } ?? ""
    let benchmark: String
    if !terms.atBreach {
      benchmark = "the policy's one-year LPR of \(lpr)\(published)"
    } else if early, let from = terms.lprDate {
      // A claim at an agreed rate may begin before the policy's first LPR figure: that figure
      // stands in for the one then in force, and the warning says so.
      let began =
        invoices.count == 1
        ? "the breach began on \(line.dueOn.adding(days: 1).iso)"
        : "the breaches began, the first on \(line.dueOn.adding(days: 1).iso)"
      benchmark =
        "the one-year LPR of \(lpr) (published \(from.iso), the first figure of the policy's lprHistory, after \(began))"
    } else {
      let when = invoices.count == 1 ? "the breach began" : "their breaches began"
      benchmark = "the one-year LPR in force when \(when), \(lpr)\(published)"
    }
    // The LPR is the renminbi's rate: for a debt in another currency it is the only benchmark
    // the policy gives, not one a court must use.
    let foreign =
      CurrencyCode.renminbi.contains(currency)
      ? "" : "; the LPR is a renminbi rate, and a court may measure the loss on a \(currency) debt otherwise"
    return LetterWarning(
      .agreedRate,
      "contract \(contract)\(which) agrees late interest of \(rate), more than \(try cap.percentFigure())%, \(agreedRateLPRMultiple) × \(benchmark): a court may reduce agreed damages excessively higher than the loss (民法典第585条第2款), and courts commonly cap late-payment damages at \(agreedRateLPRMultiple) × the one-year LPR; the demand claims the rate as the contract states it: claim it only after counsel's review, or correct lateInterest in the ledger if the contract states another rate\(foreign)"
    )
  }
}
