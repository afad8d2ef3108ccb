/// How a figure names its currency: the symbol ardoc writes before an amount, and the marks a
/// reader takes as naming a currency when a figure is read back (docs/design.md section 6).
///
/// ```swift
/// CurrencyMarks.symbol("HKD")                 // "HK$"
/// CurrencyMarks.prefix(of: "$380,000.00")?.mark  // "$"
/// ```
public enum CurrencyMarks {
  /// The symbol the `money` filter writes before an amount; a currency without one gets its code.
  public static func symbol(_ currency: String) -> String? { written[currency] }

  private static let written: [String: String] = [
    "CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "JP¥",
  ]

  /// The currencies a sign written with `$` may stand for: dollars and pesos.
  private static let dollars: Set<String> = [
    "USD", "AUD", "CAD", "NZD", "SGD", "HKD", "TWD", "BSD", "BBD", "BZD", "BMD", "BND", "FJD", "GYD", "JMD", "KYD",
    "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "MXN", "ARS", "CLP", "COP", "CUP", "DOP", "UYU",
  ]

  /// Marks written before a figure, longest first (`HK$` before `$`), each with the currencies
  /// it may name. A three-letter code is a mark of its own currency (``code(at:)``).
  private static let prefixes: [(mark: String, currencies: Set<String>)] = [
    ("MOP$", ["MOP"]), ("NT$", ["TWD"]), ("HK$", ["HKD"]), ("US$", ["USD"]), ("JP¥", ["JPY"]), ("CN¥", ["CNY"]),
    ("人民币", ["CNY"]), ("A$", ["AUD"]), ("C$", ["CAD"]), ("S$", ["SGD"]), ("R$", ["BRL"]), ("¥", ["CNY", "JPY"]),
    ("￥", ["CNY", "JPY"]), ("$", dollars), ("€", ["EUR"]), ("£", ["GBP", "EGP", "GIP", "FKP", "SHP"]),
    ("₩", ["KRW"]), ("₹", ["INR"]), ("₽", ["RUB"]), ("₫", ["VND"]), ("฿", ["THB"]), ("₱", ["PHP"]), ("₺", ["TRY"]),
    ("₪", ["ILS"]),
  ]

  /// Marks written after a figure (`380,000.00元`).
  private static let suffixes: [(mark: String, currencies: Set<String>)] = [
    ("元", ["CNY"]), ("円", ["JPY"]), ("€", ["EUR"]),
  ]

  /// The mark `text` starts with and the currencies it may name, or nil. A code counts only
  /// as three capitals (`CNY`, `RMB` for CNY).
  public static func prefix(of text: Substring) -> (mark: String, currencies: Set<String>)? {
    if let found = prefixes.first(where: { text.hasPrefix($0.mark) }) { return found }
    return code(at: text)
  }

  /// The mark `text` ends with and the currencies it may name, or nil.
  public static func suffix(of text: Substring) -> (mark: String, currencies: Set<String>)? {
    if let found = suffixes.first(where: { text.hasSuffix($0.mark) }) { return found }
    guard text.count >= 3 else { return nil }
    return code(at: text.suffix(3))
  }

  /// Three capital letters at the start of `text`, as the currency they name (RMB is CNY).
  private static func code(at text: Substring) -> (mark: String, currencies: Set<String>)? {
    let letters = text.unicodeScalars.prefix(3)
    guard letters.count == 3, letters.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
    let code = String(String.UnicodeScalarView(letters))
    return (code, [code == "RMB" ? "CNY" : code])
  }
}
