import Basics
import LibXML

#if canImport(Glibc)
  import Glibc
#endif

/// One render: walks the compiled tree, evaluates directives in their fixed order
/// (with, each, if/unless, switch/case, text/insert/replace, attr, remove) and writes the
/// output with a ``MarkupWriter``, so every value lands in the document as escaped text,
/// never as markup.
final class Renderer {
  static let maxDiagnostics = 100

  let evaluator: Evaluator
  var diagnostics: [TemplateDiagnostic] = []

  init(evaluator: Evaluator) {
    self.evaluator = evaluator
  }

  // `fallback` is an autoclosure throughout: a location holds two strings, and copying one
  // for every evaluation (to be used only in a message) was a measurable share of a render.
  func report(_ error: EvaluationError, fallback: @autoclosure () -> SourceLocation?) {
    guard diagnostics.count < Renderer.maxDiagnostics else { return }
    let location = error.location ?? fallback() ?? SourceLocation(file: "", line: 0, column: 0, lineText: "")
    let diagnostic = TemplateDiagnostic(error.message, at: location)
    // A loop repeats the same mistake once per item; one report is enough.
    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
  }

  func evaluate(_ expression: Expression, in scope: Scope, fallback: @autoclosure () -> SourceLocation?)
    -> TemplateValue?
  {
    do {
      return try evaluator.evaluate(expression, in: scope)
    } catch {
      report(error, fallback: fallback())
      return nil
    }
  }

  /// The text form of an expression's value written into the document.
  func text(of expression: Expression, in scope: Scope, fallback: @autoclosure () -> SourceLocation?) -> String? {
    guard let value = evaluate(expression, in: scope, fallback: fallback()) else { return nil }
    return text(of: value, from: expression, fallback: fallback())
  }

  /// Text, number and boolean values have a text form; a null (when strict), a list or an
  /// object do not, and neither does text with characters XML cannot carry.
  func text(of value: TemplateValue, from expression: Expression, fallback: @autoclosure () -> SourceLocation?)
    -> String?
  {
    var what: String { expression.pathDescription.map { "'\($0)'" } ?? "the expression" }
    guard let text = value.text else {
      if value == .null, !evaluator.strict { return "" }
      let advice =
        value == .null
        ? "use '?:' or '| default(...)' to say what to write instead"
        : "write one of its members, or use a filter such as join or count"
      report(
        EvaluationError(
          message: "\(what) is \(value.typeName), which cannot be written as text; \(advice)",
          location: expression.location),
        fallback: fallback())
      return nil
    }
    if Renderer.mayHoldForbiddenCharacters(text), let bad = text.unicodeScalars.first(where: \.isForbiddenInXML) {
      report(
        EvaluationError(
          message:
            "\(what) contains \(bad.refusedName), which an XML document cannot hold; remove it from the data",
          location: expression.location),
        fallback: fallback())
      return nil
    }
    return text
  }

