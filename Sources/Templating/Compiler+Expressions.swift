import Basics
import LibXML
import Vocabulary

/// Expressions, interpolated text, bindings, loops and attribute lists, parsed where the
/// template writes them.
extension Compiler {
  func expression(_ text: String, origin: TextOrigin, offset: Int = 0) -> Expression? {
    let base = origin.location(atScalar: offset)
    do {
      var parser = try ExpressionParser(text, at: base, source: origin.text, filters: engine.filters)
      return try parser.parseComplete()
    } catch {
      self.error(error.message, at: origin.location(atScalar: offset + error.offset))
      return nil
    }
  }

  /// Splits `${...}` out of text; `$${` is a literal `${`.
  func interpolate(_ text: String, origin: TextOrigin) -> [TextPart] {
    guard text.contains("${") else { return [.literal(text)] }
    let scalars = Array(text.unicodeScalars)
    var parts: [TextPart] = []
    var literal = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      if scalars[i] == "$", i + 2 < scalars.count, scalars[i + 1] == "$", scalars[i + 2] == "{" {
        literal.append(contentsOf: "${".unicodeScalars)
        i += 3
        continue
      }
      guard scalars[i] == "$", i + 1 < scalars.count, scalars[i + 1] == "{" else {
        literal.append(scalars[i])
        i += 1
        continue
      }
      // The closing brace outside string literals.
      var j = scalars.count
      forEachOutsideStrings(scalars, from: i + 2) { index, c in
        guard c == "}" else { return true }
        j = index
        return false
      }
      guard j < scalars.count else {
        error("'${' is not closed by '}'; write '$${' for a literal '${'", at: origin.location(atScalar: i))
        literal.append(contentsOf: scalars[i...])
        break
      }
      if !literal.isEmpty {
        parts.append(.literal(String(literal)))
        literal = String.UnicodeScalarView()
      }
      let inner = String(String.UnicodeScalarView(scalars[(i + 2)..<j]))
      if let e = expression(inner, origin: origin, offset: i + 2) { parts.append(.expression(e)) }
      i = j + 1
    }
    if !literal.isEmpty { parts.append(.literal(String(literal))) }
    return parts
  }

  /// `a = expr; b = expr`
  func parseBindings(_ text: String, origin: TextOrigin) -> [Binding] {
    var bindings: [Binding] = []
    for (piece, offset) in splitTopLevel(text, separator: ";") where !piece.trimmed.isEmpty {
      guard let equals = findTopLevelEquals(piece) else {
        error("t:with needs 'name = expression', found '\(piece.trimmed)'", at: origin.location(atScalar: offset))
        continue
      }
      let name = String(piece.unicodeScalars.prefix(equals).map(Character.init)).trimmed
      guard isIdentifier(name) else {
        error("'\(name)' is not a valid name for t:with", at: origin.location(atScalar: offset))
        continue
      }
      let valueText = String(String.UnicodeScalarView(piece.unicodeScalars.dropFirst(equals + 1)))
      if let e = expression(valueText, origin: origin, offset: offset + equals + 1) {
        bindings.append(Binding(name: name, value: e))
      }
    }
    return bindings
  }

  /// `item in expr` or `item, status in expr`
  func parseLoop(_ text: String, origin: TextOrigin) -> Loop? {
    let scalars = Array(text.unicodeScalars)
    // " in " outside string literals.
    var inAt: Int?
    forEachOutsideStrings(scalars) { i, c in
      guard i + 3 < scalars.count, c.properties.isWhitespace, scalars[i + 1] == "i", scalars[i + 2] == "n",
        scalars[i + 3].properties.isWhitespace
      else { return true }
      inAt = i
      return false
    }
    guard let inAt else {
      error("t:each needs 'item in expression' (or 'item, status in expression')", at: origin.location(atScalar: 0))
      return nil
    }
    let names = String(String.UnicodeScalarView(scalars[0..<inAt])).split(separator: ",").map { String($0).trimmed }
    guard names.count <= 2, names.allSatisfy(isIdentifier) else {
      error("t:each names must be 'item' or 'item, status'", at: origin.location(atScalar: 0))
      return nil
    }
    let collectionText = String(String.UnicodeScalarView(scalars[(inAt + 4)...]))
    guard let collection = expression(collectionText, origin: origin, offset: inAt + 4) else { return nil }
    return Loop(item: names[0], status: names.count > 1 ? names[1] : "loop", collection: collection)
  }

  /// `name: expr, data-x: expr, xml:lang: expr`
  func parseAttributeList(_ text: String, origin: TextOrigin) -> [DynamicAttribute] {
    var result: [DynamicAttribute] = []
    for (piece, offset) in splitTopLevel(text, separator: ",") where !piece.trimmed.isEmpty {
      let scalars = Array(piece.unicodeScalars)
      var i = 0
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      let nameStart = i
      func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "-" || c == "." || c.properties.isAlphabetic || ("0"..."9").contains(c)
      }
      while i < scalars.count, isNameScalar(scalars[i]) { i += 1 }
      var name = String(String.UnicodeScalarView(scalars[nameStart..<i]))
      var prefix: String?
      var namespaceURI: String?
      if name == "xml", i + 1 < scalars.count, scalars[i] == ":", isNameScalar(scalars[i + 1]) {
        i += 1
        let localStart = i
        while i < scalars.count, isNameScalar(scalars[i]) { i += 1 }
        prefix = "xml"
        namespaceURI = xmlNamespaceURI
        name = String(String.UnicodeScalarView(scalars[localStart..<i]))
      }
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      guard !name.isEmpty, i < scalars.count, scalars[i] == ":" else {
        error("t:attr needs 'attribute: expression', found '\(piece.trimmed)'", at: origin.location(atScalar: offset))
        continue
      }
      let valueText = String(String.UnicodeScalarView(scalars[(i + 1)...]))
      if let e = expression(valueText, origin: origin, offset: offset + i + 1) {
        result.append(DynamicAttribute(name: name, prefix: prefix, namespaceURI: namespaceURI, value: e))
      }
    }
    return result
  }
}
