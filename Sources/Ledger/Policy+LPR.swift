import Basics

extension Policy {
  /// `interest.lprHistory`: the LPR figures as published, `[{"from": "2024-10-21", "lpr":
  /// "0.0310"}, …]`, each a fraction as `lpr` is, in order of their days, no day twice.
  static func lprHistory(_ interest: Fields) -> [(from: CivilDate, lpr: ExactDecimal)] {
    var history: [(from: CivilDate, lpr: ExactDecimal)] = []
    for entry in interest.records("lprHistory") {
      entry.onlyKnown(["from", "lpr"], in: "an LPR figure")
      guard let from = entry.date("from", required: true), let lpr = entry.decimal("lpr", required: true, places: 8)
      else { continue }
      if lpr > ExactDecimal(significand: 2, scale: 1) || lpr <= .zero {
        entry.problem(at: "lpr", "is \(lpr); write the rate as a fraction, e.g. 0.0310 for 3.10%")
        continue
      }
      if let last = history.last, last.from >= from {
        entry.problem(
          at: "from", "\(from.iso) is not after the figure before it (\(last.from.iso)); list the figures oldest first")
        continue
      }
      history.append((from, lpr))
    }
    return history
  }
}
