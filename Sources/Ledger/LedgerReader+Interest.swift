import Basics

extension LedgerReader {
  /// A contract's late interest agreed as a rate a day (`"dailyRate": "0.0005"`, 日万分之五):
  /// a fraction above 0 and at most 0.01 (1% a day), with no yearly rate or basis beside it (a
  /// daily rate counts each day once).
  static func dailyTerms(_ i: Fields) -> InterestTerms? {
    if let raw = i.rawText("dailyRate"), raw.hasSuffix("%") || raw.hasSuffix("‱") {
      i.problem(
        at: "dailyRate",
        "'\(raw)' is a percentage; write a daily rate as a fraction, e.g. 0.0005 for 0.05% (万分之五) a day")
      return nil
    }
    for other in ["annualRate", "basis"] where !(i.rawText(other) ?? "").isEmpty {
      i.problem(
        at: other, "is given beside dailyRate; give the rate the contract agrees, a yearly one or a daily one, not both"
      )
    }
    guard let rate = i.decimal("dailyRate", required: true, places: 8, allowZero: false) else { return nil }
    guard rate <= ExactDecimal(significand: 1, scale: 2) else {
      i.problem(
        at: "dailyRate", "is \(rate), more than 1% a day; write a daily rate as a fraction, e.g. 0.0005 for 0.05% a day"
      )
      return nil
    }
    return try? InterestTerms(dailyRate: rate, clause: i.text("clause"))
  }
}
