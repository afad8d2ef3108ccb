import CLibXML2

/// An XPath expression that libxml2 could not compile or evaluate.
public struct XPathError: Error, Equatable, Sendable, CustomStringConvertible {
  public let expression: String
  public let message: String
  public var description: String { "XPath '\(expression)': \(message)" }
}

private final class XPathErrors {
  var messages: [String] = []
}

/// XPath 1.0 has no escape inside a string literal: a text with `'` is quoted with `"`, one
/// with both is built with `concat()`.
///
/// ```swift
/// xpathLiteral("don't")  // "\"don't\""
/// ```
public func xpathLiteral(_ text: String) -> String {
  if !text.contains("'") { return "'" + text + "'" }
  if !text.contains("\"") { return "\"" + text + "\"" }
  let parts = text.split(separator: "'", omittingEmptySubsequences: false).map { "'" + $0 + "'" }
  return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
}

extension XMLDocument {
  /// The nodes an XPath 1.0 expression selects, in document order.
  ///
  /// ```swift
  /// let seals = try doc.select("//h:*[@data-seal]", namespaces: ["h": "http://www.w3.org/1999/xhtml"])
  /// ```
  public func select(
    _ expression: String, namespaces: [String: String] = [:], from node: XMLNode? = nil
  ) throws(XPathError) -> [XMLNode] {
    LibXMLRuntime.prepareThread()
    guard let context = xmlXPathNewContext(pointer) else {
      throw XPathError(expression: expression, message: "out of memory")
    }
    defer { xmlXPathFreeContext(context) }
    let errors = XPathErrors()
    let unmanaged = Unmanaged.passRetained(errors)
    defer { unmanaged.release() }
    context.pointee.userData = unmanaged.toOpaque()
    context.pointee.error = { userData, error in
      guard let userData, let error else { return }
      let errors = Unmanaged<XPathErrors>.fromOpaque(userData).takeUnretainedValue()
      errors.messages.append(
        error.pointee.message.map { String(cString: $0).trimmingTrailingNewlines } ?? "error")
    }
    for (prefix, uri) in namespaces {
      xmlXPathRegisterNs(context, prefix, uri)
    }
    if let node {
      context.pointee.node = node.pointer
    }
    guard let result = xmlXPathEvalExpression(expression, context) else {
      throw XPathError(
        expression: expression, message: errors.messages.first ?? "invalid expression")
    }
    defer { xmlXPathFreeObject(result) }
    guard result.pointee.type == XPATH_NODESET else {
      throw XPathError(expression: expression, message: "does not select nodes")
    }
    guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
    return (0..<Int(set.pointee.nodeNr)).compactMap { index in
      set.pointee.nodeTab[index].map { XMLNode(document: self, pointer: $0) }
    }
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var copy = self
    while copy.last == "\n" { copy.removeLast() }
    return copy
  }
}
