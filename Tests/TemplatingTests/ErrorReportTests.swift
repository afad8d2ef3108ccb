import Templating
import Testing

/// Error messages are a contract: file, line, column, message, the source line and a caret.
@Suite struct ErrorReportTests {
  func compileErrors(_ source: String, name: String = "letter.xhtml") -> String? {
    do {
      _ = try TemplateEngine(roots: [fixtures]).compile(source: source, name: name)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func malformedTemplate() {
    #expect(
      compileErrors("<html>\n  <p>unclosed\n</html>\n") == """
        letter.xhtml:3:8: error: Opening and ending tag mismatch: p line 2 and html
        </html>
               ^
        letter.xhtml:4:1: error: Premature end of data in tag html line 1
        """)
  }

  @Test func unknownDirectiveBadExpressionAndUnknownFilterAllInOnePass() {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template">
        <p t:iff="ok">a</p>
        <p>${customer.name +}</p>
        <p t:text="total | mony">x</p>
        <t:loop/>
      </html>
      """
    #expect(
      compileErrors(source) == """
        letter.xhtml:2:6: error: unknown directive 't:iff'; did you mean 't:if'?
          <p t:iff="ok">a</p>
             ^
        letter.xhtml:3:23: error: the expression ends too early
          <p>${customer.name +}</p>
                              ^
        letter.xhtml:4:22: error: unknown filter 'mony'; did you mean 'money'?
          <p t:text="total | mony">x</p>
                             ^
        letter.xhtml:5:3: error: unknown directive element <t:loop>; the only one is <t:block>
          <t:loop/>
          ^
        """)
  }

  @Test func undefinedNamesAreReportedTogetherAtRenderTime() throws {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template">
        <p>尊敬的 ${custmer.name}：</p>
        <p t:each="i in invoices">${i.amont}</p>
        <p>${customer.phone}</p>
      </html>
      """
    let template = try TemplateEngine().compile(source: source, name: "letter.xhtml")
    let data: TemplateValue = ["customer": ["name": "华东", "phones": []], "invoices": [["amount": 1], ["amount": 2]]]
    #expect(throws: TemplateError.self) { try template.render(data) }
    do {
      _ = try template.render(data)
    } catch {
      #expect(
        error.description == """
          letter.xhtml:2:12: error: undefined name 'custmer'; did you mean 'customer'?
            <p>尊敬的 ${custmer.name}：</p>
                        ^
          letter.xhtml:3:33: error: undefined name 'i.amont': 'i' has no member 'amont'; did you mean 'amount'?
            <p t:each="i in invoices">${i.amont}</p>
                                          ^
          letter.xhtml:4:17: error: undefined name 'customer.phone': 'customer' has no member 'phone'; did you mean 'phones'?
            <p>${customer.phone}</p>
                          ^
          """)
    }
  }

  @Test func nullIsAnErrorWhenWrittenAsTextUnlessLenient() {
    #expect(
      errorText("<p>${x}</p>", ["x": nil]) == """
        snippet.xml:1:38: error: 'x' is null, which cannot be written as text; use '?:' or '| default(...)' to say what to write instead
        <r xmlns:t="urn:ardoc:template"><p>${x}</p></r>
                                             ^
        """)
    #expect(errorText("<p>${x}${y.z}</p>", ["x": nil], strict: false) == nil)
  }

  @Test func expressionSyntaxErrors() {
    #expect(
      errorText("<p>${'open}</p>")?.hasPrefix(
        "snippet.xml:1:36: error: '${' is not closed by '}'; write '$${' for a literal '${'") == true)
    #expect(
      errorText("<p t:text=\"'open\"/>")?.hasPrefix("snippet.xml:1:44: error: unterminated string; close it with '")
        == true)
    #expect(
      errorText("<p>${a b}</p>")?.hasPrefix("snippet.xml:1:40: error: unexpected 'b' after the expression") == true)
    #expect(
      errorText("<p>${1 lt 2 lt 3}</p>")?.hasPrefix(
        "snippet.xml:1:45: error: comparisons do not chain; use 'and' between two comparisons") == true)
    #expect(
      errorText("<p>${x</p>")?.hasPrefix(
        "snippet.xml:1:36: error: '${' is not closed by '}'; write '$${' for a literal '${'") == true)
    #expect(
      errorText("<p t:each=\"items\"/>")?.hasPrefix(
        "snippet.xml:1:44: error: t:each needs 'item in expression' (or 'item, status in expression')") == true)
    #expect(
      errorText("<p t:remove=\"some\"/>")?.hasPrefix(
        "snippet.xml:1:46: error: t:remove must be 'all', 'tag', 'body' or 'none', not 'some'") == true)
  }

  @Test func typeErrorsAtRenderTime() {
    #expect(
      errorText("<p t:each=\"i in n\"/>", ["n": 3])?.hasPrefix(
        "snippet.xml:1:49: error: t:each needs a list, but 'n' is a number") == true)
    #expect(
      errorText("<p>${l}</p>", ["l": [1]])?.hasPrefix(
        "snippet.xml:1:38: error: 'l' is a list, which cannot be written as text; write one of its members, or use a filter such as join or count"
      ) == true)
    #expect(
      errorText("<p>${1 + 'a'}</p>")?.hasPrefix(
        "snippet.xml:1:40: error: '+' needs two numbers, got a number and a string") == true)
    #expect(
      errorText("<p>${l[5]}</p>", ["l": [1]])?.hasPrefix(
        "snippet.xml:1:39: error: index 5 is outside 'l', which has 1 item") == true)
  }
}
