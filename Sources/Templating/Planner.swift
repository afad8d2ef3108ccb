import Basics
import Vocabulary

/// The last compiling step: decides how every element is written and serializes every
/// subtree that has no directive and no expression into a ``StaticRun`` once, so that a
/// render appends its bytes instead of walking it.
///
/// Namespaces are planned here too: every namespace the template can write is declared on
/// the root, in the order of first use in the template, with the prefixes libxml2's tree
/// would give them (the source's prefix, or `ns1`, `ns2`... beside a default namespace).
struct Planner {
  let mode: Markup.Mode
  let outline: OutlineMarks
  var declarations: [(prefix: String?, uri: String)] = []

  init(mode: Markup.Mode, outline: OutlineMarks) {
    self.mode = mode
    self.outline = outline
  }

  /// Plans the compiled tree `root` in place and returns it.
  mutating func plan(_ root: Node) -> Node {
    guard case .element(let element) = root else { return root }
    collectNamespaces(element)
    var roots: Set<ObjectIdentifier> = []
    collectRoots(element, into: &roots)
    plan(element, roots: roots)
    return root
  }

  // MARK: Namespaces

  mutating func collectNamespaces(_ element: Element) {
    if element.remove == .all { return }
    if let call = element.replacement {
      collectNamespaces(call.body)
      return
    }
    let writesTag = !element.isBlock && element.remove != .tag
    if writesTag {
      if let uri = element.namespaceURI { declare(uri, prefix: element.prefix) }
      for attribute in element.attributes {
        if let uri = attribute.namespaceURI { declare(uri, prefix: attribute.prefix) }
      }
      for attribute in element.dynamicAttributes {
        if let uri = attribute.namespaceURI { declare(uri, prefix: attribute.prefix) }
      }
    }
    guard element.remove != .body else { return }
    switch element.content {
    case .children(let children):
      for case .element(let child) in children { collectNamespaces(child) }
    case .fragment(let call): collectNamespaces(call.body)
    case .text: break
    }
  }

  mutating func declare(_ uri: String, prefix: String?) {
    if uri == xmlNamespaceURI || declarations.contains(where: { $0.uri == uri }) { return }
    let used = Set(declarations.compactMap(\.prefix))
    let hasDefault = declarations.contains { $0.prefix == nil }
    var chosen = prefix
    if let p = chosen, used.contains(p) { chosen = nil }
    if chosen == nil, hasDefault {
      var counter = 1
      while used.contains("ns\(counter)") { counter += 1 }
      chosen = "ns\(counter)"
    }
    declarations.append((chosen, uri))
  }

  func prefix(of uri: String?) -> String? {
    guard let uri else { return nil }
    if uri == xmlNamespaceURI { return "xml" }
    return declarations.first { $0.uri == uri }?.prefix
  }

  /// The elements that can be written at the top: the root, or what replaces it.
  func collectRoots(_ element: Element, into roots: inout Set<ObjectIdentifier>) {
    if element.remove == .all { return }
    if let call = element.replacement { return collectRoots(call.body, into: &roots) }
    if !element.isBlock && element.remove != .tag {
      roots.insert(ObjectIdentifier(element))
      return
    }
    guard element.remove != .body else { return }
    switch element.content {
    case .children(let children): for case .element(let child) in children { collectRoots(child, into: &roots) }
    case .fragment(let call): collectRoots(call.body, into: &roots)
    case .text: break
    }
  }

  // MARK: Tags and static runs

  /// Plans `element` and its subtree; returns whether it is static (could be one run).
  @discardableResult
  func plan(_ element: Element, roots: Set<ObjectIdentifier>) -> Bool {
    element.directives = element.presentDirectives
    // Attributes carry the prefixes the plan gave their namespaces.
    element.attributes = element.attributes.map {
      AttributeTemplate(
        name: $0.name, prefix: prefix(of: $0.namespaceURI), namespaceURI: $0.namespaceURI, value: $0.value)
    }
    element.dynamicAttributes = element.dynamicAttributes.map {
      DynamicAttribute(
        name: $0.name, prefix: prefix(of: $0.namespaceURI), namespaceURI: $0.namespaceURI, value: $0.value)
    }
    element.tag = tag(for: element, isRoot: roots.contains(ObjectIdentifier(element)))
    element.keptOwnAttributes = Renderer.keptOwnAttributes(element.attributes, overriddenBy: element.dynamicAttributes)
    if let call = element.replacement { plan(call.body, roots: roots) }
    switch element.content {
    case .text:
      return false
    case .fragment(let call):
      plan(call.body, roots: roots)
      return false
    case .children(let children):
      var nodes = children
      var staticFlags: [Bool] = []
      for child in children {
        switch child {
        case .element(let inner):
          staticFlags.append(plan(inner, roots: roots))
        case .text(let parts):
          staticFlags.append(parts.allSatisfy { if case .literal = $0 { return true } else { return false } })
        case .comment, .run:
          staticFlags.append(true)
        }
      }
      let isStatic =
        staticFlags.allSatisfy { $0 } && hasNoDirectives(element) && !element.tag.isHead
        && !roots.contains(ObjectIdentifier(element))
      if !isStatic {
        for index in nodes.indices where staticFlags[index] {
          if case .element(let inner) = nodes[index], let run = serialize(inner) { nodes[index] = .run(run) }
        }
        element.content = .children(nodes)
      }
      return isStatic
    }
  }

