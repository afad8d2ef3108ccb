/// The smallest unit of a currency's amounts (ISO 4217 exponents): where figures are rounded
/// to and what amounts in words name. One list for the ledger's checks, the letters' figures
/// and the words of an amount.
public enum CurrencyUnits {
  /// Currencies without a minor unit (ISO 4217 exponent 0): their amounts are whole, and a
  /// letter in them has no 角 or 分, cents or sen to write.
  public static let whole: Set<String> = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
    "XPF",
  ]

  /// Currencies divided into thousandths (ISO 4217 exponent 3: the dinar's fils, the rial's
  /// baisa). ardoc keeps their amounts to 0.01 as well; one with a third decimal is refused,
  /// as it cannot be stated exactly.
  public static let thousandths: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

  /// The decimals of the currency's smallest unit as ardoc computes figures in it: 0 for a
  /// currency without a minor unit (JPY: no interest of 0.53 yen), else 2 (the three-decimal
  /// currencies, such as KWD, are figured to 0.01 too, a valid amount in them).
  public static func places(_ currency: String) -> Int {
    // Every figure of every letter asks: a code of three letters is looked up by number,
    // with no string hashed or copied.
    if let index = letterCode(currency) { return wholeByCode[index] ? 0 : 2 }
    // Anything else as a code: as it is, or in capitals when it has a small ASCII letter.
    if whole.contains(currency) { return 0 }
    return currency.utf8.contains(where: { (97...122).contains($0) }) && whole.contains(currency.uppercased()) ? 0 : 2
  }

  /// A code of three ASCII letters, in any case, as a number below 26³.
  static func letterCode(_ code: String) -> Int? {
    var utf8 = code.utf8.makeIterator()
    var index = 0
    for _ in 0..<3 {
      guard let byte = utf8.next() else { return nil }
      let upper = byte & ~0x20
      guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(upper) else { return nil }
      index = index * 26 + Int(upper - UInt8(ascii: "A"))
    }
    return utf8.next() == nil ? index : nil
  }

  /// ``whole`` by ``letterCode(_:)``.
  static let wholeByCode: [Bool] = {
    var table = [Bool](repeating: false, count: 26 * 26 * 26)
    for code in whole { if let index = letterCode(code) { table[index] = true } }
    return table
  }()
}
