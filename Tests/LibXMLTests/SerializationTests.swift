import LibXML
import Testing

@Suite struct SerializationTests {
  let xhtml = "http://www.w3.org/1999/xhtml"

  func build(_ body: (XMLTreeBuilder) -> Void) throws -> XMLDocument {
    let builder = XMLTreeBuilder()
    body(builder)
    return try builder.finish()
  }

  @Test func xhtmlIsSafeForHTMLParsers() throws {
    let doc = try build { b in
      b.startElement("html", namespaceURI: xhtml)
      b.startElement("body", namespaceURI: xhtml)
      b.startElement("p", namespaceURI: xhtml)
      b.endElement()
      b.startElement("br", namespaceURI: xhtml)
      b.endElement()
      b.startElement("td", namespaceURI: xhtml)
      b.attribute("data-x", value: "a\"b<c>&")
      b.endElement()
      b.startElement("span", namespaceURI: xhtml)
      b.text("<script>alert(1)</script> & ${x}")
      b.endElement()
      b.endElement()
      b.endElement()
    }
    #expect(
      doc.xhtmlString == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"><body><p></p><br /><td data-x="a&quot;b&lt;c&gt;&amp;"></td><span>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ${x}</span></body></html>

        """)
  }

  @Test func xmlKeepsEmptyElementsShort() throws {
    let doc = try build { b in
      b.startElement("ledger")
      b.startElement("item")
      b.attribute("lang", value: "zh", namespaceURI: XMLTreeBuilder.xmlNamespaceURI, prefix: "xml")
      b.endElement()
      b.endElement()
    }
    #expect(doc.xmlString == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ledger><item xml:lang=\"zh\"/></ledger>\n")
  }

  @Test func aDocumentHasExactlyOneRoot() {
    let builder = XMLTreeBuilder()
    builder.startElement("a")
    builder.endElement()
    builder.startElement("b")
    builder.endElement()
    #expect(throws: XMLTreeBuilder.Failure.severalRootElements("b")) { try builder.finish() }
    #expect(throws: XMLTreeBuilder.Failure.noRootElement) { try XMLTreeBuilder().finish() }
  }

  @Test func htmlParserSeesTheSameStructure() throws {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><div><p></p><p>x<br/>y</p><table><tbody><tr><td></td></tr></tbody></table><span/><textarea/></div></body></html>
      """
    let doc = try XMLDocument.parse(Array(source.utf8), file: "x.xhtml")
    let bytes = doc.xhtmlBytes()
    let html = try XMLDocument.parseHTML(bytes, file: "x.html").document
    let xml = try XMLDocument.parse(bytes, file: "x.xhtml")
    #expect(try structure(html.root) == structure(xml.root))
    #expect(try structure(xml.root) == "html(head(meta,title),body(div(p,p(br),table(tbody(tr(td))),span,textarea)))")
  }

  func structure(_ node: XMLNode?) throws -> String {
    let node = try #require(node)
    let children = node.elementChildren
    return node.name
      + (children.isEmpty ? "" : "(" + (try children.map { try structure($0) }.joined(separator: ",")) + ")")
  }

  @Test func xpathWithNamespaces() throws {
    let source =
      "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><div data-seal=\"issuer\" data-party=\"甲\"/><div data-seal=\"counterparty\"/></body></html>"
    let doc = try XMLDocument.parse(Array(source.utf8), file: "x.xhtml")
    let seals = try doc.select("//h:div[@data-seal]", namespaces: ["h": xhtml])
    #expect(seals.map { $0.attribute("data-seal") } == ["issuer", "counterparty"])
    #expect(try doc.select("//div").isEmpty)  // no prefix: no namespace
    #expect(throws: XPathError.self) { try doc.select("//h:div[", namespaces: ["h": xhtml]) }
  }

  @Test func editingTheTree() throws {
    let doc = try XMLDocument.parse(Array("<a><b/><c/></a>".utf8), file: "e.xml")
    let root = try #require(doc.root)
    root.elementChildren[0].remove()
    root.setAttribute("k", "v & w")
    root.appendElement("d").setText("<x>")
    root.removeAttribute("missing")
    #expect(
      doc.xmlString == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"v &amp; w\"><c/><d>&lt;x&gt;</d></a>\n")
    let copy = doc.copy()
    doc.root?.elementChildren[0].remove()
    #expect(copy.xmlString.contains("<c/>"))
  }
}
