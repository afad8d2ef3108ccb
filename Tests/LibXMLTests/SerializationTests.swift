import LibXML
import Testing

@Suite struct SerializationTests {
  let xhtml = "http://www.w3.org/1999/xhtml"

  /// libxml2's XHTML serialization of a parsed document (the form ardoc's renderer writes
  /// itself, see Templating's Markup): empty non-void elements are `<p></p>`, void ones
  /// `<br />`, and text and attributes are escaped.
  @Test func xhtmlIsSafeForHTMLParsers() throws {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml"><body><p/><br/><td data-x="a&quot;b&lt;c>&amp;"/>\
      <span>&lt;script>alert(1)&lt;/script> &amp; ${x}</span></body></html>
      """
    let doc = try XMLDocument.parse(Array(source.utf8), file: "x.xhtml")
    #expect(
      doc.xhtmlString == """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml"><body><p></p><br /><td data-x="a&quot;b&lt;c&gt;&amp;"></td><span>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ${x}</span></body></html>

        """)
  }

  @Test func xmlKeepsEmptyElementsShort() throws {
    let doc = try XMLDocument.parse(Array("<ledger><item xml:lang='zh'></item></ledger>".utf8), file: "x.xml")
    #expect(doc.xmlString == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ledger><item xml:lang=\"zh\"/></ledger>\n")
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
