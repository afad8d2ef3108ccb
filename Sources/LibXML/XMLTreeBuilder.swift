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

  /// Element namespaces are left out while building a frozen tree: the namespace is set
  /// when the tree is copied into a document, so that copies declare nothing of their own.
  let buildsFrozenTree: Bool

  public init() {
    document = XMLDocument()
    buildsFrozenTree = false
  }

  /// A builder for a subtree that will be copied many times with ``appendCopy(of:namespaceURI:prefix:)``.
  public init(forFrozenTree: Bool) {
    document = XMLDocument()
    buildsFrozenTree = forFrozenTree
  }

  // Nearly every element of a document shares one namespace: skip the dictionary for it.
  var lastNamespace: (uri: String, ns: xmlNsPtr)?

  func namespace(_ uri: String, prefix: String?) -> xmlNsPtr? {
    if let last = lastNamespace, last.uri == uri { return last.ns }
    if let ns = namespaces[uri] {
      lastNamespace = (uri, ns)
      return ns
    }
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
    let node = name.withXMLChars { xmlNewDocNode(document.pointer, nil, $0, nil)! }
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
    if let namespaceURI, !buildsFrozenTree { xmlSetNs(node, namespace(namespaceURI, prefix: prefix)) }
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
    name.withXMLChars { namePointer in
      value.withXMLChars { valuePointer in _ = xmlSetNsProp(current, ns, namePointer, valuePointer) }
    }
  }

  public func text(_ text: String) {
    guard let current else {
      if failure == nil, text.contains(where: { !$0.isWhitespace }) {
        failure = .textOutsideRoot(text)
      }
      return
    }
    text.withXMLChars { xmlAddChild(current, xmlNewDocTextLen(document.pointer, $0, Int32(text.utf8.count))) }
  }

  public func comment(_ text: String) {
    guard let current else { return }
    text.withXMLChars { xmlAddChild(current, xmlNewDocComment(document.pointer, $0)) }
  }

  public func endElement() {
    guard let node = current else {
      if failure == nil { failure = .unbalanced }
      return
    }
    let parent = node.pointee.parent
    current = parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
  }

  /// Appends a deep copy of a frozen tree in one libxml2 call, putting its elements in
  /// the given namespace.
  public func appendCopy(of tree: XMLFrozenTree, namespaceURI: String?, prefix: String?) {
    guard let current, let source = xmlDocGetRootElement(tree.document.pointer),
      let copy = xmlDocCopyNode(source, document.pointer, 1)
    else { return }
    xmlAddChild(current, copy)
    guard let namespaceURI, let ns = namespace(namespaceURI, prefix: prefix) else { return }
    var stack: [xmlNodePtr] = [copy]
    while let node = stack.popLast() {
      node.pointee.ns = ns
      var child = node.pointee.children
      while let c = child {
        if c.pointee.type == XML_ELEMENT_NODE { stack.append(c) }
        child = c.pointee.next
      }
    }
  }

  /// Ends a builder made with `forFrozenTree: true`.
  public func freeze() throws(Failure) -> XMLFrozenTree {
    XMLFrozenTree(document: try finish())
  }

  /// The finished document, or why it is not one.
  public func finish() throws(Failure) -> XMLDocument {
    if let failure { throw failure }
    guard root != nil else { throw .noRootElement }
    guard current == nil else { throw .unbalanced }
    return document
  }
}

/// A subtree built once and only read afterwards, so that any number of threads can copy
/// it into their own documents at once.
public final class XMLFrozenTree: @unchecked Sendable {
  // Never mutated after `freeze()`; libxml2's copy functions only read the source tree.
  let document: XMLDocument

  init(document: XMLDocument) {
    self.document = document
  }
}

extension String {
  /// The string as libxml2's `const xmlChar *`, without copying a native Swift string.
  @inline(__always)
  @discardableResult func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
    withCString { $0.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body) }
  }
}
