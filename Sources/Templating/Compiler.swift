import Basics
import LibXML
import Vocabulary

/// Turns parsed template files into the immutable compiled form, collecting every error
/// it can find in one pass: unknown directives, bad expressions, missing partials, cycles.
final class Compiler {
  static let attributeDirectives: Set<String> = [
    "with", "each", "if", "unless", "switch", "case", "text", "attr", "remove", "insert",
    "replace", "fragment", "layout", "fill", "slot",
  ]
  static let elementDirectives: Set<String> = ["block"]

  let engine: TemplateEngine
  /// Values that are the same at every render, folded in (``Specializer``), and the locale
  /// their filters are applied in.
  var constants: [String: TemplateValue] = [:]
  var constantLocale: String?
  var diagnostics: [TemplateDiagnostic] = []
  var files: [String: SourceFile] = [:]
  /// Each file's fragment declarations (``fragmentDeclarations(in:)``), by path.
  var fragmentsByFile: [String: [(name: String, element: SourceElement)]] = [:]
  /// Fragments being compiled, outermost first: a repeat is an include cycle.
  var inProgress: [String] = []

  /// Per-file state while compiling one element tree.
  struct Context {
    let file: SourceFile
    /// Fillers for `t:slot`, by slot name, when compiling a layout for a page.
    var fills: [String: Element] = [:]
  }

  init(engine: TemplateEngine) {
    self.engine = engine
  }

