import Basics
import CLibXML2

/// A node inside an ``XMLDocument``; it keeps its document alive.
public struct XMLNode: Equatable {
  public enum Kind: Sendable, Equatable {
    case element, text, comment, processingInstruction, cdata, other
  }

  public let document: XMLDocument
  let pointer: xmlNodePtr

  init(document: XMLDocument, pointer: xmlNodePtr) {
    self.document = document
    self.pointer = pointer
  }

  public static func == (lhs: XMLNode, rhs: XMLNode) -> Bool { lhs.pointer == rhs.pointer }

  public var kind: Kind {
    switch pointer.pointee.type {
    case XML_ELEMENT_NODE: return .element
    case XML_TEXT_NODE: return .text
    case XML_COMMENT_NODE: return .comment
    case XML_PI_NODE: return .processingInstruction
    case XML_CDATA_SECTION_NODE: return .cdata
    default: return .other
    }
  }

  /// The local name (without prefix).
  public var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }
  public var prefix: String? {
    pointer.pointee.ns?.pointee.prefix.map { String(cString: $0) }
  }
  public var namespaceURI: String? {
    pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
  }
  /// `prefix:name`, or the name when there is no prefix.
  public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

  /// The line libxml2 recorded (for an element, the line where its start tag ends).
  public var line: Int { Int(xmlGetLineNo(pointer)) }

  public var parent: XMLNode? {
    guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else {
      return nil
    }
    return XMLNode(document: document, pointer: parent)
  }

  public var children: [XMLNode] {
    var result: [XMLNode] = []
    var child = pointer.pointee.children
    while let node = child {
      result.append(XMLNode(document: document, pointer: node))
      child = node.pointee.next
    }
    return result
  }

  public var elementChildren: [XMLNode] { children.filter { $0.kind == .element } }

  /// Text of this node and its descendants.
  public var textContent: String {
    guard let content = xmlNodeGetContent(pointer) else { return "" }
    defer { ardoc_xml_free(content) }
    return String(cString: content)
  }

  /// The attributes in document order.
  public var attributes: [XMLAttribute] {
    var result: [XMLAttribute] = []
    var attribute = pointer.pointee.properties
    while let current = attribute {
      let name = String(cString: current.pointee.name)
      let ns = current.pointee.ns
      var value = ""
      if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
        value = String(cString: content)
        ardoc_xml_free(content)
      }
      result.append(
        XMLAttribute(
          name: name,
          prefix: ns?.pointee.prefix.map { String(cString: $0) },
          namespaceURI: ns?.pointee.href.map { String(cString: $0) },
          value: value))
      attribute = current.pointee.next
    }
    return result
  }

  /// The value of an attribute without namespace (or in `namespaceURI`).
  public func attribute(_ name: String, namespaceURI: String? = nil) -> String? {
    let value = namespaceURI.map { xmlGetNsProp(pointer, name, $0) } ?? xmlGetNoNsProp(pointer, name)
    guard let value else { return nil }
    defer { ardoc_xml_free(value) }
    return String(cString: value)
  }

  /// Namespace declarations made on this element: (prefix or nil for default, URI).
  public var namespaceDeclarations: [(prefix: String?, uri: String)] {
    var result: [(String?, String)] = []
    var ns = pointer.pointee.nsDef
    while let current = ns {
      result.append(
        (current.pointee.prefix.map { String(cString: $0) }, current.pointee.href.map { String(cString: $0) } ?? ""))
      ns = current.pointee.next
    }
    return result
  }

  /// Sets (or replaces) an attribute; the value is stored as text and escaped on output.
  public func setAttribute(_ name: String, _ value: String) {
    xmlSetProp(pointer, name, value)
  }

  public func removeAttribute(_ name: String) {
    if let attribute = xmlHasProp(pointer, name) {
      xmlRemoveProp(attribute)
    }
  }

  /// Puts the element in the namespace, declaring it on the element if nothing in scope does.
  public func setNamespace(_ uri: String, prefix: String? = nil) {
    let ns = xmlSearchNsByHref(document.pointer, pointer, uri) ?? xmlNewNs(pointer, uri, prefix)
    xmlSetNs(pointer, ns)
  }

  /// Appends a new child element (in the parent's namespace by default) and returns it.
  @discardableResult
  public func appendElement(_ name: String) -> XMLNode {
    let child = xmlNewDocNode(document.pointer, pointer.pointee.ns, name, nil)!
    xmlAddChild(pointer, child)
    return XMLNode(document: document, pointer: child)
  }

  /// Appends text; it is escaped when serialized.
  public func appendText(_ text: String) {
    let node = xmlNewDocText(document.pointer, text)
    xmlAddChild(pointer, node)
  }

  /// Appends a node created by the same document.
  public func append(_ child: XMLNode) {
    precondition(child.document === document, "node belongs to another document")
    xmlUnlinkNode(child.pointer)
    xmlAddChild(pointer, child.pointer)
  }

  /// Replaces all children with a single text node.
  public func setText(_ text: String) {
    while let child = pointer.pointee.children {
      xmlUnlinkNode(child)
      xmlFreeNode(child)
    }
    appendText(text)
  }

  /// Detaches the node from the tree and frees it; do not use this value afterwards.
  public func remove() {
    xmlUnlinkNode(pointer)
    xmlFreeNode(pointer)
  }

  /// True when the element has the attribute (without namespace); allocates nothing.
  public func hasAttribute(_ name: String) -> Bool {
    name.withCString { chars in
      chars.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { xmlHasProp(pointer, $0) != nil }
    }
  }

  /// The element's local name, lower-cased, compared without allocating for the common case.
  public func nameIs(_ lowercased: String) -> Bool {
    guard let raw = pointer.pointee.name else { return false }
    return lowercased.withCString { chars in
      chars.withMemoryRebound(to: xmlChar.self, capacity: lowercased.utf8.count + 1) { xmlStrcasecmp(raw, $0) == 0 }
    }
  }

  /// Elements in this subtree (this one first, then in document order) for which `include`
  /// is true: a plain pointer walk, much cheaper than a general XPath for many lookups.
  public func elements(where include: (XMLNode) -> Bool) -> [XMLNode] {
    var found: [XMLNode] = []
    guard pointer.pointee.type == XML_ELEMENT_NODE else { return found }
    // Pre-order along the tree's own links (first child, next sibling, parent): no stack.
    var node: xmlNodePtr? = pointer
    while let current = node {
      if current.pointee.type == XML_ELEMENT_NODE {
        let wrapped = XMLNode(document: document, pointer: current)
        if include(wrapped) { found.append(wrapped) }
        if let child = current.pointee.children {
          node = child
          continue
        }
      }
      // No element children to enter: the next sibling, or the next one of an ancestor.
      node = nil
      var climb: xmlNodePtr? = current
      while let step = climb, step != pointer {
        if let next = step.pointee.next {
          node = next
          break
        }
        climb = step.pointee.parent
      }
    }
    return found
  }

  /// Elements in this subtree (document order) that carry any of `attributes` (as written on
  /// the element, any namespace) or whose local name is one of `names` (ASCII case-insensitive):
  /// one walk, the names converted to C strings once rather than per element and name.
  ///
  /// ```swift
  /// let marked = root.elements(withAnyAttribute: ["data-field"], orNamed: ["meta"])
  /// ```
  public func elements(withAnyAttribute attributes: [String], orNamed names: [String]) -> [XMLNode] {
    let attributeNames = attributes.map { Array($0.utf8) + [0] }
    let elementNames = names.map { Array($0.utf8) + [0] }
    return elements { node in
      let element = node.pointer
      if let name = element.pointee.name {
        for wanted in elementNames where wanted.withUnsafeBufferPointer({ xmlStrcasecmp(name, $0.baseAddress) == 0 }) {
          return true
        }
      }
      var property = element.pointee.properties
      while let current = property {
        if let name = current.pointee.name {
          for wanted in attributeNames where wanted.withUnsafeBufferPointer({ xmlStrEqual(name, $0.baseAddress) != 0 })
          {
            return true
          }
        }
        property = current.pointee.next
      }
      return false
    }
  }

  /// A readable XPath to this node by element names and positions: `/html/body/main/div[2]`.
  public var path: String {
    var parts: [String] = []
    var current: xmlNodePtr? = pointer
    while let node = current, node.pointee.type == XML_ELEMENT_NODE {
      let name = node.pointee.name.map { String(cString: $0) } ?? "*"
      var index = 0
      var count = 0
      var sibling = node.pointee.parent?.pointee.children
      while let s = sibling {
        if s.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(s.pointee.name, node.pointee.name) != 0 {
          count += 1
          if s == node { index = count }
        }
        sibling = s.pointee.next
      }
      parts.append(count > 1 ? "\(name)[\(index)]" : name)
      current = node.pointee.parent
    }
    return "/" + parts.reversed().joined(separator: "/")
  }

  /// Inserts `child` (made by the same document) as the first child of this element.
  public func prepend(_ child: XMLNode) {
    precondition(child.document === document, "node belongs to another document")
    xmlUnlinkNode(child.pointer)
    if let first = pointer.pointee.children {
      xmlAddPrevSibling(first, child.pointer)
    } else {
      xmlAddChild(pointer, child.pointer)
    }
  }

  /// The first element below this one at a nesting depth beyond `limit`, if any.
  func firstNode(deeperThan limit: Int) -> XMLNode? {
    var stack: [(xmlNodePtr, Int)] = [(pointer, 1)]
    while let (node, depth) = stack.popLast() {
      if depth > limit { return XMLNode(document: document, pointer: node) }
      var child = node.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { stack.append((current, depth + 1)) }
        child = current.pointee.next
      }
    }
    return nil
  }
}

/// An attribute read from an element.
public struct XMLAttribute: Sendable, Equatable {
  public let name: String
  public let prefix: String?
  public let namespaceURI: String?
  public let value: String
  public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}
