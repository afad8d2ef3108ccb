/// Amounts written out in words: Chinese 大写 for bills, English for letters in English.
public enum AmountInWords {
  /// Why an amount cannot be written in words.
  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    case moreThanTwoDecimals(String)
    case tooLarge(String)

    public var description: String {
      switch self {
      case .moreThanTwoDecimals(let text):
        return "\(text) has more than two decimal places; round it to 0.01 before writing it in words"
      case .tooLarge(let text):
        return "\(text) is too large to write in words (the limit is 10^20)"
      }
    }
  }

  static let limit = ExactDecimal(significand: Int128(10).power(20), scale: 0)

  /// Whole units and hundredths (fen / cents) of an amount with at most two decimals.
  static func split(_ amount: ExactDecimal) throws(Failure) -> (negative: Bool, whole: UInt128, cents: Int) {
    let value = amount.normalized
    guard value.scale <= 2 else { throw .moreThanTwoDecimals(amount.description) }
    guard value.magnitude < limit else { throw .tooLarge(amount.description) }
    // Scale 2 fits: |value| < 10^20 so |value| * 100 < 10^22.
    let hundredths = ((try? value.withScale(atLeast: 2)) ?? value).significand
    let magnitude = hundredths.magnitude
    return (hundredths < 0, magnitude / 100, Int(magnitude % 100))
  }

  static let chineseDigits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
  static let chineseUnits = ["", "拾", "佰", "仟"]

  /// The amount in Chinese capitals (大写金额) per the PBOC rules for bills.
  ///
  /// ```swift
  /// try AmountInWords.chinese(ExactDecimal(parsing: "16409.02"))  // "壹万陆仟肆佰零玖元零贰分"
  /// ```
  public static func chinese(_ amount: ExactDecimal) throws(Failure) -> String {
    let (negative, whole, cents) = try split(amount)
    let jiao = cents / 10
    let fen = cents % 10
    var text = negative ? "负" : ""
    if whole == 0 && cents == 0 { return "零元整" }
    if whole > 0 { text += chineseInteger(whole) + "元" }
    switch (jiao, fen) {
    case (0, 0): text += "整"
    case (0, _): text += (whole > 0 ? "零" : "") + String(chineseDigits[fen]) + "分"
    case (_, 0): text += String(chineseDigits[jiao]) + "角"
    default: text += String(chineseDigits[jiao]) + "角" + String(chineseDigits[fen]) + "分"
    }
    return text
  }

  /// The amount in capitals for a currency: Renminbi as is, other currencies named first
  /// (`美元叁万元整`), since the PBOC capitals are defined for Renminbi.
  public static func chinese(_ amount: ExactDecimal, currency: String) throws(Failure) -> String {
    let names = [
      "USD": "美元", "EUR": "欧元", "HKD": "港元", "GBP": "英镑", "JPY": "日元", "MOP": "澳门元", "TWD": "新台币",
      "KRW": "韩元", "SGD": "新加坡元", "AUD": "澳大利亚元", "CAD": "加拿大元", "CHF": "瑞士法郎",
    ]
    let code = currency.uppercased()
    let words = try chinese(amount)
    if code == "CNY" || code == "RMB" || code.isEmpty { return words }
    return (names[code] ?? code + " ") + words
  }

  /// A positive integer in capitals; 亿 groups recurse so that 10^12 reads 壹万亿.
  static func chineseInteger(_ n: UInt128) -> String {
    let yi: UInt128 = 100_000_000
    if n >= yi {
      let high = n / yi
      let low = n % yi
      var text = chineseInteger(high) + "亿"
      if low > 0 {
        // 零 when the lower part starts with a zero digit, or a whole zero section
        // separates it from the higher part.
        if low < 10_000_000 || high % 10_000 == 0 { text += "零" }
        text += chineseInteger(low)
      }
      return text
    }
    if n >= 10_000 {
      let high = n / 10_000
      let low = n % 10_000
      var text = chineseSection(Int(high)) + "万"
      if low > 0 {
        if low < 1_000 { text += "零" }
        text += chineseSection(Int(low))
      }
      return text
    }
    return chineseSection(Int(n))
  }

  /// 1...9999: one 零 for a run of inner zeros, nothing for trailing zeros, 壹拾 for a ten.
  static func chineseSection(_ n: Int) -> String {
    var text = ""
    var pendingZero = false
    for position in stride(from: 3, through: 0, by: -1) {
      var divisor = 1
      for _ in 0..<position { divisor *= 10 }
      let digit = (n / divisor) % 10
      if digit == 0 {
        if !text.isEmpty { pendingZero = true }
        continue
      }
      if pendingZero { text += "零" }
      pendingZero = false
      text.append(chineseDigits[digit])
      text += chineseUnits[position]
    }
    return text
  }

  static let ones = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
  ]
  static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
  static let scales = ["", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"]

  /// The English name of a currency in amounts in words: `US dollars`, `Renminbi`.
  public static func currencyName(_ code: String) -> String {
    let names = [
      "CNY": "Renminbi", "RMB": "Renminbi", "USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling",
      "HKD": "Hong Kong dollars", "JPY": "Japanese yen", "KRW": "South Korean won", "SGD": "Singapore dollars",
      "AUD": "Australian dollars", "CAD": "Canadian dollars", "CHF": "Swiss francs",
    ]
    return names[code.uppercased()] ?? code.uppercased()
  }

  /// The amount in English as on a cheque: `One million two hundred thousand and 50/100`.
  ///
  /// With a currency name the phrase reads `US dollars one thousand and 00/100 only`.
  public static func english(_ amount: ExactDecimal, currencyName: String? = nil) throws(Failure)
    -> String
  {
    let (negative, whole, cents) = try split(amount)
    var words = englishInteger(whole)
    if negative { words = "minus " + words }
    words += " and " + (cents < 10 ? "0" : "") + String(cents) + "/100"
    if let currencyName {
      return currencyName + " " + words + " only"
    }
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  /// The amount in English words in the currency `code`, named first; in a currency without a
  /// minor unit (``CurrencyUnits/whole``) a whole amount has no hundredths: `Japanese yen one
  /// thousand only`, where a dollar amount reads `US dollars one thousand and 00/100 only`.
  public static func english(_ amount: ExactDecimal, currency code: String) throws(Failure) -> String {
    let name = currencyName(code)
    let (negative, whole, cents) = try split(amount)
    guard CurrencyUnits.places(code) == 0, cents == 0 else { return try english(amount, currencyName: name) }
    return name + " " + (negative ? "minus " : "") + englishInteger(whole) + " only"
  }

  static func englishInteger(_ n: UInt128) -> String {
    if n == 0 { return "zero" }
    var groups: [Int] = []
    var rest = n
    while rest > 0 {
      groups.append(Int(rest % 1000))
      rest /= 1000
    }
    var parts: [String] = []
    for (index, group) in groups.enumerated().reversed() where group > 0 {
      parts.append(englishHundreds(group) + (scales[index].isEmpty ? "" : " " + scales[index]))
    }
    return parts.joined(separator: " ")
  }

  static func englishHundreds(_ n: Int) -> String {
    var parts: [String] = []
    if n >= 100 { parts.append(ones[n / 100] + " hundred") }
    let rest = n % 100
    if rest >= 20 {
      parts.append(tens[rest / 10] + (rest % 10 > 0 ? "-" + ones[rest % 10] : ""))
    } else if rest > 0 {
      parts.append(ones[rest])
    }
    return parts.joined(separator: " ")
  }
}

extension Int128 {
  func power(_ exponent: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<exponent { result *= self }
    return result
  }
}
