import Basics
import LibXML
import PropertyBased
import Testing

@testable import Templating

/// The renderer writes bytes without a tree. These hold it to what a tree would give: the
/// output parses, an HTML parser reads the same tree as the XML parser, and libxml2 writes
/// exactly these bytes for the tree it parses from them (so the bytes are libxml2's own
/// serialization, the form every golden document was checked in with). The one difference:
/// `>` in the text of a `<style>` or `<script>` is written as is, where libxml2 writes `&gt;`
/// that a browser reading HTML would take literally.
@Suite struct ByteOutputTests {
  /// Every character XML escapes or normalizes, the control characters XML can carry, and
  /// text that looks like markup.
  static let awkward = Gen<Character?>.element(
    of: Array("<>&\"'\t\n\r${}ab 中😀\u{200F}]]>-=/") as [Character]
  ).map { $0! }

  /// Void elements stay empty here: an HTML parser cannot put text in a `<meta>` or `<br>`,
  /// so a template that does is outside what reads the same both ways.
  static let xhtmlSource = """
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template" t:attr="lang: lang">\
    <head><title>${title}</title></head><body>\
    <div t:each="row in rows" class="r-${row.name}" t:attr="name: row.name, title: row.flag ? row.name : null">\
    <p t:text="row.name"/><br/><img alt="${row.name}" t:attr="ismap: row.empty"/>\
    <ul><li t:each="item in row.items" t:attr="data-field: item">${item}<hr t:if="item"/>${item}</li></ul>\
    <option t:attr="selected: row.empty, lang: row.name"/><!--note-->\
    <t:block t:if="row.flag">${row.name}<span>${row.name}</span></t:block></div>\
    <table><tr t:each="row in rows"><td t:each="item in row.items" t:text="item"/></tr></table>\
    <style t:text="css"/></body></html>
    """

  static let xmlSource = """
    <doc xmlns:t="urn:ardoc:template" xmlns:q="urn:q" q:v="${title}">\
    <row t:each="row in rows" name="${row.name}"><item t:each="item in row.items" t:text="item"/><e/>\
    <q:x t:if="row.flag" q:a="${row.name}">${row.name}</q:x></row></doc>
    """

  static let rows = zip(
    awkward.string(of: 0...12), Gen<Bool>.bool, awkward.string(of: 0...6).array(of: 0...4)
  ).array(of: 0...4)

  static func data(_ title: String, _ rows: [(String, Bool, [String])]) -> TemplateValue {
    .object([
      "title": .string(title),
      "css": .string(
        String(String.UnicodeScalarView(title.unicodeScalars.filter { !"<&>\r".unicodeScalars.contains($0) }))),
      "lang": .string(title.isEmpty ? "zh-CN" : title),
      "rows": .array(
        rows.map { name, flag, items in
          .object([
            "name": .string(name), "flag": .bool(flag), "empty": .string(""),
            "items": .array(items.map(TemplateValue.string)),
          ])
        }),
    ])
  }

