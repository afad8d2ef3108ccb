import Basics
import Foundation
import Templating
import TestSupport
import Testing

@Suite struct FilterTests {
  @Test func money() throws {
    let data: TemplateValue = ["x": number("1234567.5"), "neg": number("-1200"), "half": "0.005"]
    #expect(
      try inner(
        "${x | money}|${x | money('CNY')}|${x | money('usd', 'code')}|${neg | money('CNY')}|${x | money('XYZ')}|${half | money}",
        data)
        == "1,234,567.50|¥1,234,567.50|USD 1,234,567.50|-¥1,200.00|XYZ 1,234,567.50|0.01")
  }

  /// A currency without a minor unit is written whole, rounded half away from zero, and the
  /// `'digits'` style leaves the mark to the table's heading.
  @Test func moneyInTheCurrencysUnit() throws {
    let data: TemplateValue = ["x": number("1234567.5"), "neg": number("-0.4"), "yen": number("90050")]
    #expect(
      try inner(
        "${yen | money('JPY')}|${x | money('jpy', 'code')}|${x | money('KRW', 'digits')}|${neg | money('JPY')}|${x | money('CNY', 'digits')}|${neg | money('USD', 'digits')}",
        data)
        == "JP¥90,050|JPY 1,234,568|1,234,568|JP¥0|1,234,567.50|-0.40")
    #expect(
      errorText("<p>${x | money('CNY', 'plain')}</p>", ["x": number("1")])
        == """
        snippet.xml:1:42: error: 'money' style must be 'symbol', 'code' or 'digits', not 'plain'
        <r xmlns:t="urn:ardoc:template"><p>${x | money('CNY', 'plain')}</p></r>
                                                 ^
        """)
  }

  @Test func rmbAndWords() throws {
    let data: TemplateValue = ["a": "16409.02", "b": number("1200000.50")]
    #expect(
      try inner("${a | rmb}|${b | words}|${b | words('USD')}", data)
        == "壹万陆仟肆佰零玖元零贰分|One million two hundred thousand and 50/100|US dollars one million two hundred thousand and 50/100 only"
    )
  }

  @Test func dates() throws {
    let data: TemplateValue = ["d": "2026-11-30"]
    #expect(
      try inner(
        "${d | date}|${d | date('short')}|${d | date('yyyy-MM-dd EEEE')}|${d | date('M月d日 EEE')}|${d | date(\"yyyy'y'\")}",
        data, locale: "zh-CN")
        == "2026年11月30日|2026-11-30|2026-11-30 星期一|11月30日 周一|2026y")
    #expect(
      try inner("${d | date}|${d | date('EEE, d MMM yy')}|${d | date('MMMM d, yyyy')}", data, locale: "en")
        == "30 November 2026|Mon, 30 Nov 26|November 30, 2026")
  }

  @Test func percent() throws {
    let data: TemplateValue = ["r": number("0.0465"), "m": number("0.3"), "one": 1]
    #expect(
      try inner("${r | percent}|${r | percent(1)}|${m | percent}|${one | percent}|${m | percent(2)}", data)
        == "4.65%|4.7%|30%|100%|30.00%")
  }

  @Test func defaultUpperLowerJoin() throws {
    let data: TemplateValue = ["n": nil, "e": "", "z": 0, "s": "abc 华东", "l": ["a", "b", 3]]
    #expect(
      try inner("${n | default('x')}|${e | default('x')}|${gone | default('x')}|${z | default('x')}", data) == "x|x|x|0"
    )
    #expect(
      try inner("${s | upper}|${'ÀB' | lower}|${l | join}|${l | join(' / ')}", data) == "ABC 华东|àb|a, b, 3|a / b / 3")
  }

  @Test func countSumRoundAbs() throws {
    let data: TemplateValue = [
      "rows": [["open": "10.00"], ["open": "20.05"]], "nums": [1, number("2.5")], "name": "华东机电",
      "obj": ["a": 1, "b": 2], "x": number("2.345"), "neg": -3,
    ]
    #expect(
      try inner("${rows | count}|${name | count}|${obj | count}|${nums | sum}|${rows | sum('open')}|${[] | sum}", data)
        == "2|4|2|3.5|30.05|0")
    #expect(
      try inner("${x | round(2)}|${x | round}|${neg | abs}|${rows | sum('open') | money('CNY')}", data)
        == "2.35|2|3|¥30.05")
  }

  @Test func callersRegisterTheirOwnFilters() throws {
    var filters = FilterRegistry.standard
    filters.register(
      Filter(name: "initial", arguments: 0...1) { value, arguments, _ throws(FilterError) in
        guard case .string(let text) = value else { throw FilterError("'initial' needs text") }
        let suffix = arguments.first?.text ?? ""
        return .string(String(text.prefix(1)) + suffix)
      })
    #expect(try inner("${name | initial}|${name | initial('.')}", ["name": "Wang"], filters: filters) == "W|W.")
  }

  @Test func filterErrorsAreLocated() {
    #expect(
      errorText("<p>${x | money}</p>", ["x": "abc"]) == """
        snippet.xml:1:42: error: 'money' needs a number, got the text 'abc'
        <r xmlns:t="urn:ardoc:template"><p>${x | money}</p></r>
                                                 ^
        """)
    #expect(
      errorText("<p>${x | rmb}</p>", ["x": "1.005"]) == """
        snippet.xml:1:42: error: 1.005 has more than two decimal places; round it to 0.01 before writing it in words
        <r xmlns:t="urn:ardoc:template"><p>${x | rmb}</p></r>
                                                 ^
        """)
    #expect(
      errorText("<p>${d | date('yyyy-QQ')}</p>", ["d": "2026-11-30"]) == """
        snippet.xml:1:42: error: 'date' pattern 'yyyy-QQ' has 'QQ'; use yyyy, yy, MMMM, MMM, MM, M, dd, d, EEEE, EEE, or quote text in '...'
        <r xmlns:t="urn:ardoc:template"><p>${d | date('yyyy-QQ')}</p></r>
                                                 ^
        """)
    #expect(
      errorText("<p>${x | money(1, 2, 3)}</p>")?.hasPrefix(
        "snippet.xml:1:42: error: filter 'money' takes 0 to 2 arguments, not 3") == true)
  }
}

@Suite struct RMBFilterVectorTests {
  @Test func theRmbFilterPassesEveryReferenceVector() throws {
    let text = try FileBytes.text(packageRoot + "/Tests/BasicsTests/Fixtures/rmb-vectors.tsv")
    let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
    #expect(rows.count == 42)
    let template = try TemplateEngine().compile(source: wrap("<p>${a | rmb}</p>"), name: "rmb.xml")
    for row in rows {
      let columns = row.split(separator: "\t").map(String.init)
      let output = try template.renderString(["a": .string(columns[0])])
      #expect(output.contains("<p>\(columns[1])</p>"), "\(columns[0])")
    }
  }
}
