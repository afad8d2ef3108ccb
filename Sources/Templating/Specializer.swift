/// Folds what a template's constants decide into the compiled tree, before it is planned:
/// an expression that reads only constants (the locale's labels, the stylesheet) becomes its
/// value, text and attributes made only of such values become literal, a condition on them is
/// decided; the ``Planner`` then serializes the subtrees that became static, so a letter's
/// labels and stylesheet are written as bytes copied once, not looked up and escaped each time.
///
/// Only what would succeed the same way at every render is folded: an expression whose value
/// cannot be written as text, holds a character XML cannot carry, or fails, is left to the
/// render, which reports it as it would without constants. A name bound in the template
/// (`t:with`, `t:each`, a fragment parameter) hides a constant of that name, unless it is bound
/// to a constant itself.
struct Specializer {
  let evaluator: Evaluator
  /// Elements the compiled tree reaches more than once (a layout's filler for a slot used
  /// twice): each place may see other names, so what is in them is left to the render.
  var shared: Set<ObjectIdentifier> = []

  init(evaluator: Evaluator) {
    self.evaluator = evaluator
  }

  /// Names whose value is known now.
  typealias Known = TemplateMembers

  mutating func specialize(_ node: Node, _ known: Known) -> Node {
    guard case .element(let element) = node, !known.isEmpty else { return node }
    var seen: Set<ObjectIdentifier> = []
    Specializer.count(element, seen: &seen, shared: &shared)
    specialize(element, known)
    return node
  }

  static func count(_ element: Element, seen: inout Set<ObjectIdentifier>, shared: inout Set<ObjectIdentifier>) {
    guard seen.insert(ObjectIdentifier(element)).inserted else {
      shared.insert(ObjectIdentifier(element))
      return
    }
    if let call = element.replacement { count(call.body, seen: &seen, shared: &shared) }
    switch element.content {
    case .children(let children):
      for case .element(let child) in children { count(child, seen: &seen, shared: &shared) }
    case .fragment(let call): count(call.body, seen: &seen, shared: &shared)
    case .text: break
    }
  }

  // MARK: Expressions

  /// The value of `expression` when it reads only known names and evaluates.
  func value(of expression: Expression, _ known: Known) -> TemplateValue? {
    if case .literal(let value) = expression { return value }
    guard expression.names.allSatisfy({ known[$0] != nil }) else { return nil }
    return try? evaluator.evaluate(expression, in: Scope(frames: [known]))
  }

  /// The text `expression` always writes, when it is known and can be written as is.
  func text(of expression: Expression, _ known: Known) -> String? {
    guard let text = value(of: expression, known)?.text, !Renderer.mayHoldForbiddenCharacters(text),
      !Renderer.holdsMarkup(text)
    else { return nil }
    return text
  }

  /// Text parts with every known expression written out, adjacent literals joined.
  func fold(_ parts: [TextPart], _ known: Known) -> [TextPart] {
    var folded: [TextPart] = []
    for part in parts {
      var next = part
      if case .expression(let expression) = part, let text = text(of: expression, known) { next = .literal(text) }
      if case .literal(let text) = next, case .literal(let before)? = folded.last {
        folded[folded.count - 1] = .literal(before + text)
      } else {
        folded.append(next)
      }
    }
    return folded
  }

  // MARK: Elements