  @Test func xhtmlIsWhatLibxml2WritesForItsTreeAndHTMLReadsTheSameTree() async throws {
    let template = try TemplateEngine().compile(source: Self.xhtmlSource, name: "p.xhtml")
    await propertyCheck(input: Self.awkward.string(of: 0...8), Self.rows) { title, rows in
      guard let bytes = try? template.renderBytes(Self.data(title, rows)) else {
        Issue.record("render failed")
        return
      }
      guard let xml = try? XMLDocument.parse(bytes, file: "out.xhtml"),
        let html = try? XMLDocument.parseHTML(bytes, file: "out.html").document
      else {
        Issue.record("output does not parse: \(String(decoding: bytes, as: UTF8.self))")
        return
      }
      #expect(
        String(decoding: xml.xhtmlBytes(), as: UTF8.self) == String(decoding: bytes, as: UTF8.self))
      #expect(Self.tree(xml.root) == Self.tree(html.root), "\(String(decoding: bytes, as: UTF8.self))")
    }
  }

  @Test func xmlIsWhatLibxml2WritesForItsTree() async throws {
    let template = try TemplateEngine().compile(source: Self.xmlSource, name: "p.xml")
    await propertyCheck(input: Self.awkward.string(of: 0...8), Self.rows) { title, rows in
      guard let bytes = try? template.renderBytes(Self.data(title, rows)),
        let xml = try? XMLDocument.parse(bytes, file: "out.xml")
      else {
        Issue.record("render or parse failed")
        return
      }
      #expect(xml.xmlBytes() == bytes, "\(String(decoding: bytes, as: UTF8.self))")
    }
  }

  /// Names, attributes (qualified and sorted; the HTML parser reads namespace declarations
  /// as attributes, which are left out) and text, in order.
  static func tree(_ node: XMLNode?) -> String {
    guard let node else { return "" }
    switch node.kind {
    case .element:
      let attributes = node.attributes.filter { !$0.name.hasPrefix("xmlns") }
        .map { "\($0.prefix.map { "\($0):" } ?? "")\($0.name)=\($0.value)" }.sorted().joined(separator: " ")
      return "<\(node.name) \(attributes)>" + node.children.map(tree).joined() + "</>"
    case .text, .cdata: return node.textContent
    default: return ""
    }
  }

  /// The outline a render records: each marked element's attributes and the byte range whose
  /// text is the element's text.
  @Test func theOutlineNamesTheMarkedElementsWhereTheyAreWritten() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head>\
        <meta t:each="m in metas" t:attr="name: m, content: m"/></head><body>\
        <p data-seal="issuer" data-party="${who}">seal <span data-date="">${when}</span></p>\
        <span data-field="payment-owner" t:text="who"/><b>plain</b></body></html>
        """, name: "o.xhtml")
    let rendered = try template.render(
      ["metas": ["ardoc:kind", "ardoc:date"], "who": "王 <&> 李", "when": "2026-11-30"], outline: true)
    let text = String(decoding: rendered.bytes, as: UTF8.self)
    #expect(
      rendered.outline.map { "\($0.name):\($0.attributes.map(\.name).joined(separator: ","))" } == [
        "head:", "meta:name,content", "meta:name,content", "body:", "p:data-seal,data-party", "span:data-date",
        "span:data-field",
      ])
    let field = rendered.outline[6]
    #expect(
      String(decoding: rendered.bytes[field.start..<field.end], as: UTF8.self)
        == #"<span data-field="payment-owner">王 &lt;&amp;&gt; 李</span>"#)
    #expect(field.attribute("data-field") == "payment-owner")
    #expect(rendered.outline[4].attribute("data-party") == "王 <&> 李")
    #expect(text.contains(#"<p data-seal="issuer" data-party="王 &lt;&amp;&gt; 李">seal <span data-date="">"#))
  }

  /// Each recorded attribute says what the validator makes of its name, worked out where it is
  /// recorded: a literal one when the template is compiled, a computed one as it is written.
  @Test func theOutlineClassifiesEachAttributeName() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template" xmlns:x="urn:x"><body>        <p data-seal="issuer" x:data-field="f" class="c">a</p>        <p x:data-seal="${who}" t:attr="data-amount: n, data-invoice: who, name: who">b</p></body></html>
        """, name: "o.xhtml")
    let rendered = try template.render(["n": 5, "who": "W"], outline: true)
    let pairs = rendered.outline.dropFirst().flatMap(\.attributes).map {
      "\($0.name) \($0.localName) \($0.isPlain) \($0.mark?.rawValue ?? "-")"
    }
    #expect(
      pairs == [
        "data-seal data-seal true data-seal", "x:data-field data-field false data-field", "class class true -",
        "x:data-seal data-seal false data-seal", "data-amount data-amount true data-amount",
        "data-invoice data-invoice true -", "name name true -",
      ])
  }

  /// An XHTML head without a content-type meta gets libxml2's, as the first child.
  @Test func aHeadWithoutContentTypeGetsOne() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head>\
        <meta t:if="declare" http-equiv="content-type" content="x"/><title>t</title></head><body/></html>
        """, name: "h.xhtml")
    #expect(
      try template.renderString(["declare": false]) == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>t</title></head><body></body></html>

        """)
    #expect(
      try template.renderString(["declare": true]) == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="content-type" content="x" /><title>t</title></head><body></body></html>

        """)
  }

  /// Text inside `<style>` is written as is (a browser reading HTML takes it so); `<` and `&`
  /// there are refused, since no form of them reads the same in HTML and XML.
  @Test func styleTextIsWrittenAsIsAndMarkupInItIsRefused() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head><title>t</title>\
        <style t:text="css"/></head><body/></html>
        """, name: "s.xhtml")
    #expect(
      try template.renderString(["css": "p > b { content: \"'\" }"]).contains(#"<style>p > b { content: "'" }</style>"#)
    )
    for css in ["p::after { content: '&' }", "a[b[0]]>c {}"] {
      do {
        _ = try template.renderString(["css": .string(css)])
        Issue.record("rendered \(css)")
      } catch {
        #expect(
          error.description.hasPrefix(
            "s.xhtml:1:110: error: 'css' holds '<', '&' or ']]>', which cannot be written inside <style> or <script>: a browser reading the document as HTML would not read it as written; remove them from the stylesheet or script"
          ), "\(error.description)")
      }
    }
  }

  /// A document has one root element, and no text outside it.
  @Test func aDocumentHasExactlyOneRoot() throws {
    func problem(_ source: String, _ data: TemplateValue = [:]) -> String? {
      do {
        _ = try TemplateEngine().compile(source: source, name: "r.xml").renderBytes(data)
        return nil
      } catch {
        return error.diagnostics.first?.message
      }
    }
    let wrapper = #"<r xmlns:t="urn:ardoc:template" t:remove="tag">"#
    #expect(
      problem(wrapper + "<a/><b/></r>")
        == "the template produced a second root element <b>; a document has exactly one")
    #expect(problem(wrapper + "<a t:if=\"no\"/></r>", ["no": false]) == "the template produced no root element")
    #expect(
      problem(wrapper + "loose<a/></r>") == "the template produced text outside the root element: \"loose\"")
    #expect(problem(wrapper + " <a/> </r>") == nil)
  }

  /// The meta added to a head moves what the head holds: the outline follows.
  @Test func theOutlineFollowsTheAddedContentType() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head>\
        <meta name="ardoc:kind" content="x"/><title data-field="title">${t}</title></head><body/></html>
        """, name: "h.xhtml")
    let rendered = try template.render(["t": "a < b"], outline: true)
    #expect(
      rendered.outline.map { String(decoding: rendered.bytes[$0.start..<$0.end], as: UTF8.self) } == [
        #"<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><meta name="ardoc:kind" content="x" /><title data-field="title">a &lt; b</title></head>"#,
        #"<meta name="ardoc:kind" content="x" />"#, #"<title data-field="title">a &lt; b</title>"#, "<body></body>",
      ])
  }

  /// An `html` element without a namespace gets the XHTML one, as libxml2's XHTML output
  /// gives it; a head is a document's head only under `html`.
  @Test func anHTMLElementWithoutANamespaceGetsXHTMLs() throws {
    let folder = FileManagerTemp.write(
      Array(#"<html xmlns:t="urn:ardoc:template" t:fragment="page"><head><title>t</title></head><body/></html>"#.utf8),
      name: "plain-page.xhtml")
    let roots = [String(folder[..<(folder.lastIndex(of: "/") ?? folder.endIndex)])]
    let template = try TemplateEngine(roots: roots).compile(
      source:
        #"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template" t:replace="plain-page.xhtml :: page"/>"#,
      name: "p.xhtml")
    #expect(
      try template.renderString([:]) == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>t</title></head><body></body></html>

        """)
    let div = try TemplateEngine().compile(
      source: #"<div xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head></div>"#, name: "d.xhtml")
    #expect(
      try div.renderString([:])
        == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<div xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head></div>\n"
    )
  }

  /// Namespaces are declared once, on the root, in the order the template uses them.
  @Test func namespacesAreDeclaredOnTheRoot() throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><body>\
        <svg xmlns="http://www.w3.org/2000/svg" t:if="chart"><rect width="${w}"/></svg></body></html>
        """, name: "n.xhtml")
    #expect(
      try template.renderString(["chart": true, "w": "3"]) == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:ns1="http://www.w3.org/2000/svg"><body><ns1:svg><ns1:rect width="3"></ns1:rect></ns1:svg></body></html>

        """)
  }

  /// Markup written around rendered documents escapes as the renderer's attribute values do.
  @Test func markupAroundDocumentsEscapesAsTheRenderer() {
    #expect(MarkupEscaping.attribute("DZ-202611-0001") == "DZ-202611-0001")
    #expect(MarkupEscaping.attribute("A&B <\"1\">") == "A&amp;B &lt;&quot;1&quot;&gt;")
    #expect(MarkupEscaping.attribute("对账\n\t\r") == "对账&#10;&#9;&#13;")
  }
}

/// Quotes are found as bytes: a quote a combining mark follows is still a quote.
@Suite struct QuoteBytesTests {
  static let accent = "\u{301}"

  @Test func aNamespaceNameWithBothQuotesAndAnAccentStaysQuoted() {
    var out: [UInt8] = []
    Markup.appendQuoted("a\"b'" + Self.accent, to: &out)
    let both = "\"a&quot;b'" + Self.accent + "\""
    #expect(String(decoding: out, as: UTF8.self) == both)
    out = []
    Markup.appendQuoted("a\"" + Self.accent, to: &out)
    let single = "'a\"" + Self.accent + "'"
    #expect(String(decoding: out, as: UTF8.self) == single)
  }

  @Test func aCSVCellDoublesAQuoteAnAccentFollows() {
    let doubled = "\"a\"\"" + Self.accent + ",b\""
    #expect(CSVWriter.cell("a\"" + Self.accent + ",b") == doubled)
    #expect(CSVWriter.row(["say \"hi\"", "x"]) == "\"say \"\"hi\"\"\",x\r\n")
  }
}