  func hasNoDirectives(_ e: Element) -> Bool {
    !e.isBlock && e.bindings.isEmpty && e.loop == nil && e.condition == nil && e.caseValue == nil
      && e.switchValue == nil && e.replacement == nil && e.dynamicAttributes.isEmpty && e.remove == .none
      && e.attributes.allSatisfy { attribute in
        attribute.value.allSatisfy { if case .literal = $0 { return true } else { return false } }
      }
  }

  func tag(for element: Element, isRoot: Bool) -> ElementTag {
    let prefix = prefix(of: element.namespaceURI)
    let qualifiedName = prefix.map { "\($0):\(element.name)" } ?? element.name
    let inXHTML = element.namespaceURI == nil || element.namespaceURI == xhtmlNamespace
    let emptyForm: [UInt8]?
    switch mode {
    case .xml: emptyForm = Array("/>".utf8)
    case .xhtml:
      emptyForm = prefix == nil && inXHTML && Markup.voidElements.contains(element.name) ? Array(" />".utf8) : nil
    }
    let literal = element.attributes.compactMap { attribute -> Markup.Attribute? in
      guard attribute.value.allSatisfy({ if case .literal = $0 { return true } else { return false } }) else {
        return nil
      }
      let value = attribute.value.map { if case .literal(let text) = $0 { return text } else { return "" } }.joined()
      return Markup.Attribute(
        name: attribute.name, prefix: self.prefix(of: attribute.namespaceURI), namespaceURI: attribute.namespaceURI,
        value: value)
    }
    let allLiteral = literal.count == element.attributes.count && element.dynamicAttributes.isEmpty
    let names = Set(element.attributes.map(\.name) + element.dynamicAttributes.map(\.name))
    var declared = isRoot ? declarations : []
    // libxml2's XHTML output gives an `html` element without a namespace the XHTML one.
    if mode == .xhtml, element.name == "html", element.namespaceURI == nil, declared.isEmpty {
      declared = [(nil, xhtmlNamespace)]
    }
    return ElementTag(
      localName: element.name, qualifiedName: qualifiedName, declarations: declared,
      attributes: allLiteral ? literal : nil, emptyForm: emptyForm,
      hasRawText: mode == .xhtml && inXHTML && (element.name == "style" || element.name == "script"),
      isHead: mode == .xhtml && element.name == "head",
      isOutlined: outline.elements.contains(element.name.lowercased()) || !names.isDisjoint(with: outline.attributes),
      carriesMarks: !names.isDisjoint(with: outline.attributes), mode: mode)
  }

  /// The bytes of a static element, written once by the same writer a render uses.
  func serialize(_ element: Element) -> StaticRun? {
    var writer = MarkupWriter(mode: mode, recordsOutline: true)
    writer.depth = 1
    writer.roots = 1
    let renderer = Renderer(
      evaluator: Evaluator(context: FilterContext(locale: DocumentLocale.standard.rawValue), strict: true))
    renderer.render(.element(element), in: Scope(frames: []), into: &writer)
    guard renderer.diagnostics.isEmpty, writer.failure == nil, writer.depth == 1 else { return nil }
    return StaticRun(
      rootName: element.name, bytes: writer.bytes, text: writer.shownText, outline: writer.outline,
      isContentTypeMeta: element.name == "meta" && element.tag.declaresContentType(nil),
      mayHide: HidingScan.mayHide(writer.bytes) || writer.mayHide, holdsStyleText: writer.wroteStyleText,
      carriesMarks: writer.outline.contains { element in
        element.attributes.contains { outline.attributes.contains(String($0.name.split(separator: ":").last ?? "")) }
      })
  }
}

let xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"
