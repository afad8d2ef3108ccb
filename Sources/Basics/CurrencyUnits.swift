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
    // Codes come in capitals nearly always: looked up as they are, with no copy made.
    if whole.contains(currency) { return 0 }
    return currency.utf8.contains(where: { (97...122).contains($0) }) && whole.contains(currency.uppercased()) ? 0 : 2
  }
}
