import Basics

/// The currency codes a ledger may use: ISO 4217's (active codes, funds and metals included),
/// and CNH, the code banks and Hong Kong use for offshore renminbi.
public enum CurrencyCode {
  /// The renminbi's codes, onshore and offshore: the currency of the loan prime rate and of the
  /// words yuan and fen.
  public static let renminbi: Set<String> = ["CNY", "CNH"]

  public static let known: Set<String> = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF",
    "CLP", "CNH", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN",
    "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
    "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU",
    "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XUA",
    "YER", "ZAR", "ZMW", "ZWG", "ZWL",
  ]

  /// Why `code` cannot name a ledger's currency, or nil. Only ISO 4217 codes pass: each currency
  /// is an account of its own, so a mistyped code (USB) or a common name (RMB) would open a
  /// second account beside the customer's real one.
  public static func problem(_ code: String) -> String? {
    let upper = code.uppercased()
    if upper == "RMB" || code == "¥" || code == "￥" || code == "人民币" || code == "元" {
      return "'\(code)' is not an ISO 4217 currency code; renminbi is CNY"
    }
    guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
      if code.count == 3, known.contains(upper) { return "'\(code)' is written in capitals: \(upper)" }
      return "'\(code)' is not a currency code; use three capital letters such as CNY or USD"
    }
    if known.contains(code) { return nil }
    return "'\(code)' is not an ISO 4217 currency code; use one such as CNY, USD, EUR or HKD"
  }

  /// Currencies without a minor unit (``Basics/CurrencyUnits/whole``).
  public static var wholeUnits: Set<String> { CurrencyUnits.whole }

  /// The decimals of the currency's smallest unit (``Basics/CurrencyUnits/places(_:)``).
  public static func places(_ currency: String) -> Int { CurrencyUnits.places(currency) }

  /// Why `amount` (as written: `text`) cannot be an amount in `currency`, or nil: a fraction
  /// of a currency that has no minor unit (`1000.50` JPY).
  public static func fractionProblem(_ amount: ExactDecimal, text: String? = nil, currency: String) -> String? {
    guard wholeUnits.contains(currency), amount.normalized.scale > 0 else { return nil }
    return
      "'\(text ?? amount.description)' has decimals, but \(currency) has no minor unit (ISO 4217); write a whole amount"
  }
}

extension ExactDecimal {
  /// The amount as a person reads it in `currency`: grouped, to the currency's unit (whole
  /// yen, won, …; else two decimals), as the documents print it.
  ///
  /// ```swift
  /// ExactDecimal(1_180_000).formatted(in: "JPY")  // "1,180,000"
  /// ExactDecimal(380_000).formatted(in: "CNY")    // "380,000.00"
  /// ```
  public func formatted(in currency: String) -> String { formatted(places: CurrencyCode.places(currency)) }
}
