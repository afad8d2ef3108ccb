import Basics
import Foundation
import Testing

@Suite struct AmountInWordsTests {
  static func vectors() throws -> [(String, String)] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/rmb-vectors", withExtension: "tsv"))
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map {
      let columns = $0.split(separator: "\t")
      return (String(columns[0]), String(columns[1]))
    }
  }

  @Test func everyReferenceVectorPasses() throws {
    let vectors = try Self.vectors()
    #expect(vectors.count == 42)
    for (amount, expected) in vectors {
      #expect(try AmountInWords.chinese(ExactDecimal(parsing: amount)) == expected, "\(amount)")
    }
  }

  @Test(arguments: [
    ("10000000000000000.00", "壹亿亿元整"),
    ("10000000000000001.00", "壹亿亿零壹元整"),
    ("100000.10", "壹拾万元壹角"),
    ("1.230", "壹元贰角叁分"),
    ("0.05", "伍分"),
    ("1010.00", "壹仟零壹拾元整"),
  ])
  func moreAmounts(amount: String, expected: String) throws {
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: amount)) == expected)
  }

  @Test func moreThanTwoDecimalsIsAnError() throws {
    #expect(throws: AmountInWords.Failure.moreThanTwoDecimals("1.005")) {
      try AmountInWords.chinese(ExactDecimal(parsing: "1.005"))
    }
    #expect(
      AmountInWords.Failure.moreThanTwoDecimals("1.005").description
        == "1.005 has more than two decimal places; round it to 0.01 before writing it in words")
  }

  @Test(arguments: [
    ("1200000.50", "One million two hundred thousand and 50/100"),
    ("0.07", "Zero and 07/100"),
    ("21.00", "Twenty-one and 00/100"),
    ("1000001.00", "One million one and 00/100"),
    ("-15.10", "Minus fifteen and 10/100"),
  ])
  func english(amount: String, expected: String) throws {
    #expect(try AmountInWords.english(ExactDecimal(parsing: amount)) == expected)
  }

  @Test func englishWithCurrency() throws {
    #expect(
      try AmountInWords.english(ExactDecimal(parsing: "1999.99"), currencyName: "US dollars")
        == "US dollars one thousand nine hundred ninety-nine and 99/100 only")
  }
}

@Suite struct ForeignCapitalsTests {
  @Test func otherCurrenciesAreNamedFirst() throws {
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "30000.00"), currency: "USD") == "美元叁万元整")
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "1.50"), currency: "HKD") == "港元壹元伍角")
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "16409.02"), currency: "CNY") == "壹万陆仟肆佰零玖元零贰分")
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "5.00"), currency: "CHF") == "瑞士法郎伍元整")
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "1200"), currency: "KRW") == "韩元壹仟贰佰元整")
    // A currency without a name of its own here is named by its code.
    #expect(try AmountInWords.chinese(ExactDecimal(parsing: "5.00"), currency: "NZD") == "NZD 伍元整")
  }

  /// A currency without a minor unit has no hundredths to write in English: a yen amount is
  /// whole; a dollar amount keeps its 00/100.
  @Test func englishWordsInACurrencyWithoutHundredths() throws {
    #expect(
      try AmountInWords.english(ExactDecimal(parsing: "425927.00"), currency: "JPY")
        == "Japanese yen four hundred twenty-five thousand nine hundred twenty-seven only")
    #expect(
      try AmountInWords.english(ExactDecimal(parsing: "1200"), currency: "KRW")
        == "South Korean won one thousand two hundred only")
    #expect(
      try AmountInWords.english(ExactDecimal(parsing: "1000.00"), currency: "USD")
        == "US dollars one thousand and 00/100 only")
  }
}