  /// A fast byte scan: whether the text holds a character XML cannot carry (a control other
  /// than tab, newline and carriage return, or U+FFFE/U+FFFF, whose UTF-8 is EF BF BE/BF).
  /// Full-width punctuation (U+FF08, U+FF1A) also starts with 0xEF, so most Chinese texts
  /// reach the byte-by-byte part; there the two bytes after 0xEF decide.
  static func mayHoldForbiddenCharacters(_ text: String) -> Bool {
    text.withUTF8Bytes { bytes in
      var index = 0
      // Eight bytes at a time while none is below 0x20 or 0xEF (the lead byte of U+FFFE and
      // U+FFFF); from the first word that has one, byte by byte.
      if let base = bytes.baseAddress {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
          let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
          let below20 = (word &- ones &* 0x20) & ~word & highs
          let ef = word ^ (ones &* 0xEF)
          let isEF = (ef &- ones) & ~ef & highs
          if below20 | isEF != 0 { break }
          index += 8
        }
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
        if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] & 0xFE == 0xBE {
          return true
        }
        index += 1
      }
      return false
    }
  }

  func render(_ node: Node, in scope: Scope, switchState: SwitchState? = nil, into writer: inout MarkupWriter) {
    switch node {
    case .text(let parts):
      let expression = parts.lazy.compactMap { part -> Expression? in
        if case .expression(let e) = part { return e } else { return nil }
      }.first
      write(joined(parts, in: scope, fallback: nil), from: expression, fallback: nil, into: &writer)
    case .comment(let text):
      writer.comment(text)
    case .element(let element):
      render(element, in: scope, switchState: switchState, into: &writer)
    case .run(let run):
      writer.run(run)
    }
  }

  /// Writes text content; inside an XHTML `<style>` or `<script>`, text with `<`, `&` or `]]>`
  /// is refused: an HTML reader takes that text as is, so no form of it reads the same as XML
  /// (and `]]>` as is is not XML).
  func write(
    _ text: String, from expression: Expression?, fallback: @autoclosure () -> SourceLocation?,
    into writer: inout MarkupWriter
  ) {
    if writer.depth == writer.rawTextDepth, Renderer.holdsMarkup(text) {
      let what = expression?.pathDescription.map { "'\($0)'" } ?? "the text"
      report(
        EvaluationError(
          message:
            "\(what) holds '<', '&' or ']]>', which cannot be written inside <style> or <script>: a browser reading the document as HTML would not read it as written; remove them from the stylesheet or script",
          location: expression?.location),
        fallback: fallback())
      return
    }
    writer.text(text)
  }

  /// Whether text holds `<`, `&` or `]]>` (memchr: a stylesheet is thousands of bytes).
  static func holdsMarkup(_ text: String) -> Bool {
    text.withUTF8Bytes { bytes in
      guard let base = bytes.baseAddress else { return false }
      if memchr(base, Int32(UInt8(ascii: "<")), bytes.count) != nil
        || memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil
      {
        return true
      }
      var offset = 0
      while offset < bytes.count, let hit = memchr(base + offset, Int32(UInt8(ascii: ">")), bytes.count - offset) {
        let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        if at >= 2, bytes[at - 1] == UInt8(ascii: "]"), bytes[at - 2] == UInt8(ascii: "]") { return true }
        offset = at + 1
      }
      return false
    }
  }

  func joined(_ parts: [TextPart], in scope: Scope, fallback: @autoclosure () -> SourceLocation?) -> String {
    if parts.count == 1, case .literal(let text) = parts[0] { return text }
    var result = ""
    for part in parts {
      switch part {
      case .literal(let text): result += text
      case .expression(let expression):
        result += text(of: expression, in: scope, fallback: fallback()) ?? ""
      }
    }
    return result
  }

  /// Tracks `t:case` among the children of one `t:switch` element.
  final class SwitchState {
    let value: TemplateValue
    var matched = false
    init(value: TemplateValue) { self.value = value }
  }

  func render(_ element: Element, in outer: Scope, switchState: SwitchState?, into writer: inout MarkupWriter) {
    if element.remove == .all { return }
    var scope = outer
    if element.directives.contains(.bindings), !element.bindings.isEmpty {
      // Each binding sees the ones before it.
      var frame: [(name: String, value: TemplateValue)] = []
      for binding in element.bindings {
        guard let value = evaluate(binding.value, in: scope.pushing(frame), fallback: element.location) else {
          return
        }
        frame.append((binding.name, value))
      }
      scope = scope.pushing(frame)
    }
    guard element.directives.contains(.loop), let loop = element.loop else {
      renderOnce(element, in: scope, switchState: switchState, into: &writer)
      return
    }
    guard let collection = evaluate(loop.collection, in: scope, fallback: element.location) else { return }
    let items: [TemplateValue]
    switch collection {
    case .array(let values): items = values
    case .object(let members):
      items = members.sorted { $0.key < $1.key }.map { .object(["key": .string($0.key), "value": $0.value]) }
    case .null where !evaluator.strict:
      items = []
    default:
      let what = loop.collection.pathDescription.map { "'\($0)'" } ?? "the expression"
      report(
        EvaluationError(
          message: "t:each needs a list, but \(what) is \(collection.typeName)", location: loop.collection.location),
        fallback: element.location)
      return
    }
    for (index, item) in items.enumerated() {
      // Loops within loops can multiply a document past any use (and past the memory): the
      // render stops where it passes the limit, and says which loop.
      guard writer.bytes.count <= Template.largestOutput else {
        report(
          EvaluationError(
            message:
              "the document passed \(Template.largestOutput >> 20) MiB while this t:each repeated; a document is some kilobytes: check the loops around it",
            location: element.location),
          fallback: element.location)
        return
      }
      renderOnce(
        element, in: scope.pushingItem(loop.item, value: item, status: loop.status, index: index, count: items.count),
        switchState: switchState, into: &writer)
    }
  }

  func renderOnce(_ element: Element, in scope: Scope, switchState: SwitchState?, into writer: inout MarkupWriter) {
    let directives = element.directives
    if directives.contains(.condition) {
      switch element.condition {
      case .when(let condition)?:
        guard let value = evaluate(condition, in: scope, fallback: element.location), value.isTruthy else { return }
      case .unless(let condition)?:
        guard let value = evaluate(condition, in: scope, fallback: element.location), !value.isTruthy else { return }
      case nil:
        break
      }
    }
    if directives.contains(.caseValue), let caseValue = element.caseValue, let switchState {
      if switchState.matched { return }
      switch caseValue {
      case .otherwise: break
      case .value(let expression):
        guard let value = evaluate(expression, in: scope, fallback: element.location), value == switchState.value else {
          return
        }
      }
      switchState.matched = true
    }
    var childSwitch: SwitchState?
    if directives.contains(.switchValue), let switchValue = element.switchValue {
      guard let value = evaluate(switchValue, in: scope, fallback: element.location) else { return }
      childSwitch = SwitchState(value: value)
    }
    if directives.contains(.replacement), let replacement = element.replacement {
      renderFragment(replacement, in: scope, at: element.location, into: &writer)
      return
    }

    let writeTag = !element.isBlock && element.remove != .tag
    let tag = element.tag
    if writeTag {
      writer.start(tag, attributes: tag.attributes == nil ? attributes(element, in: scope) : nil)
    }
    if element.remove != .body {
      switch element.content {
      case .children(let children):
        // By index, so that each child is lent to its render: a for-in loop copies each node
        // out of the array, a retain and a release per node.
        for index in children.indices { render(children[index], in: scope, switchState: childSwitch, into: &writer) }
      case .text(let expression):
        if let text = text(of: expression, in: scope, fallback: element.location) {
          write(text, from: expression, fallback: element.location, into: &writer)
        }
      case .fragment(let call):
        renderFragment(call, in: scope, at: element.location, into: &writer)
      }
    }
    if writeTag { writer.end(tag) }
  }

  /// The element's attributes as written (see ``merged(_:overriddenBy:make:)``); a `t:attr`
  /// value that cannot be written as text is reported and left out.
  func attributes(_ element: Element, in scope: Scope) -> [Markup.Attribute] {
    let dynamic = element.directives.contains(.dynamicAttributes) ? element.dynamicAttributes : []
    var values: [(DynamicAttribute, String?)] = []
    values.reserveCapacity(dynamic.count)
    for attribute in dynamic {
      guard let value = evaluate(attribute.value, in: scope, fallback: element.location) else { continue }
      switch value {
      case .null, .bool(false): values.append((attribute, nil))
      case .bool(true): values.append((attribute, attribute.name))
      default: values.append((attribute, self.text(of: value, from: attribute.value, fallback: element.location)))
      }
    }
    func written(_ attribute: AttributeTemplate) -> Markup.Attribute {
      Markup.Attribute(
        name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI,
        value: joined(attribute.value, in: scope, fallback: element.location))
    }
    func written(_ attribute: DynamicAttribute, _ text: String) -> Markup.Attribute {
      Markup.Attribute(
        name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI, value: text)
    }
    // What the merge would give, known when the template was compiled: the kept own
    // attributes, then each `t:attr` with a text.
    if let kept = element.keptOwnAttributes {
      var attributes: [Markup.Attribute] = []
      attributes.reserveCapacity(kept.count + values.count)
      for index in kept { attributes.append(written(element.attributes[index])) }
      for case (let attribute, let text?) in values { attributes.append(written(attribute, text)) }
      return attributes
    }
    return Renderer.merged(element.attributes.map(written), overriddenBy: values, make: written)
  }

  /// The own attributes (their indices) that ``merged(_:overriddenBy:make:)`` keeps whatever
  /// the `t:attr` values, when it replaces none of them and no `t:attr` replaces another:
  /// then the merge is those, followed by each `t:attr` with a text. Nil otherwise.
  static func keptOwnAttributes(_ own: [AttributeTemplate], overriddenBy dynamic: [DynamicAttribute]) -> [Int]? {
    let kept = own.indices.filter { index in
      !dynamic.contains { $0.name == own[index].name && $0.prefix == own[index].prefix }
    }
    for (position, attribute) in dynamic.enumerated() {
      let sameNamed = { (name: String, uri: String?) in name == attribute.name && uri == attribute.namespaceURI }
      if kept.contains(where: { sameNamed(own[$0].name, own[$0].namespaceURI) }) { return nil }
      if dynamic[..<position].contains(where: { sameNamed($0.name, $0.namespaceURI) }) { return nil }
    }
    return kept
  }

  /// How `t:attr` combines with an element's own attributes, for a render and for constants
  /// folded in alike: the own ones in order, less any a `t:attr` names; then each `t:attr`
  /// with a text (nil: null, false, or no text form, which leaves it out), replacing one
  /// already written of its name or added after them.
  static func merged<A: NamedAttribute>(
    _ own: [A], overriddenBy values: [(DynamicAttribute, String?)], make: (DynamicAttribute, String) -> A
  ) -> [A] {
    var written = own.filter { attribute in
      !values.contains { $0.0.name == attribute.name && $0.0.prefix == attribute.prefix }
    }
    for case (let attribute, let text?) in values {
      let entry = make(attribute, text)
      if let index = written.firstIndex(where: { $0.name == entry.name && $0.namespaceURI == entry.namespaceURI }) {
        written[index] = entry
      } else {
        written.append(entry)
      }
    }
    return written
  }

  func renderFragment(
    _ call: FragmentCall, in scope: Scope, at location: SourceLocation, into writer: inout MarkupWriter
  ) {
    var frame: [(name: String, value: TemplateValue)] = []
    for (parameter, argument) in zip(call.parameters, call.arguments) {
      guard let value = evaluate(argument, in: scope, fallback: location) else { return }
      frame.append((parameter, value))
    }
    render(call.body, in: scope.pushing(frame), switchState: nil, into: &writer)
  }
}

/// An attribute by its name, prefix and namespace: a written one or a template's.
protocol NamedAttribute {
  var name: String { get }
  var prefix: String? { get }
  var namespaceURI: String? { get }
}

extension Markup.Attribute: NamedAttribute {}
extension AttributeTemplate: NamedAttribute {}