  func specialize(_ element: Element, _ outer: Known) {
    guard !shared.contains(ObjectIdentifier(element)) else { return }
    var known = outer
    for (index, binding) in element.bindings.enumerated() {
      if let value = value(of: binding.value, known) {
        element.bindings[index] = Binding(name: binding.name, value: .literal(value))
        known[binding.name] = value
      } else {
        known[binding.name] = nil
      }
    }
    if let loop = element.loop {
      known[loop.item] = nil
      known[loop.status] = nil
    }
    switch element.condition {
    case .when(let condition)?:
      if let value = value(of: condition, known) {
        element.condition = value.isTruthy ? nil : .when(.literal(value))
      }
    case .unless(let condition)?:
      if let value = value(of: condition, known) {
        element.condition = value.isTruthy ? .unless(.literal(value)) : nil
      }
    case nil: break
    }
    if case .value(let expression)? = element.caseValue, let value = value(of: expression, known) {
      element.caseValue = .value(.literal(value))
    }
    if let expression = element.switchValue, let value = value(of: expression, known) {
      element.switchValue = .literal(value)
    }
    if let call = element.replacement { specialize(call, known) }
    element.attributes = element.attributes.map {
      AttributeTemplate(name: $0.name, prefix: $0.prefix, namespaceURI: $0.namespaceURI, value: fold($0.value, known))
    }
    foldDynamicAttributes(element, known)
    switch element.content {
    case .text(let expression):
      if let text = text(of: expression, known) { element.content = .children([.text([.literal(text)])]) }
    case .fragment(let call):
      specialize(call, known)
    case .children(let children):
      element.content = .children(children.compactMap { specialize(child: $0, known) })
    }
  }

  /// A child as it always renders: nil for an element a known condition leaves out (when
  /// nothing evaluated before the condition could report an error instead).
  func specialize(child: Node, _ known: Known) -> Node? {
    switch child {
    case .text(let parts):
      return .text(fold(parts, known))
    case .element(let element):
      guard !shared.contains(ObjectIdentifier(element)) else { return child }
      specialize(element, known)
      if element.bindings.isEmpty, element.loop == nil, case .when(.literal(let value))? = element.condition,
        !value.isTruthy
      {
        return nil
      }
      if element.bindings.isEmpty, element.loop == nil, case .unless(.literal(let value))? = element.condition,
        value.isTruthy
      {
        return nil
      }
      return child
    case .comment, .run:
      return child
    }
  }

  func specialize(_ call: FragmentCall, _ outer: Known) {
    var known = outer
    for (parameter, argument) in zip(call.parameters, call.arguments) {
      known[parameter] = value(of: argument, outer)
    }
    specialize(call.body, known)
  }

  /// `t:attr` values known now become plain attributes, in the order a render writes them
  /// (``Renderer/merged(_:overriddenBy:make:)``). Only when every `t:attr` value is known.
  func foldDynamicAttributes(_ element: Element, _ known: Known) {
    guard !element.dynamicAttributes.isEmpty else { return }
    var values: [(DynamicAttribute, String?)] = []
    for attribute in element.dynamicAttributes {
      guard let value = value(of: attribute.value, known) else { return }
      switch value {
      case .null, .bool(false): values.append((attribute, nil))
      case .bool(true): values.append((attribute, attribute.name))
      default:
        guard let text = value.text, !Renderer.mayHoldForbiddenCharacters(text) else { return }
        values.append((attribute, text))
      }
    }
    let written = Renderer.merged(element.attributes, overriddenBy: values) {
      AttributeTemplate(name: $0.name, prefix: $0.prefix, namespaceURI: $0.namespaceURI, value: [.literal($1)])
    }
    element.attributes = written
    element.dynamicAttributes = []
  }
}

extension Expression {
  /// The names this expression reads from its scope.
  var names: Set<String> {
    var found = Set<String>()
    collectNames(into: &found)
    return found
  }

  private func collectNames(into found: inout Set<String>) {
    switch self {
    case .literal: break
    case .name(let name, _): found.insert(name)
    case .member(let base, _, _), .negate(let base, _), .not(let base): base.collectNames(into: &found)
    case .index(let base, let key, _):
      base.collectNames(into: &found)
      key.collectNames(into: &found)
    case .list(let items): for item in items { item.collectNames(into: &found) }
    case .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b), .elvis(let a, let b):
      a.collectNames(into: &found)
      b.collectNames(into: &found)
    case .conditional(let a, let b, let c):
      a.collectNames(into: &found)
      b.collectNames(into: &found)
      c.collectNames(into: &found)
    case .filter(let input, _, let arguments, _):
      input.collectNames(into: &found)
      for argument in arguments { argument.collectNames(into: &found) }
    }
  }
}
