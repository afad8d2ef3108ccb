import CLibXML2

/// Builds a new document element by element, in document order.
///
/// Every name and value is stored as data: text is escaped when serialized, so nothing
/// a caller passes can become markup. Namespaces are declared once, on the root.
///
/// ```swift
/// let builder = XMLTreeBuilder()
/// builder.startElement("p", namespaceURI: "http://www.w3.org/1999/xhtml")
/// builder.text("a < b")
/// builder.endElement()
/// let doc = try builder.finish()  // <p xmlns="...">a &lt; b</p>
/// ```
public final class XMLTreeBuilder {
  public static let xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"

  /// Why the built tree is not a document.
  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    case noRootElement
    case severalRootElements(String)
    case textOutsideRoot(String)
    case unbalanced

    public var description: String {
      switch self {
      case .noRootElement: return "the template produced no root element"
      case .severalRootElements(let name):
        return "the template produced a second root element <\(name)>; a document has exactly one"
      case .textOutsideRoot(let text): return "the template produced text outside the root element: \"\(text)\""
      case .unbalanced: return "internal error: start and end of elements do not match"
      }
    }
  }

  public let document: XMLDocument
  var current: xmlNodePtr?
  var root: xmlNodePtr?
  var namespaces: [String: xmlNsPtr] = [:]
  var failure: Failure?

  public init() {
    document = XMLDocument()
  }

  func namespace(_ uri: String, prefix: String?) -> xmlNsPtr? {
    if let ns = namespaces[uri] { return ns }
    guard let root else { return nil }
    if uri == XMLTreeBuilder.xmlNamespaceURI {
      let ns = xmlSearchNs(document.pointer, root, "xml")
      namespaces[uri] = ns
      return ns
    }
    var chosen = prefix
    let used = Set(namespaces.values.compactMap { $0.pointee.prefix.map { String(cString: $0) } })
    let hasDefault = namespaces.values.contains { $0.pointee.prefix == nil }
    if let p = chosen, used.contains(p) { chosen = nil }
    if chosen == nil, hasDefault {
      var counter = 1
      while used.contains("ns\(counter)") { counter += 1 }
      chosen = "ns\(counter)"
    }
    let ns = xmlNewNs(root, uri, chosen)
    namespaces[uri] = ns
    return ns
  }

  public func startElement(_ name: String, namespaceURI: String? = nil, prefix: String? = nil) {
    let node = xmlNewDocNode(document.pointer, nil, name, nil)!
    if let current {
      xmlAddChild(current, node)
    } else if root == nil {
      root = node
      xmlDocSetRootElement(document.pointer, node)
    } else {
      if failure == nil { failure = .severalRootElements(name) }
      xmlFreeNode(node)
      // Keep building detached so that the caller's start/end calls still balance.
      current = xmlNewDocNode(document.pointer, nil, name, nil)
      detached.append(current!)
      return
    }
    if let namespaceURI { xmlSetNs(node, namespace(namespaceURI, prefix: prefix)) }
    current = node
  }

  var detached: [xmlNodePtr] = []

  deinit {
    for node in detached { xmlFreeNode(node) }
  }

  public func attribute(
    _ name: String, value: String, namespaceURI: String? = nil, prefix: String? = nil
  ) {
    guard let current else { return }
    let ns = namespaceURI.flatMap { namespace($0, prefix: prefix) }
    xmlSetNsProp(current, ns, name, value)
  }

  public func text(_ text: String) {
    guard let current else {
      if failure == nil, text.contains(where: { !$0.isWhitespace }) {
        failure = .textOutsideRoot(text)
      }
      return
    }
    xmlAddChild(current, xmlNewDocTextLen(document.pointer, text, Int32(text.utf8.count)))
  }

  public func comment(_ text: String) {
    guard let current else { return }
    xmlAddChild(current, xmlNewDocComment(document.pointer, text))
  }

  public func endElement() {
    guard let node = current else {
      if failure == nil { failure = .unbalanced }
      return
    }
    let parent = node.pointee.parent
    current = parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
  }

  /// The finished document, or why it is not one.
  public func finish() throws(Failure) -> XMLDocument {
    if let failure { throw failure }
    guard root != nil else { throw .noRootElement }
    guard current == nil else { throw .unbalanced }
    return document
  }
}