  func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(TemplateDiagnostic(message, at: location))
  }

  // MARK: Entry points

  func compileMain(path: String) throws(TemplateError) -> Template {
    let resolved = FileBytes.exists(path) ? path : (resolve(path) ?? path)
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(resolved, limit: engine.limits.maxBytes)
    } catch {
      throw TemplateError([
        TemplateDiagnostic(
          "cannot read template: \(error.reason)", at: SourceLocation(file: path, line: 0, column: 0, lineText: ""))
      ])
    }
    return try compileMain(source: bytes, name: resolved)
  }

  func compileMain(source: [UInt8], name: String) throws(TemplateError) -> Template {
    let file = try SourceFile.load(bytes: source, path: name, limits: engine.limits)
    files[name] = file
    let root = compileRoot(file.root, context: Context(file: file))
    if !diagnostics.isEmpty { throw TemplateError(sorted(diagnostics, mainFile: name)) }
    let isXHTML = file.root.namespaceURI == xhtmlNamespace && file.root.name == "html"
    var specializer = Specializer(
      evaluator: Evaluator(
        context: FilterContext(locale: constantLocale ?? DocumentLocale.standard.rawValue), strict: true))
    var planner = Planner(mode: isXHTML ? .xhtml : .xml, outline: engine.outline)
    return Template(
      file: name, replicas: [planner.plan(specializer.specialize(root, TemplateMembers(constants)))], isXHTML: isXHTML,
      constantLocale: constantLocale)
  }

  func sorted(_ diagnostics: [TemplateDiagnostic], mainFile: String) -> [TemplateDiagnostic] {
    // The main file first, then partials in the order they were reached; by position inside.
    var order: [String: Int] = [mainFile: 0]
    for d in diagnostics where order[d.location.file] == nil { order[d.location.file] = order.count }
    return diagnostics.enumerated().sorted { a, b in
      let fa = order[a.element.location.file] ?? 0
      let fb = order[b.element.location.file] ?? 0
      if fa != fb { return fa < fb }
      if a.element.location.line != b.element.location.line { return a.element.location.line < b.element.location.line }
      if a.element.location.column != b.element.location.column {
        return a.element.location.column < b.element.location.column
      }
      return a.offset < b.offset
    }.map(\.element)
  }

  /// The root may carry `t:layout`: the page is then the layout with the page's fills.
  func compileRoot(_ element: SourceElement, context: Context) -> Node {
    if let layout = element.directive("layout") {
      var fills: [String: Element] = [:]
      for filler in element.descendants(where: { $0.directive("fill") != nil }) {
        guard let fill = filler.directive("fill") else { continue }
        let name = fill.value.trimmed
        guard !name.isEmpty else { continue }
        if fills[name] != nil {
          error("slot '\(name)' is filled twice", at: fill.origin.location(atScalar: 0))
          continue
        }
        if let compiled = compileElement(filler, context: context, skip: ["fill"]) { fills[name] = compiled }
      }
      checkDirectives(element, allowed: ["layout", "fill"])
      guard let call = compileFragmentReference(layout, context: context, fills: fills) else {
        return .element(Element(name: element.name, location: element.location))
      }
      let host = Element(name: element.name, location: element.location)
      host.replacement = call
      return .element(host)
    }
    return compileElement(element, context: context).map(Node.element)
      ?? .element(Element(name: element.name, location: element.location))
  }

  // MARK: Elements

  func checkDirectives(_ element: SourceElement, allowed: Set<String>) {
    for attribute in element.attributes where attribute.namespaceURI == templateNamespace {
      if !Compiler.attributeDirectives.contains(attribute.name) {
        let hint =
          closestMatch(attribute.name, in: Compiler.attributeDirectives).map { "; did you mean 't:\($0)'?" } ?? ""
        error(
          "unknown directive '\(attribute.qualifiedName)'\(hint)",
          at: attributeLocation(attribute, in: element))
      } else if !allowed.contains(attribute.name) {
        error(
          "'\(attribute.qualifiedName)' cannot be combined with t:layout on the same element",
          at: attributeLocation(attribute, in: element))
      }
    }
  }

  /// The location of an attribute's name: just before its value's opening quote.
  func attributeLocation(_ attribute: SourceAttribute, in element: SourceElement) -> SourceLocation {
    let valueStart = attribute.origin.location(atScalar: 0)
    guard attribute.origin.start != nil else { return element.location }
    let nameLength = attribute.qualifiedName.unicodeScalars.count
    let column = max(1, valueStart.column - nameLength - 2)
    return SourceLocation(file: valueStart.file, line: valueStart.line, column: column, lineText: valueStart.lineText)
  }

  func compileElement(_ source: SourceElement, context: Context, skip: Set<String> = []) -> Element? {
    if let slot = source.directive("slot"), let filler = context.fills[slot.value.trimmed] {
      return filler
    }
    let element = Element(
      name: source.name, prefix: source.prefix, namespaceURI: source.namespaceURI,
      location: source.location)
    if source.namespaceURI == templateNamespace {
      guard Compiler.elementDirectives.contains(source.name) else {
        error("unknown directive element <\(source.qualifiedName)>; the only one is <t:block>", at: source.location)
        return nil
      }
      element.isBlock = true
    }

    for attribute in source.attributes {
      guard attribute.namespaceURI == templateNamespace else {
        element.attributes.append(
          AttributeTemplate(
            name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI,
            value: interpolate(attribute.value, origin: attribute.origin)))
        continue
      }
      if skip.contains(attribute.name) { continue }
      let value = attribute.value
      let origin = attribute.origin
      switch attribute.name {
      case "with":
        element.bindings = parseBindings(value, origin: origin)
      case "each":
        element.loop = parseLoop(value, origin: origin)
      case "if":
        if element.condition != nil {
          error("t:if and t:unless cannot both be used on one element", at: attributeLocation(attribute, in: source))
        }
        if let e = expression(value, origin: origin) { element.condition = .when(e) }
      case "unless":
        if element.condition != nil {
          error("t:if and t:unless cannot both be used on one element", at: attributeLocation(attribute, in: source))
        }
        if let e = expression(value, origin: origin) { element.condition = .unless(e) }
      case "switch":
        element.switchValue = expression(value, origin: origin)
      case "case":
        if value.trimmed == "*" {
          element.caseValue = .otherwise
        } else if let e = expression(value, origin: origin) {
          element.caseValue = .value(e)
        }
      case "text":
        if let e = expression(value, origin: origin) { element.content = .text(e) }
      case "attr":
        element.dynamicAttributes = parseAttributeList(value, origin: origin)
      case "remove":
        if let mode = RemoveMode(rawValue: value.trimmed) {
          element.remove = mode
        } else {
          error(
            "t:remove must be 'all', 'tag', 'body' or 'none', not '\(value)'",
            at: origin.location(atScalar: 0))
        }
      case "insert":
        if let call = compileFragmentReference(attribute, context: context, fills: [:]) {
          element.content = .fragment(call)
        }
      case "replace":
        element.replacement = compileFragmentReference(attribute, context: context, fills: [:])
      case "fragment", "slot", "fill":
        break  // Declarations: read by whoever includes or fills this element.
      case "layout":
        error("t:layout belongs on the root element of a page", at: attributeLocation(attribute, in: source))
      default:
        let hint =
          closestMatch(attribute.name, in: Compiler.attributeDirectives).map { "; did you mean 't:\($0)'?" } ?? ""
        error("unknown directive '\(attribute.qualifiedName)'\(hint)", at: attributeLocation(attribute, in: source))
      }
    }

    let exclusive = ["text", "insert", "replace"].filter { source.directive($0) != nil }
    if exclusive.count > 1 {
      error(
        "t:\(exclusive[0]) and t:\(exclusive[1]) both set the element's content; use one",
        at: source.location)
    }

    if case .children = element.content, element.remove != .all {
      element.content = .children(compileChildren(source.children, context: context))
    }
    return element
  }

  func compileChildren(_ children: [SourceNode], context: Context) -> [Node] {
    var nodes: [Node] = []
    for child in children {
      switch child {
      case .element(let element):
        if let compiled = compileElement(element, context: context) { nodes.append(.element(compiled)) }
      case .text(let text, let origin):
        nodes.append(.text(interpolate(text, origin: origin)))
      case .comment(let text):
        nodes.append(.comment(text))
      }
    }
    return nodes
  }

  // MARK: Files

  /// Looks `path` up in the engine's roots, in order.
  func resolve(_ path: String) -> String? {
    for root in engine.roots {
      let candidate = root.hasSuffix("/") ? root + path : root + "/" + path
      if FileBytes.exists(candidate), !FileBytes.isFolder(candidate) { return candidate }
    }
    return nil
  }

  func loadPartial(_ path: String, from including: SourceFile, at location: SourceLocation, directive: String)
    -> SourceFile?
  {
    if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
      error(
        "\(directive) path '\(path)' must be relative to the template folders and cannot contain '..'", at: location)
      return nil
    }
    var candidates: [String] = []
    if let found = resolve(path) { candidates.append(found) }
    if let slash = including.path.lastIndex(of: "/") {
      candidates.append(String(including.path[...slash]) + path)
    } else {
      candidates.append(path)
    }
    guard let resolved = candidates.first(where: { FileBytes.exists($0) && !FileBytes.isFolder($0) }) else {
      let searched = engine.roots.isEmpty ? "" : " (searched: \(engine.roots.joined(separator: ", ")))"
      error("missing partial '\(path)'\(searched)", at: location)
      return nil
    }
    if let cached = files[resolved] { return cached }
    do {
      let bytes = try FileBytes.read(resolved, limit: engine.limits.maxBytes)
      let file = try SourceFile.load(bytes: bytes, path: resolved, limits: engine.limits)
      files[resolved] = file
      return file
    } catch let failure as FileBytes.Failure {
      error("cannot read partial '\(path)': \(failure.reason)", at: location)
    } catch let failure as TemplateError {
      diagnostics.append(contentsOf: failure.diagnostics)
    } catch {
      self.error("cannot read partial '\(path)': \(error)", at: location)
    }
    return nil
  }
}

// MARK: - Static subtrees
