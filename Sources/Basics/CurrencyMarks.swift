/// How a figure names its currency: the symbol ardoc writes before an amount, and the marks a
/// reader takes as naming a currency when a figure is read back (docs/design.md section 6).
///
/// ```swift
/// CurrencyMarks.symbol("HKD")                               // "HK$"
/// CurrencyMarks.prefix(of: Array("$380.00".utf8)[...])?.text  // "$"
/// ```
public enum CurrencyMarks {
  /// The symbol the `money` filter writes before an amount; a currency without one gets its code.
  public static func symbol(_ currency: String) -> String? { written[currency] }

  private static let written: [String: String] = [
    "CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "JP¥",
  ]

  /// A mark and the currencies it may name. Marks are compared as UTF-8 bytes: a validator
  /// reads every figure of every letter of a batch, and `String.hasPrefix` compares by
  /// canonical equivalence, which costs a tenth of a batch for a set of fixed symbols.
  public struct Mark: Sendable {
    public let text: String
    public let currencies: Set<String>
    /// Three capitals (`CNY`, `USX`) a reader takes for a currency's code; `RMB`, the
    /// renminbi's common name, is a mark of its own.
    public let isCode: Bool
    let bytes: [UInt8]

    init(_ text: String, _ currencies: Set<String>, isCode: Bool = false) {
      self.text = text
      self.currencies = currencies
      self.isCode = isCode
      self.bytes = Array(text.utf8)
    }
  }

  /// The currencies a sign written with `$` may stand for: dollars and pesos.
  private static let dollars: Set<String> = [
    "USD", "AUD", "CAD", "NZD", "SGD", "HKD", "TWD", "BSD", "BBD", "BZD", "BMD", "BND", "FJD", "GYD", "JMD", "KYD",
    "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "MXN", "ARS", "CLP", "COP", "CUP", "DOP", "UYU",
  ]

  /// Renminbi, onshore and offshore (CNH): the same money to a reader of a letter.
  private static let renminbi: Set<String> = ["CNY", "CNH"]

  /// Marks written before a figure, longest first (`HK$` before `$`), each with the currencies
  /// it may name. A three-letter code is a mark of its own currency (``code(_:)``).
  private static let prefixes: [Mark] = [
    Mark("MOP$", ["MOP"]), Mark("NT$", ["TWD"]), Mark("HK$", ["HKD"]), Mark("US$", ["USD"]), Mark("CA$", ["CAD"]),
    Mark("NZ$", ["NZD"]), Mark("MX$", ["MXN"]), Mark("AU$", ["AUD"]), Mark("JP¥", ["JPY"]), Mark("CN¥", renminbi),
    Mark("人民币", renminbi), Mark("A$", ["AUD"]), Mark("C$", ["CAD"]), Mark("S$", ["SGD"]), Mark("R$", ["BRL"]),
    Mark("¥", renminbi.union(["JPY"])), Mark("￥", renminbi.union(["JPY"])), Mark("$", dollars),
    Mark("€", ["EUR"]), Mark("£", ["GBP", "EGP", "GIP", "FKP", "SHP"]), Mark("₩", ["KRW"]), Mark("₹", ["INR"]),
    Mark("₽", ["RUB"]), Mark("₫", ["VND"]), Mark("฿", ["THB"]), Mark("₱", ["PHP"]), Mark("₺", ["TRY"]),
    Mark("₪", ["ILS"]),
  ]

  /// Marks written after a figure (`380,000.00元`), longest first: `港元` is Hong Kong dollars,
  /// not a renminbi figure written `港` + `元`.
  private static let suffixes: [Mark] = [
    Mark("新加坡元", ["SGD"]), Mark("新台币", ["TWD"]), Mark("人民币", renminbi), Mark("港元", ["HKD"]),
    Mark("港币", ["HKD"]), Mark("美元", ["USD"]), Mark("日元", ["JPY"]), Mark("欧元", ["EUR"]), Mark("英镑", ["GBP"]),
    Mark("澳元", ["AUD"]), Mark("加元", ["CAD"]), Mark("韩元", ["KRW"]), Mark("元", renminbi), Mark("円", ["JPY"]),
    Mark("€", ["EUR"]),
  ]

  /// The mark the UTF-8 `text` starts with, or nil. A code counts only as three capitals
  /// (`CNY`, `RMB` for CNY).
  public static func prefix(of text: ArraySlice<UInt8>) -> Mark? {
    if let found = prefixes.first(where: { text.starts(with: $0.bytes) }) { return found }
    return code(text.prefix(3))
  }

  /// The mark the UTF-8 `text` ends with, or nil.
  public static func suffix(of text: ArraySlice<UInt8>) -> Mark? {
    if let found = suffixes.first(where: {
      text.count >= $0.bytes.count && text.suffix($0.bytes.count).elementsEqual($0.bytes)
    }) {
      return found
    }
    return code(text.suffix(3))
  }

  /// Three capital letters as the currency they name (RMB is CNY).
  private static func code(_ letters: ArraySlice<UInt8>) -> Mark? {
    guard letters.count == 3, letters.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
      return nil
    }
    let code = String(decoding: letters, as: UTF8.self)
    // RMB is the renminbi's common name, written as a code but none (ISO 4217's is CNY).
    return code == "RMB" ? Mark(code, renminbi) : Mark(code, [code], isCode: true)
  }
}
