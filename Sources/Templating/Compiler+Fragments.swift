import Basics
import LibXML

/// Partials, layouts and fragments: finding them, their parameters, filling their slots.
extension Compiler {
  // MARK: Fragments

  /// Compiles `path :: name(args)` (or `:: name` in the same file, or a whole `path`).
  func compileFragmentReference(
    _ attribute: SourceAttribute, context: Context, fills: [String: Element]
  ) -> FragmentCall? {
    let text = attribute.value
    let origin = attribute.origin
    let directive = "t:\(attribute.name)"
    let path: String
    var selector = ""
    var selectorOffset = 0
    let scalars = Array(text.unicodeScalars)
    if let colons = (0..<max(scalars.count - 1, 0)).first(where: { scalars[$0] == ":" && scalars[$0 + 1] == ":" }) {
      path = String(String.UnicodeScalarView(scalars[..<colons])).trimmed
      selector = String(String.UnicodeScalarView(scalars[(colons + 2)...]))
      selectorOffset = colons + 2
    } else {
      path = text.trimmed
    }
    let location = origin.location(atScalar: 0)

    let file: SourceFile
    if path.isEmpty {
      file = context.file
    } else {
      guard let loaded = loadPartial(path, from: context.file, at: location, directive: directive) else { return nil }
      file = loaded
    }

    // The selector: name, optionally followed by (arguments).
    var name = ""
    var positional: [Expression] = []
    var named: [(String, Expression, Int)] = []
    if !selector.trimmed.isEmpty {
      let scalars = Array(selector.unicodeScalars)
      var i = 0
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      let nameStart = i
      while i < scalars.count,
        scalars[i] == "_" || scalars[i] == "-" || scalars[i].properties.isAlphabetic
          || ("0"..."9").contains(scalars[i])
      {
        i += 1
      }
      name = String(String.UnicodeScalarView(scalars[nameStart..<i]))
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      if i < scalars.count {
        guard scalars[i] == "(", let close = scalars.lastIndex(of: ")"),
          scalars[(close + 1)...].allSatisfy({ $0.properties.isWhitespace })
        else {
          error(
            "\(directive) needs 'file :: fragment(arguments)', found '\(text.trimmed)'",
            at: origin.location(atScalar: selectorOffset + i))
          return nil
        }
        let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
        let innerOffset = selectorOffset + i + 1
        for (piece, offset) in splitTopLevel(inner, separator: ",") where !piece.trimmed.isEmpty {
          if let equals = findTopLevelEquals(piece),
            isIdentifier(String(piece.unicodeScalars.prefix(equals).map(Character.init)).trimmed)
          {
            let argName = String(piece.unicodeScalars.prefix(equals).map(Character.init)).trimmed
            let valueText = String(String.UnicodeScalarView(piece.unicodeScalars.dropFirst(equals + 1)))
            if let e = expression(valueText, origin: origin, offset: innerOffset + offset + equals + 1) {
              named.append((argName, e, innerOffset + offset))
            }
          } else if let e = expression(piece, origin: origin, offset: innerOffset + offset) {
            if !named.isEmpty {
              error(
                "positional arguments must come before named ones", at: origin.location(atScalar: innerOffset + offset))
            }
            positional.append(e)
          }
        }
      }
    }

    // Find the fragment element (or the whole file) and compile it.
    let target: SourceElement
    let declaration: (name: String, parameters: [String], defaults: [Expression?])
    if name.isEmpty {
      target = file.root
      declaration = ("", [], [])
    } else {
      let declared = fragmentDeclarations(in: file)
      let matches = declared.filter { $0.name == name }.map(\.element)
      guard let found = matches.first else {
        let available = declared.map(\.name)
        let hint = closestMatch(name, in: available).map { "; did you mean '\($0)'?" } ?? ""
        error("\(file.path) has no fragment '\(name)'\(hint)", at: location)
        return nil
      }
      if matches.count > 1 {
        error("\(file.path) declares fragment '\(name)' \(matches.count) times", at: location)
      }
      target = found
      guard let declared = found.directive("fragment"), let parsed = parseFragmentDeclaration(declared) else {
        return nil
      }
      declaration = parsed
    }

    let key = "\(file.path)::\(name)"
    if inProgress.contains(key) {
      let cycle = (inProgress.drop { $0 != key } + [key]).joined(separator: " → ")
      error("include cycle: \(cycle)", at: location)
      return nil
    }

    // Match arguments to parameters.
    var arguments: [Expression?] = declaration.defaults
    if positional.count > declaration.parameters.count {
      error(
        "fragment '\(name)' takes \(declaration.parameters.count) parameter\(declaration.parameters.count == 1 ? "" : "s"), not \(positional.count + named.count)",
        at: location)
      return nil
    }
    for (index, argument) in positional.enumerated() { arguments[index] = argument }
    for (argName, argument, offset) in named {
      guard let index = declaration.parameters.firstIndex(of: argName) else {
        let hint = closestMatch(argName, in: declaration.parameters).map { "; did you mean '\($0)'?" } ?? ""
        error("fragment '\(name)' has no parameter '\(argName)'\(hint)", at: origin.location(atScalar: offset))
        return nil
      }
      arguments[index] = argument
    }
    var resolved: [Expression] = []
    for (index, argument) in arguments.enumerated() {
      guard let argument else {
        error("fragment '\(name)' needs a value for parameter '\(declaration.parameters[index])'", at: location)
        return nil
      }
      resolved.append(argument)
    }

    inProgress.append(key)
    defer { inProgress.removeLast() }
    var fragmentContext = Context(file: file)
    fragmentContext.fills = fills
    if !fills.isEmpty {
      let slots = Set(
        target.descendants { $0.directive("slot") != nil }.compactMap { $0.directive("slot")?.value.trimmed })
      for (slot, filler) in fills.sorted(by: { $0.key < $1.key }) where !slots.contains(slot) {
        error(
          "the layout \(file.path) has no slot '\(slot)' (it has: \(slots.sorted().joined(separator: ", ")))",
          at: filler.location)
      }
    }
    guard let body = compileElement(target, context: fragmentContext, skip: ["fragment"]) else { return nil }
    return FragmentCall(name: name, parameters: declaration.parameters, arguments: resolved, body: body)
  }

