import Basics
import LibXML
import Vocabulary

/// Replaces every maximal subtree that has no directive and no expression by a frozen
/// libxml2 tree, built once: rendering then copies it in one call instead of rebuilding it
/// node by node. The output is the same either way.
struct Freezer {
  func optimize(_ node: Node) -> Node {
    guard case .element(let element) = node else { return node }
    return .element(optimize(element).element)
  }

  /// The element with its static children frozen, and whether it is static itself.
  func optimize(_ element: Element) -> (element: Element, isStatic: Bool) {
    element.directives = element.presentDirectives
    if let call = element.replacement {
      element.replacement = optimize(call)
    }
    switch element.content {
    case .text:
      return (element, false)
    case .fragment(let call):
      element.content = .fragment(optimize(call))
      return (element, false)
    case .children(let children):
      var optimized: [Node] = []
      var staticFlags: [Bool] = []
      for child in children {
        switch child {
        case .element(let inner):
          let (result, isStatic) = optimize(inner)
          let sameNamespace = result.namespaceURI == element.namespaceURI && result.prefix == element.prefix
          optimized.append(.element(result))
          staticFlags.append(isStatic && sameNamespace)
        case .text(let parts):
          optimized.append(child)
          staticFlags.append(parts.allSatisfy { if case .literal = $0 { return true } else { return false } })
        case .comment, .frozen:
          optimized.append(child)
          staticFlags.append(true)
        }
      }
      let isStatic = staticFlags.allSatisfy { $0 } && hasNoDirectives(element)
      if !isStatic {
        // This element stays dynamic: freeze its static element children one by one.
        for index in optimized.indices where staticFlags[index] {
          if case .element(let inner) = optimized[index], let frozen = freeze(inner) {
            optimized[index] = .frozen(frozen)
          }
        }
      }
      element.content = .children(optimized)
      return (element, isStatic)
    }
  }

  func optimize(_ call: FragmentCall) -> FragmentCall {
    FragmentCall(
      name: call.name, parameters: call.parameters, arguments: call.arguments, body: optimize(call.body).element)
  }

  func hasNoDirectives(_ e: Element) -> Bool {
    !e.isBlock && e.bindings.isEmpty && e.loop == nil && e.condition == nil && e.caseValue == nil
      && e.switchValue == nil && e.replacement == nil && e.dynamicAttributes.isEmpty && e.remove == .none
      && e.attributes.allSatisfy { attribute in
        (attribute.namespaceURI == nil || attribute.namespaceURI == XMLTreeBuilder.xmlNamespaceURI)
          && attribute.value.allSatisfy { if case .literal = $0 { return true } else { return false } }
      }
  }

  func freeze(_ element: Element) -> FrozenElement? {
    let renderer = Renderer(
      evaluator: Evaluator(context: FilterContext(locale: DocumentLocale.standard.rawValue), strict: true),
      builder: XMLTreeBuilder(forFrozenTree: true))
    renderer.render(.element(element), in: Scope(frames: []))
    guard renderer.diagnostics.isEmpty, let tree = try? renderer.builder.freeze() else { return nil }
    return FrozenElement(tree: tree, namespaceURI: element.namespaceURI, prefix: element.prefix)
  }
}

// MARK: - Small text helpers
