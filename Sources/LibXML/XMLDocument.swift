import Basics
import CLibXML2

/// An XML or HTML document owned by Swift: the libxml2 tree is freed with the object.
///
/// A document is not thread-safe; give each thread its own (``copy()`` is cheap).
public final class XMLDocument {
  let pointer: xmlDocPtr

  init(owning pointer: xmlDocPtr) {
    self.pointer = pointer
  }

  /// A new, empty document.
  public convenience init() {
    LibXMLRuntime.prepareThread()
    let doc = xmlNewDoc("1.0")!
    // Element and attribute names are interned, as in parsed documents: no allocation per name.
    doc.pointee.dict = xmlDictCreate()
    self.init(owning: doc)
  }

  deinit { xmlFreeDoc(pointer) }

  /// The document element, if any.
  public var root: XMLNode? {
    xmlDocGetRootElement(pointer).map { XMLNode(document: self, pointer: $0) }
  }

  /// A deep copy, independent of this one.
  public func copy() -> XMLDocument {
    XMLDocument(owning: xmlCopyDoc(pointer, 1))
  }

  /// Creates an element not yet in the tree; attach it with ``XMLNode/append(_:)``.
  public func makeElement(_ name: String, namespaceURI: String? = nil) -> XMLNode {
    let node = xmlNewDocNode(pointer, nil, name, nil)!
    let wrapped = XMLNode(document: self, pointer: node)
    if let namespaceURI {
      wrapped.setNamespace(namespaceURI)
    }
    return wrapped
  }

  /// Makes `element` the document element, replacing any previous one.
  public func setRoot(_ element: XMLNode) {
    if let old = xmlDocSetRootElement(pointer, element.pointer) {
      xmlFreeNode(old)
    }
  }

  /// Serialization as XML (with an XML declaration), UTF-8.
  public func xmlBytes() -> [UInt8] {
    save(options: 0)
  }

  /// Serialization as XHTML that an HTML parser reads the same way: `<!DOCTYPE html>`,
  /// UTF-8, no self-closed non-void element (`<p></p>`, but `<br />`), no XML declaration.
  public func xhtmlBytes() -> [UInt8] {
    if pointer.pointee.intSubset == nil, let root {
      xmlCreateIntSubset(pointer, root.name, nil, nil)
    }
    // XML_SAVE_XHTML applies the XHTML 1 empty-element rules; XML_SAVE_NO_XHTML stops the
    // serializer from switching them off again because the DOCTYPE names no XHTML DTD.
    return save(
      options: Int32(
        XML_SAVE_XHTML.rawValue | XML_SAVE_NO_XHTML.rawValue | XML_SAVE_NO_DECL.rawValue))
  }

  func save(options: Int32) -> [UInt8] {
    LibXMLRuntime.prepareThread()
    let buffer = xmlBufferCreate()
    defer { xmlBufferFree(buffer) }
    let context = xmlSaveToBuffer(buffer, "UTF-8", options)
    xmlSaveDoc(context, pointer)
    xmlSaveClose(context)
    guard let buffer, let content = xmlBufferContent(buffer) else { return [] }
    let count = Int(xmlBufferLength(buffer))
    return Array(UnsafeBufferPointer(start: content, count: count))
  }

  /// ``xmlBytes()`` as a string.
  public var xmlString: String { String(decoding: xmlBytes(), as: UTF8.self) }
  /// ``xhtmlBytes()`` as a string.
  public var xhtmlString: String { String(decoding: xhtmlBytes(), as: UTF8.self) }

  /// The document's text as UTF-8, in document order: every text and CDATA node, except
  /// inside elements whose local name is one of `hidden` (ASCII case-insensitive), such as
  /// `style` and `script`, whose content a browser does not show as text.
  ///
  /// The whole document is read, not only the root element's subtree: libxml2's HTML parser
  /// puts what follows `</html>` beside the root, and a browser shows it.
  ///
  /// ```swift
  /// let shown = document.text(outside: ["style", "script"])
  /// ```
  public func text(outside hidden: [String]) -> [UInt8] {
    let hiddenNames = hidden.map { Array($0.utf8) + [0] }
    func isHidden(_ node: xmlNodePtr) -> Bool {
      guard let name = node.pointee.name else { return false }
      return hiddenNames.contains { wanted in
        wanted.withUnsafeBufferPointer { xmlStrcasecmp(name, $0.baseAddress) == 0 }
      }
    }
    var out: [UInt8] = []
    // Pre-order along the tree's own links, from the document's first child to its last.
    var node: xmlNodePtr? = pointer.pointee.children
    while let current = node {
      switch current.pointee.type {
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content {
          out.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
      case XML_ENTITY_REF_NODE:
        if let content = xmlNodeGetContent(current) {
          out.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
          ardoc_xml_free(content)
        }
      case XML_ELEMENT_NODE:
        if !isHidden(current), let child = current.pointee.children {
          node = child
          continue
        }
      default: break
      }
      // The next sibling, or the next one of an ancestor; the document itself ends the walk.
      node = nil
      var climb: xmlNodePtr? = current
      while let step = climb, UnsafeMutableRawPointer(step) != UnsafeMutableRawPointer(pointer) {
        if let next = step.pointee.next {
          node = next
          break
        }
        climb = step.pointee.parent
      }
    }
    return out
  }
}
