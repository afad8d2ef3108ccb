import Basics
import Foundation
import PropertyBased
import Templating
import TestSupport
import Testing

@testable import Validation

/// A figure reads as an amount in the document's currency: the rules that compare figures read
/// only the digits, so the rest of a figure's text is checked on its own.
@Suite struct FigureFormTests {
  func findings(_ replacement: String) -> [String] {
    let file = "zh-CN/dunning-2-C005.html"
    let target = #"data-field="balance">¥240,000.00"#
    let text = golden(file)
    #expect(text.contains(target))
    let changed = text.replacingOccurrences(of: target, with: #"data-field="balance">"# + replacement)
    return report(changed).findings.map { "\($0.rule): \($0.message)" }
  }

  @Test func aFigureInAnotherCurrencyIsRefused() {
    #expect(
      findings("$240,000.00") == [
        "amounts: balance reads '$240,000.00', whose '$' does not name CNY, the document's currency; write CNY's symbol or code"
      ])
    #expect(
      findings("HK$240,000.00") == [
        "amounts: balance reads 'HK$240,000.00', whose 'HK$' does not name CNY, the document's currency; write CNY's symbol or code"
      ])
    #expect(
      findings("240,000.00 USD") == [
        "amounts: balance reads '240,000.00 USD', whose 'USD' does not name CNY, the document's currency; write CNY's symbol or code"
      ])
  }

  @Test func aFigureThatReadsAsAnotherSumIsRefused() {
    // Digits that no rule could read as an amount are checked all the same.
    #expect(
      findings("¥240.000,00") == [
        "amounts: the balance reads '¥240.000,00', but the metadata says 240,000.00",
        "amounts: balance reads '¥240.000,00', which is not an amount as a reader takes it; write the sign, CNY's symbol or code and the digits (grouped by commas in threes, a point and the decimals), and nothing else",
      ])
    #expect(
      findings("¥240,000.00 万") == [
        "amounts: balance reads '¥240,000.00 万', which is not an amount as a reader takes it; write the sign, CNY's symbol or code and the digits (grouped by commas in threes, a point and the decimals), and nothing else"
      ])
    #expect(
      findings("¥2,40,000.00") == [
        "amounts: balance reads '¥2,40,000.00', which is not an amount as a reader takes it; write the sign, CNY's symbol or code and the digits (grouped by commas in threes, a point and the decimals), and nothing else"
      ])
    #expect(
      findings("USX 240,000.00") == [
        "amounts: balance reads 'USX 240,000.00', whose 'USX' is not a currency code; write CNY's symbol or code"
      ])
  }

  @Test func theDocumentsCurrencyInAnyOfItsFormsPasses() {
    for form in ["人民币240,000.00元", "CNY 240,000.00", "240,000.00 CNY", "RMB240,000.00", "￥240000.00", "240,000.00元"] {
      #expect(findings(form) == [], "\(form)")
    }
  }

  @Test func formProblem() {
    #expect(Amounts.formProblem("CNY -5,000.00", currency: "CNY") == nil)
    #expect(Amounts.formProblem("-¥5,000.00", currency: "CNY") == nil)
    #expect(Amounts.formProblem("JP¥1,200", currency: "JPY") == nil)
    #expect(Amounts.formProblem("¥1,200", currency: "JPY") == nil)
    let notAnAmount =
      "which is not an amount as a reader takes it; write the sign, EUR's symbol or code and the digits (grouped by commas in threes, a point and the decimals), and nothing else"
    #expect(Amounts.formProblem("€1.200,00", currency: "EUR") == notAnAmount)
    #expect(Amounts.formProblem("--€5.00", currency: "EUR") == notAnAmount)
    #expect(Amounts.formProblem("-€-5.00", currency: "EUR") == notAnAmount)
    #expect(Amounts.formProblem("€5.", currency: "EUR") == notAnAmount)
    // Commas group digits in threes after a first group of one to three, or not at all.
    for good in ["12,345.67", "1,234,567", "1234567.00", "0.5", "999"] {
      #expect(Amounts.formProblem("€" + good, currency: "EUR") == nil, "\(good)")
    }
    for bad in ["1234,567.00", "1,2345.00", "1,23", ",123", "1,,234", ".5", "1.2.3", "1,234.", "12a"] {
      #expect(Amounts.formProblem("€" + bad, currency: "EUR") == notAnAmount, "\(bad)")
    }
    // Chinese names of other currencies are not renminbi written with 元.
    #expect(Amounts.formProblem("380.00港元", currency: "HKD") == nil)
    #expect(
      Amounts.formProblem("380.00港元", currency: "CNY")
        == "whose '港元' does not name CNY, the document's currency; write CNY's symbol or code")
    #expect(Amounts.formProblem("人民币380.00元", currency: "CNH") == nil)
    #expect(Amounts.formProblem("CA$380.00", currency: "CAD") == nil)
    #expect(Amounts.formProblem("RMB 380.00", currency: "CNY") == nil)
    #expect(Amounts.formProblem("$5.00", currency: nil) == nil)
    #expect(
      Amounts.formProblem("£5.00", currency: "USD")
        == "whose '£' does not name USD, the document's currency; write USD's symbol or code")
  }

  /// Whatever the amount and currency, each form the `money` filter writes reads back as an
  /// amount in that currency.
  @Test func everyMoneyFormPasses() async throws {
    let currencies = ["CNY", "USD", "EUR", "GBP", "HKD", "JPY", "CHF", "SGD", "AUD", "TWD", "MOP", "KRW", "XAF", "INR"]
    let engine = TemplateEngine(roots: [], filters: .standard)
    let templates = try currencies.map { code in
      try engine.compile(
        source: "<r xmlns:t=\"urn:ardoc:template\">${x | money('\(code)')}|${x | money('\(code)', 'code')}</r>",
        name: "money-\(code).xml")
    }
    await propertyCheck(
      count: 300, input: Gen.int(in: 0...(currencies.count - 1)), Gen.int(in: -10_000_000_000...10_000_000_000)
    ) { pick, cents in
      let amount = ExactDecimal(significand: Int128(cents), scale: 2)
      let data: TemplateValue = ["x": .number(amount)]
      guard let text = try? templates[pick].renderString(data, options: RenderOptions(locale: "en")),
        let open = text.range(of: "<r>"), let close = text.range(of: "</r>")
      else {
        Issue.record("\(currencies[pick]) \(cents) did not render")
        return
      }
      for form in text[open.upperBound..<close.lowerBound].split(separator: "|") {
        #expect(Amounts.formProblem(String(form), currency: currencies[pick]) == nil, "\(form)")
      }
    }
  }
}
