import Templating
import Testing

@Suite struct ExpressionTests {
  let data: TemplateValue = [
    "customer": ["name": "华东", "contacts": [["name": "王建国", "roles": ["payment-owner"]]]],
    "a": number("0.1"), "b": number("0.2"), "n": nil,
  ]

  @Test func pathsAndIndexes() throws {
    #expect(
      try inner("${customer.contacts[0].name}|${customer.contacts[0].roles[-1]}|${customer['name']}", data)
        == "王建国|payment-owner|华东")
    #expect(try inner("${customer.contacts.length}", data) == "1")
  }

  @Test func arithmeticIsExactDecimal() throws {
    #expect(try inner("${a + b}|${a * 3}|${1 - a}|${-a}|${'x' + 1}", data) == "0.3|0.3|0.9|-0.1|x1")
    #expect(try inner("${2 + 3 * 4}|${(2 + 3) * 4}", data) == "14|20")
  }

  @Test func comparisonsAndLogic() throws {
    #expect(
      try inner("${a lt b}|${a == 0.10}|${'b' > 'a'}|${a != b and n == null}|${not true or false}", data)
        == "true|true|true|true|false")
  }

  @Test func elvisAndConditional() throws {
    #expect(
      try inner("${n ?: 'none'}|${missing.deep ?: 'absent'}|${a ?: 'x'}|${a gt b ? 'big' : 'small'}", data)
        == "none|absent|0.1|small")
  }

  @Test func literals() throws {
    #expect(try inner("${\"q'\" + 'd\\\"'}|${[1, 2] | join('-')}|${true}|${007.50}", data) == "q'd\"|1-2|true|7.50")
  }
}
