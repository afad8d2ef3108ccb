import Templating
import Testing

@Suite struct PartialTests {
  @Test func fragmentsTakeNamedPositionalAndDefaultParameters() throws {
    #expect(
      try inner("<x t:replace=\"partials/blocks.xml :: seal('甲方')\">sample</x>") == "<seal party=\"甲方\">盖章:甲方</seal>")
    #expect(
      try inner("<x t:replace=\"partials/blocks.xml :: seal(label = 'L', party = p)\"/>", ["p": "乙"])
        == "<seal party=\"乙\">L:乙</seal>")
    #expect(
      try inner("<x t:insert=\"partials/blocks.xml :: seal('a', 'b')\">sample</x>")
        == "<x><seal party=\"a\">b:a</seal></x>")
  }

  @Test func fragmentsSeeTheCallersNamesAndWorkInLoops() throws {
    let data: TemplateValue = [
      "who": "王", "items": [["name": "A", "amount": "1000"], ["name": "B", "amount": "2.5"]],
    ]
    #expect(try inner("<g t:replace=\"partials/blocks.xml :: greeting\"/>", data) == "<greeting>hello 王</greeting>")
    #expect(
      try inner("<tr t:each=\"i in items\" t:replace=\"partials/blocks.xml :: row(i)\"/>", data)
        == "<row><td>A</td><td>1,000.00</td></row><row><td>B</td><td>2.50</td></row>")
    #expect(try inner("<w t:replace=\"partials/whole.xml\"/>", data) == "<whole>王</whole>")
  }

  @Test func aLayoutWrapsThePageWithSlotsAndParameters() throws {
    let engine = TemplateEngine(roots: [fixtures])
    let page = """
      <page xmlns:t="urn:ardoc:template" t:layout="partials/layout.xml :: page(title = 'T ' + n)">
        <main t:fill="body">filled ${n}</main>
        <p>sample text that only shows when the page is opened on its own</p>
      </page>
      """
    let template = try engine.compile(source: page, name: "page.xml")
    #expect(
      try template.renderString(["n": 7]) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <doc>
          <title>T 7</title>
          <main>filled 7</main>
          <note>default note</note>
        </doc>

        """)
  }

  @Test func layoutErrors() {
    let page =
      "<page xmlns:t=\"urn:ardoc:template\" t:layout=\"partials/layout.xml :: page('x')\"><m t:fill=\"nope\"/></page>"
    do {
      _ = try TemplateEngine(roots: [fixtures]).compile(source: page, name: "page.xml")
      Issue.record("compiled")
    } catch {
      #expect(
        error.diagnostics.map(\.summary) == [
          "page.xml:1:80: error: the layout \(fixtures)/partials/layout.xml has no slot 'nope' (it has: body, footer)"
        ])
    }
  }

  @Test func missingPartialsAndFragmentsAreErrors() {
    #expect(
      errorText("<x t:insert=\"partials/nothere.xml :: a\"/>") == """
        snippet.xml:1:46: error: missing partial 'partials/nothere.xml' (searched: \(fixtures))
        <r xmlns:t="urn:ardoc:template"><x t:insert="partials/nothere.xml :: a"/></r>
                                                     ^
        """)
    #expect(
      errorText("<x t:insert=\"partials/blocks.xml :: sael('a')\"/>")?.hasPrefix(
        "snippet.xml:1:46: error: \(fixtures)/partials/blocks.xml has no fragment 'sael'; did you mean 'seal'?") == true
    )
    #expect(
      errorText("<x t:insert=\"partials/blocks.xml :: seal()\"/>")?.hasPrefix(
        "snippet.xml:1:46: error: fragment 'seal' needs a value for parameter 'party'") == true)
    #expect(
      errorText("<x t:insert=\"partials/blocks.xml :: seal(party = 1, colour = 2)\"/>")?.hasPrefix(
        "snippet.xml:1:84: error: fragment 'seal' has no parameter 'colour'") == true)
    #expect(
      errorText("<x t:insert=\"../secret.xml\"/>")?.hasPrefix(
        "snippet.xml:1:46: error: t:insert path '../secret.xml' must be relative to the template folders and cannot contain '..'"
      ) == true)
    #expect(
      errorText("<x t:insert=\"partials/blocks.xml :: dup\"/>")?.hasPrefix(
        "snippet.xml:1:46: error: \(fixtures)/partials/blocks.xml declares fragment 'dup' 2 times") == true)
  }

  @Test func includeCyclesAreErrors() {
    let text = errorText("<x t:insert=\"partials/blocks.xml :: ping\"/>")
    #expect(
      text?.hasPrefix(
        "\(fixtures)/partials/cycle.xml:2:34: error: include cycle: \(fixtures)/partials/blocks.xml::ping → \(fixtures)/partials/blocks.xml::pong → \(fixtures)/partials/cycle.xml::back → \(fixtures)/partials/blocks.xml::ping"
      ) == true,
      "\(text ?? "")")
  }

  @Test func aUserFolderOverridesSingleFiles() throws {
    // The first root wins for the files it has; others fall back to later roots.
    let override = fixtures + "/override"
    #expect(
      try inner(
        "<x t:replace=\"partials/whole.xml\"/><y t:replace=\"partials/blocks.xml :: greeting\"/>", ["who": "W"],
        roots: [override, fixtures])
        == "<whole>overridden W</whole><greeting>hello W</greeting>")
  }
}
