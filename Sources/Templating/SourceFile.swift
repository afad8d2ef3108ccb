import Basics
import LibXML

/// A template file parsed by libxml2, turned into plain Swift values with locations.
struct SourceFile {
  let path: String
  let text: SourceText
  let root: SourceElement
}

indirect enum SourceNode {
  case element(SourceElement)
  /// Text with a function from a scalar offset in it to its location.
  case text(String, TextOrigin)
  case comment(String)
}

/// Where a decoded string (text or attribute value) starts in the source.
struct TextOrigin {
  let text: SourceText
  /// Byte offset of the first character, or nil when unknown (use `fallback`).
  let start: Int?
  let fallback: SourceLocation

  func location(atScalar offset: Int) -> SourceLocation {
    guard let start else { return fallback }
    return text.location(ofByte: SourceMap.byteOffset(in: text, from: start, decodedScalars: offset))
  }
}

struct SourceAttribute {
  let name: String
  let prefix: String?
  let namespaceURI: String?
  let value: String
  let origin: TextOrigin
  var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

struct SourceElement {
  let name: String
  let prefix: String?
  let namespaceURI: String?
  let attributes: [SourceAttribute]
  let children: [SourceNode]
  let location: SourceLocation
  var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

  func directive(_ name: String) -> SourceAttribute? {
    attributes.first { $0.namespaceURI == templateNamespace && $0.name == name }
  }

  /// Elements in this subtree, this one first, in document order.
  func descendants(where predicate: (SourceElement) -> Bool) -> [SourceElement] {
    var found: [SourceElement] = []
    if predicate(self) { found.append(self) }
    for case .element(let child) in children {
      found.append(contentsOf: child.descendants(where: predicate))
    }
    return found
  }
}

extension SourceFile {
  /// Parses `bytes` with the hardened parser and maps every node to its source position.
  static func load(bytes: [UInt8], path: String, limits: XMLParseLimits) throws(TemplateError) -> SourceFile {
    let text = SourceText(file: path, bytes: bytes)
    let document: XMLDocument
    do {
      document = try XMLDocument.parse(bytes, file: path, limits: limits)
    } catch {
      throw TemplateError(
        error.diagnostics.map {
          TemplateDiagnostic($0.message, at: text.location(line: max($0.line, 1), column: $0.column))
        })
    }
    guard let root = document.root else {
      throw TemplateError([
        TemplateDiagnostic("the template has no root element", at: text.location(line: 1, column: 1))
      ])
    }
    let map = SourceMap(text)
    var builder = Builder(text: text, map: map)
    let element = builder.convert(root)
    return SourceFile(path: path, text: text, root: element)
  }

  struct Builder {
    let text: SourceText
    let map: SourceMap
    var elementIndex = 0
    var textIndex = 0

    mutating func convert(_ node: XMLNode) -> SourceElement {
      let mapped = elementIndex < map.elements.count ? map.elements[elementIndex] : nil
      elementIndex += 1
      let location =
        mapped.map { text.location(ofByte: $0.offset) } ?? text.location(line: node.line, column: 1)
      let attributes = node.attributes.map { attribute in
        let start = mapped?.attributeValues[attribute.qualifiedName]
        return SourceAttribute(
          name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI,
          value: attribute.value,
          origin: TextOrigin(text: text, start: start, fallback: location))
      }
      var children: [SourceNode] = []
      for child in node.children {
        switch child.kind {
        case .element:
          children.append(.element(convert(child)))
        case .text, .cdata:
          let run = textIndex < map.textRuns.count ? map.textRuns[textIndex] : nil
          textIndex += 1
          children.append(
            .text(
              child.textContent,
              TextOrigin(text: text, start: run?.start, fallback: text.location(line: child.line, column: 1))))
        case .comment:
          children.append(.comment(child.textContent))
        default:
          break
        }
      }
      return SourceElement(
        name: node.name, prefix: node.prefix, namespaceURI: node.namespaceURI,
        attributes: attributes, children: children, location: location)
    }
  }
}
