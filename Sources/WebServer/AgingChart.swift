import Basics
import Ledger
import Templating

/// A small horizontal bar chart of an account's aging buckets, as inline SVG built from
/// numbers only (no text from the ledger goes into it).
enum AgingChart {
  /// An amount in cents (amounts have at most two places).
  static func units(_ amount: ExactDecimal) -> Int128 {
    let cents = amount.rounded(scale: 2)
    var value = cents.significand
    for _ in cents.scale..<2 { value *= 10 }
    return value
  }

  static func svg(_ line: AgingLine) -> TemplateValue {
    let amounts = line.buckets.map(\.amount)
    let largest = amounts.max() ?? .zero
    var bars: [TemplateValue] = []
    for (index, bucket) in line.buckets.enumerated() {
      // Widths in whole pixels of 300: integer arithmetic on the exact figures.
      let width = largest > .zero ? Int(clamping: 300 * units(bucket.amount) / max(units(largest), 1)) : 0
      bars.append([
        "label": .string(bucket.label), "amount": .number(bucket.amount), "y": .number(ExactDecimal(index * 22)),
        "width": .number(ExactDecimal(max(0, min(300, width)))),
      ])
    }
    return [
      "currency": .string(line.currency), "height": .number(ExactDecimal(line.buckets.count * 22)),
      "bars": .array(bars),
    ]
  }
}
