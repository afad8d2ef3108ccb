import Basics
import Ledger

/// A figure reads as an amount in the document's currency and as nothing else: the rules that
/// compare figures read only their digits, so `$380,000.00` on a renminbi letter, or
/// `380,000.00 万` (ten thousand times as much), would pass them while a reader is told another
/// sum (docs/design.md section 6).
extension Amounts {
  /// The marked fields that show an amount in figures.
  static let figureFields: [String] = [
    "balance", "total", "overdue", "reply-balance", "row-amount", "row-paid", "row-open", "principal", "interest",
    "interest-total", "demand-total", "demand-total-figure", "claim-principal", "claim-total", "period-principal",
    "period-interest", "plan-total", "their-balance", "reconciled", "our-balance", "item-amount", "unexplained-amount",
  ]

  /// Why `text`, the text of a figure, is not an amount in `currency` as a reader takes it, or
  /// nil: a sign, the currency's symbol or code (before, or after as `元`), and digits grouped
  /// by commas in threes with a point and decimals; nothing else. `currency` nil: any
  /// currency's mark.
  ///
  /// ```swift
  /// Amounts.formProblem("CNY -5,000.00", currency: "CNY")  // nil
  /// Amounts.formProblem("$380,000.00", currency: "CNY")    // "'$' does not name CNY"
  /// ```
  static func formProblem(_ text: String, currency: String?) -> String? {
    formProblem(utf8: Array(text.utf8), currency: currency)
  }

  /// ``formProblem(_:currency:)`` of a figure's text as UTF-8, as the batch's outline gives it.
  static func formProblem(utf8 text: [UInt8], currency: String?) -> String? {
    var rest = text[...]
    func sign() -> Bool {
      guard rest.first == UInt8(ascii: "-") else { return false }
      rest = rest.dropFirst()
      return true
    }
    dropSpaces(&rest, atEnd: false)
    dropSpaces(&rest, atEnd: true)
    var marks: [CurrencyMarks.Mark] = []
    var signs = sign() ? 1 : 0
    if let first = rest.first, !isDigit(first), let mark = CurrencyMarks.prefix(of: rest) {
      marks.append(mark)
      rest = rest.dropFirst(mark.text.utf8.count)
      dropSpaces(&rest, atEnd: false)
      signs += sign() ? 1 : 0
    }
    if let last = rest.last, !isDigit(last), let mark = CurrencyMarks.suffix(of: rest) {
      marks.append(mark)
      rest = rest.dropLast(mark.text.utf8.count)
      dropSpaces(&rest, atEnd: true)
    }
    // Written only for a problem: every figure of every letter comes here.
    var wanted: String { currency.map { "\($0)'s symbol or code" } ?? "a currency's symbol or code" }
    guard signs <= 1, isNumber(rest) else {
      return
        "which is not an amount as a reader takes it; write the sign, \(wanted) and the digits (grouped by commas in threes, a point and the decimals), and nothing else"
    }
    for mark in marks {
      if mark.isCode, !CurrencyCode.known.contains(mark.text) {
        return "whose '\(mark.text)' is not a currency code; write \(wanted)"
      }
      if let currency, !mark.currencies.contains(currency) {
        return "whose '\(mark.text)' does not name \(currency), the document's currency; write \(wanted)"
      }
    }
    return nil
  }

  /// The spaces a figure may stand between: ASCII, the no-break space and the ideographic one.
  private static let spaces: [[UInt8]] = [" ", "\t", "\n", "\r", "\u{00A0}", "\u{3000}"].map { Array($0.utf8) }

  private static func dropSpaces(_ text: inout ArraySlice<UInt8>, atEnd: Bool) {
    while let space = spaces.first(where: {
      atEnd ? text.count >= $0.count && text.suffix($0.count).elementsEqual($0) : text.starts(with: $0)
    }) {
      text = atEnd ? text.dropLast(space.count) : text.dropFirst(space.count)
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

  /// Digits, grouped by commas in threes or not at all, with a point and decimals or none.
  private static func isNumber(_ text: ArraySlice<UInt8>) -> Bool {
    // One pass, nothing allocated: every figure of every letter comes here.
    let point = text.firstIndex(of: UInt8(ascii: "."))
    if let point {
      let decimals = text[(point + 1)...]
      guard !decimals.isEmpty, decimals.allSatisfy(isDigit) else { return false }
    }
    // Digits in the group being read; grouped: a comma came before it.
    var digits = 0
    var grouped = false
    for byte in text[..<(point ?? text.endIndex)] {
      if isDigit(byte) {
        digits += 1
        continue
      }
      guard byte == UInt8(ascii: ","), digits > 0, grouped ? digits == 3 : digits <= 3 else { return false }
      (digits, grouped) = (0, true)
    }
    return grouped ? digits == 3 : digits > 0
  }
}

extension Check {
  /// Every figure (``Amounts/figureFields``) with digits reads as an amount in the document's
  /// currency; one without digits is reported by the rule that compares it.
  mutating func figureForms() {
    let currency = meta(.currency)
    for name in Amounts.figureFields {
      for node in field(name) {
        let text = node.textUTF8
        // A figure whose digits do not parse (`1.000.000,00`) is not compared by the rules
        // that read them, so its form is checked here all the same.
        guard text.contains(where: { (48...57).contains($0) }),
          let problem = Amounts.formProblem(utf8: text, currency: currency)
        else { continue }
        add("amounts", "\(name) reads '\(String(decoding: text, as: UTF8.self))', \(problem)", at: node)
      }
    }
  }
}