  /// The elements of a file that declare a fragment, with its name, in document order; found
  /// once per file, as a template includes the same partial's fragments many times.
  func fragmentDeclarations(in file: SourceFile) -> [(name: String, element: SourceElement)] {
    if let known = fragmentsByFile[file.path] { return known }
    let declared = file.root.descendants { $0.directive("fragment") != nil }.compactMap { element in
      element.directive("fragment").map { (name: fragmentName($0.value), element: element) }
    }
    fragmentsByFile[file.path] = declared
    return declared
  }

  func fragmentName(_ declaration: String) -> String {
    let trimmed = declaration.trimmed
    return String(trimmed.prefix { $0 != "(" }).trimmed
  }

  /// `name(p1, p2 = default)`
  func parseFragmentDeclaration(_ attribute: SourceAttribute) -> (
    name: String, parameters: [String], defaults: [Expression?]
  )? {
    let text = attribute.value
    let name = fragmentName(text)
    guard isIdentifier(name) || name.allSatisfy({ $0 == "-" || $0 == "_" || $0.isLetter || $0.isNumber }) else {
      error(
        "t:fragment needs 'name' or 'name(parameters)', found '\(text)'", at: attribute.origin.location(atScalar: 0))
      return nil
    }
    guard let open = text.firstIndex(of: "(") else { return (name, [], []) }
    guard let close = text.lastIndex(of: ")"), close > open else {
      error("t:fragment parameters need a closing ')'", at: attribute.origin.location(atScalar: 0))
      return nil
    }
    let inner = String(text[text.index(after: open)..<close])
    let innerOffset = text[...open].unicodeScalars.count
    var parameters: [String] = []
    var defaults: [Expression?] = []
    for (piece, offset) in splitTopLevel(inner, separator: ",") where !piece.trimmed.isEmpty {
      let parameter: String
      if let equals = findTopLevelEquals(piece) {
        parameter = String(piece.unicodeScalars.prefix(equals).map(Character.init)).trimmed
        let valueText = String(String.UnicodeScalarView(piece.unicodeScalars.dropFirst(equals + 1)))
        defaults.append(expression(valueText, origin: attribute.origin, offset: innerOffset + offset + equals + 1))
      } else {
        parameter = piece.trimmed
        defaults.append(nil)
      }
      guard isIdentifier(parameter) else {
        error(
          "'\(parameter)' is not a valid parameter name", at: attribute.origin.location(atScalar: innerOffset + offset))
        return nil
      }
      parameters.append(parameter)
    }
    return (name, parameters, defaults)
  }
}
