import Basics
import LibXML
import Templating
import Vocabulary

/// An element as the rules read it: its name, attributes and text, the marked elements
/// inside it, and where it is (for a finding).
protocol MarkedNode {
  /// The local name.
  var name: String { get }
  func attribute(_ name: String) -> String?
  func hasAttribute(_ name: String) -> Bool
  /// The text of the element and its descendants.
  var textContent: String { get }
  /// ``textContent`` as UTF-8 bytes, for byte searches.
  var textUTF8: [UInt8] { get }
  /// The marked elements of this subtree (this one first) for which `include` is true.
  func elements(where include: (Self) -> Bool) -> [Self]
  var parent: Self? { get }
  var line: Int { get }
  var path: String { get }
  /// Attribute values, for the leftovers rule.
  var attributeValues: [String] { get }
  /// The attributes the rules sort marked elements by, read at once.
  var marks: Marks { get }
}

/// What a marked element says about itself: its ``MarkedAttribute`` values and, for a
/// `meta`, its name and content.
struct Marks {
  var field: String?
  var seal: String?
  var amount = false
  var claim = false
  var periodOf = false
  var item = false
  var installment = false
  var name: String?
  var content: String?
}

extension MarkedNode {
  var marks: Marks {
    Marks(
      field: attribute(MarkedAttribute.field.rawValue), seal: attribute(MarkedAttribute.seal.rawValue),
      amount: hasAttribute(MarkedAttribute.amount.rawValue), claim: hasAttribute(MarkedAttribute.claim.rawValue),
      periodOf: hasAttribute(MarkedAttribute.periodOf.rawValue),
      item: hasAttribute(MarkedAttribute.itemAmount.rawValue) || hasAttribute(MarkedAttribute.unexplained.rawValue),
      installment: hasAttribute(MarkedAttribute.installment.rawValue),
      name: attribute("name"), content: attribute("content"))
  }
}

/// A document as the rules read it: its marked elements and, where it has one, a tree to
/// search with XPath.
protocol MarkedDocument {
  associatedtype Node: MarkedNode
  /// The elements with a ``MarkedAttribute`` or named a ``MarkedElement``, in document order.
  var marked: [Node] { get }
  /// The nodes an XPath selects; nil when this document has no tree to search.
  func select(_ xpath: String) -> [Node]?
  /// The text a reader sees, as UTF-8: the whole document's, head and anything around the
  /// body included (a browser moves stray content into the body), without the content of
  /// ``RenderedText/hiddenElements``.
  var shownText: [UInt8] { get }
  /// Whether anything could be hidden from a reader; the rule on hidden marks reads a
  /// document that could only by its tree.
  var mayHide: Bool { get }
}

// MARK: - A parsed tree

/// A document parsed by libxml2: any XHTML, or HTML read as a browser would.
struct ParsedDocument: MarkedDocument {
  let document: XMLDocument

  struct Node: MarkedNode {
    let node: XMLNode
    var name: String { node.name }
    func attribute(_ name: String) -> String? { node.attribute(name) }
    func hasAttribute(_ name: String) -> Bool { node.hasAttribute(name) }
    var textContent: String { node.textContent }
    var textUTF8: [UInt8] { Array(node.textContent.utf8) }
    func elements(where include: (Node) -> Bool) -> [Node] {
      node.elements { include(Node(node: $0)) }.map(Node.init)
    }
    var parent: Node? { node.parent.map(Node.init) }
    var line: Int { node.line }
    var path: String { node.path }
    var attributeValues: [String] { node.attributes.map(\.value) }
  }

  var marked: [Node] {
    (document.root?.elements(
      withAnyAttribute: MarkedAttribute.allCases.map(\.rawValue), orNamed: MarkedElement.allCases.map(\.rawValue))
      ?? []).map(Node.init)
  }

  func select(_ xpath: String) -> [Node]? {
    ((try? document.select(xpath)) ?? []).map(Node.init)
  }

  var shownText: [UInt8] { document.text(outside: RenderedText.hiddenElements) }
  var mayHide: Bool { true }
}

// MARK: - A render's outline

/// A document this process rendered: the marked elements and the text the render recorded
/// as it wrote them (``Templating/RenderedDocument``). Nothing is parsed; a rule that needs
/// more than the marked elements (an XPath search) makes the check incomplete, and the
/// caller validates the bytes parsed instead.
final class RenderedOutline: MarkedDocument {
  let elements: [OutlineElement]
  /// The text a reader sees, as the render wrote it (``Templating/RenderedDocument/text``).
  let text: [UInt8]
  /// Decided as the render wrote the bytes (``Templating/HidingScan``).
  let mayHide: Bool

  init(_ rendered: RenderedDocument) {
    elements = rendered.outline
    text = rendered.text
    mayHide = rendered.mayHide
  }

  struct Node: MarkedNode {
    let outline: RenderedOutline
    let index: Int
    var element: OutlineElement { outline.elements[index] }
    var name: String { element.name }
    func attribute(_ name: String) -> String? { element.attribute(name) }
    /// In any namespace, as libxml2's `xmlHasProp` finds it for a parsed document; `name` is a
    /// local name, without a prefix.
    func hasAttribute(_ name: String) -> Bool {
      element.attributes.contains { $0.localName == name }
    }
    var textContent: String { String(decoding: textSlice, as: UTF8.self) }
    var textUTF8: [UInt8] { Array(textSlice) }
    /// The element's text as the render recorded it.
    var textSlice: ArraySlice<UInt8> {
      let element = element
      return outline.text[element.textStart..<element.textEnd]
    }
    func elements(where include: (Node) -> Bool) -> [Node] {
      let (start, end) = (element.start, element.end)
      var found: [Node] = []
      var next = index
      while next < outline.elements.count, outline.elements[next].start < end {
        let node = Node(outline: outline, index: next)
        if outline.elements[next].start >= start, include(node) { found.append(node) }
        next += 1
      }
      return found
    }
    // Where a finding points is read from the parsed document: a finding sends the check there.
    var parent: Node? { nil }
    var line: Int { 0 }
    var path: String { "" }
    var attributeValues: [String] { element.attributes.map(\.value) }

    /// One pass over the attributes the render recorded: values of attributes without a
    /// namespace, presence in any namespace (as a parsed document's lookups give them).
    var marks: Marks {
      var marks = Marks()
      for pair in element.attributes {
        // The render classified each name as it recorded the pair (``OutlineElement/Pair``).
        guard let mark = pair.mark else {
          if pair.isPlain, pair.localName == "name" { marks.name = marks.name ?? pair.value }
          if pair.isPlain, pair.localName == "content" { marks.content = marks.content ?? pair.value }
          continue
        }
        switch mark {
        case .field where pair.isPlain: marks.field = marks.field ?? pair.value
        case .seal where pair.isPlain: marks.seal = marks.seal ?? pair.value
        case .amount: marks.amount = true
        case .claim: marks.claim = true
        case .periodOf: marks.periodOf = true
        case .itemAmount, .unexplained: marks.item = true
        case .installment: marks.installment = true
        case .field, .seal, .date, .signature: break
        }
      }
      return marks
    }
  }

  var marked: [Node] { elements.indices.map { Node(outline: self, index: $0) } }

  func select(_ xpath: String) -> [Node]? { nil }

  var shownText: [UInt8] { text }
}
