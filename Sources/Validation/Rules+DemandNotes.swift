import Basics
import Ledger
import Vocabulary

/// What a legal demand says about its figures beside the claim table: the rate each claim bears
/// and who acts for us. A note that states another rate than the claims bear, or a law firm the
/// ledger's issuer has not instructed, is a statement the figures do not back.
extension Check {
  /// Every rate the notes state (`data-field="interest-rate"`, a percentage) is a rate a claim
  /// bears, and every claim's rate is stated by a note. Part of the `amounts` rule.
  mutating func rateNotes(_ claims: [Claim]) {
    let notes = field("interest-rate")
    guard !notes.isEmpty else { return }
    let rates = Set(claims.map(\.rate.normalized))
    var stated: Set<ExactDecimal> = []
    for note in notes {
      let text = note.textContent.trimmingCharacters(in: " \n\t")
      guard let rate = Check.percentage(text) else {
        add("amounts", "the rate note reads '\(text)', which is not a percentage such as 3.90%", at: note)
        continue
      }
      stated.insert(rate.normalized)
      if !rates.contains(rate.normalized) {
        add(
          "amounts",
          "the rate note states \(text), but the claims bear \(Self.percents(rates)); state the rate the interest is figured at",
          at: note)
      }
    }
    for claim in claims where !stated.contains(claim.rate.normalized) {
      add(
        "amounts",
        "claim '\(claim.invoice)' bears \(Self.percents([claim.rate])), which no rate note (data-field=\"interest-rate\") states",
        at: claim.node)
    }
    rateArithmetic()
    divisor(claims)
  }

  /// A rate note built on the LPR (`lpr-rate`, `lpr-markup`, each as often as the note says
  /// it) states one LPR and one markup, and the rate it gives (`interest-rate`, after them) is
  /// LPR × (1 + markup): "3.50% × (1 + 30%) = 3.90%" is a sum a court reads and rejects. A
  /// contract's rate a day (`daily-rate`) is its yearly rate ÷ 365.
  mutating func rateArithmetic() {
    var lprs: [(text: String, rate: ExactDecimal?)] = []
    var markups: [(text: String, rate: ExactDecimal?)] = []
    var daily: [(text: String, rate: ExactDecimal?)] = []
    let marked = Set(["lpr-rate", "lpr-markup", "interest-rate", "daily-rate"])
    for note in field("interest-rates") {
      for node in note.elements(where: { $0.attribute("data-field").map(marked.contains) ?? false }) {
        let text = node.textContent.trimmingCharacters(in: " \n\t")
        switch node.attribute("data-field") {
        case "lpr-rate": lprs.append((text, Check.percentage(text)))
        case "lpr-markup": markups.append((text, Check.percentage(text)))
        case "daily-rate": daily.append((text, Check.percentage(text)))
        default:
          defer { (lprs, markups, daily) = ([], [], []) }
          if let rate = Check.percentage(text) {
            for day in daily where (try? day.rate?.multiplied(by: ExactDecimal(365)))??.normalized != rate.normalized {
              add(
                "amounts", "the rate note says \(day.text) a day, which is not \(text) a year (a day's rate × 365)",
                at: node)
            }
          }
          guard !lprs.isEmpty || !markups.isEmpty, let rate = Check.percentage(text) else { continue }
          let lpr = Set(lprs.map { $0.rate?.normalized })
          let markup = Set(markups.map { $0.rate?.normalized })
          guard lpr.count == 1, markup.count == 1, let base = lpr.first ?? nil, let added = markup.first ?? nil else {
            add(
              "amounts",
              "the rate note gives the LPR as \(lprs.map { "'\($0.text)'" }.joined(separator: " and ")) and the markup as \(markups.map { "'\($0.text)'" }.joined(separator: " and ")); state one of each",
              at: node)
            continue
          }
          let product = try? base.multiplied(by: ExactDecimal(1).adding(added))
          if product?.normalized != rate.normalized {
            add(
              "amounts",
              "the rate note says \(lprs[0].text) × (1 + \(markups[0].text)) = \(text), but that is \(product.map { Self.percents([$0]) } ?? "?")",
              at: node)
          }
        }
      }
    }
  }

  /// The divisor the interest note states (`interest-divisor`), where it is one number, is the
  /// days in the year of every claim's basis (`data-basis`: ACT/365, ACT/360).
  mutating func divisor(_ claims: [Claim]) {
    for node in field("interest-divisor") {
      let text = node.textContent.trimmingCharacters(in: " \n\t")
      guard let days = Int(text) else { continue }
      for claim in claims {
        guard let basis = claim.node.attribute("data-basis").flatMap(DayCountBasis.init(rawValue:)),
          basis.daysInYear != days
        else { continue }
        add(
          "amounts",
          "the interest note divides by \(text), but claim '\(claim.invoice)' is figured \(basis.rawValue), by \(basis.daysInYear)",
          at: node)
      }
    }
  }

  /// With a ledger, the law firm a document names (`data-field="law-firm"`) is the issuer's
  /// counsel in the ledger. Part of the `metadata` rule.
  mutating func counsel() {
    guard let ledger = validator.ledger else { return }
    let firm = (ledger.issuer.legal?.firm ?? "").trimmingCharacters(in: .whitespaces)
    for node in field("law-firm") {
      let text = node.textContent.trimmingCharacters(in: " \n\t")
      guard !Check.readsAs(text, firm) else { continue }
      add(
        "metadata",
        firm.isEmpty
          ? "the document names the law firm '\(text)', but the ledger's issuer has no legal counsel (issuer.legal)"
          : "the document names the law firm '\(text)', but the ledger's issuer is represented by '\(firm)'",
        at: node)
    }
  }

  /// Whether a reader takes `text` for `expected`: white space (a no-break or ideographic
  /// space, a line break in the source) as one space, none at the ends.
  static func readsAs(_ text: String, _ expected: String) -> Bool {
    // Nearly always the same text: compared as it is before any copy is made.
    text == expected || spaced(text) == spaced(expected)
  }

  /// Rates as a reader writes them: `3.90%`, `3.65% and 4.50%`.
  static func percents(_ rates: Set<ExactDecimal>) -> String {
    let shown = rates.sorted().map { rate in ((try? rate.percentFigure())?.description ?? "?") + "%" }
    return shown.isEmpty ? "no rate" : shown.joined(separator: " and ")
  }
}
