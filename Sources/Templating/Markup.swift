/// The serializer's rules, written once: how text, attribute values and tags become bytes.
///
/// They are libxml2's own (`xmlsave.c`, the version docs/design.md section 10 measures),
/// so a document written here is byte for byte what libxml2 writes for the tree a parser
/// reads back from it: XML mode for any root, XHTML mode for an XHTML `<html>` root (the
/// empty-element forms, the content-type meta, `lang`/`xml:lang`, `name`/`id`, boolean
/// attributes).
enum Markup {
  enum Mode: Sendable {
    /// `<?xml ...?>` first, empty elements as `<x/>`.
    case xml
    /// `<!DOCTYPE html>` first and the XHTML 1.0 appendix C rules an HTML parser needs.
    case xhtml
  }

  /// Elements written `<br />` when empty in XHTML mode (libxml2's `xhtmlIsEmpty`).
  static let voidElements: Set<String> = [
    "area", "br", "base", "basefont", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param",
  ]

  /// Attributes an empty value of which is written as the attribute's name in XHTML mode.
  static let booleanAttributes: Set<String> = [
    "checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref", "noresize", "noshade",
    "nowrap", "readonly", "selected",
  ]

  /// Elements on which a `name` without an `id` is repeated as `id` in XHTML mode.
  static let namedElements: Set<String> = ["a", "p", "div", "img", "map", "applet", "form", "frame", "iframe"]

  /// The meta libxml2 adds to an XHTML head that does not declare its content type.
  static let contentTypeMeta = Array(#"<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />"#.utf8)
  static let contentTypeMetaMayHide = HidingScan.mayHide(contentTypeMeta)

  // MARK: Escaping

  /// What text content escapes: `<`, `>`, `&` and carriage return.
  @inline(__always)
  static func textEscape(_ byte: UInt8) -> StaticString? {
    switch byte {
    case UInt8(ascii: "<"): return "&lt;"
    case UInt8(ascii: ">"): return "&gt;"
    case UInt8(ascii: "&"): return "&amp;"
    case 0x0D: return "&#13;"
    default: return nil
    }
  }

  /// Appends text content: ``textEscape(_:)``'s bytes escaped, everything else as is.
  @inline(__always)
  static func appendText(_ text: String, to out: inout [UInt8]) {
    append(text, to: &out, replacing: textEscape)
  }

  /// Appends an attribute value: also `"` and the whitespace a parser would normalize.
  static func appendAttribute(_ value: String, to out: inout [UInt8]) {
    append(value, to: &out) { byte -> StaticString? in
      switch byte {
      case UInt8(ascii: "\""): return "&quot;"
      case 0x0A: return "&#10;"
      case 0x09: return "&#9;"
      default: return textEscape(byte)
      }
    }
  }

  /// The one escaping scan: runs of bytes that need none are copied whole.
  @inline(__always)
  private static func append(
    _ text: String, to out: inout [UInt8], replacing replacement: (UInt8) -> StaticString?
  ) {
    text.withUTF8Bytes { bytes in
      var start = 0
      for index in 0..<bytes.count {
        guard let escaped = replacement(bytes[index]) else { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        escaped.withUTF8Buffer { out.append(contentsOf: $0) }
        start = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
  }

  // MARK: Tags

  /// One attribute as written: its qualified name, whether it is in a namespace, its value.
  struct Attribute {
    var name: String
    var prefix: String?
    var namespaceURI: String?
    var value: String
    var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

    func isNamed(_ local: String, inNamespace uri: String?) -> Bool {
      name == local && namespaceURI == uri
    }
  }

  /// `<name` with its namespace declarations and attributes, without the closing `>`.
  static func startTag(
    qualifiedName: String, localName: String, declarations: [(prefix: String?, uri: String)],
    attributes: [Attribute], mode: Mode
  ) -> [UInt8] {
    var out: [UInt8] = [UInt8(ascii: "<")]
    out.append(contentsOf: qualifiedName.utf8)
    for declaration in declarations {
      out.append(contentsOf: " xmlns".utf8)
      if let prefix = declaration.prefix {
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: prefix.utf8)
      }
      out.append(UInt8(ascii: "="))
      appendQuoted(declaration.uri, to: &out)
    }
    appendAttributes(attributes, element: localName, mode: mode, to: &out)
    return out
  }

  /// The attributes of a start tag; in XHTML mode with libxml2's appendix C additions.
  static func appendAttributes(_ attributes: [Attribute], element: String, mode: Mode, to out: inout [UInt8]) {
    var lang: String?
    var xmlLang: String?
    var name: String?
    var hasID = false
    for attribute in attributes {
      var value = attribute.value
      if mode == .xhtml {
        if attribute.isNamed("id", inNamespace: nil) {
          hasID = true
        } else if attribute.isNamed("name", inNamespace: nil) {
          name = value
        } else if attribute.isNamed("lang", inNamespace: nil) {
          lang = value
        } else if attribute.name == "lang", attribute.prefix == "xml" {
          xmlLang = value
        } else if attribute.namespaceURI == nil, value.isEmpty, booleanAttributes.contains(attribute.name.lowercased())
        {
          value = attribute.name
        }
      }
      out.append(UInt8(ascii: " "))
      out.append(contentsOf: attribute.qualifiedName.utf8)
      out.append(contentsOf: "=\"".utf8)
      appendAttribute(value, to: &out)
      out.append(UInt8(ascii: "\""))
    }
    guard mode == .xhtml else { return }
    if let name, !hasID, namedElements.contains(element) {
      out.append(contentsOf: " id=\"".utf8)
      appendAttribute(name, to: &out)
      out.append(UInt8(ascii: "\""))
    }
    if let lang, xmlLang == nil {
      out.append(contentsOf: " xml:lang=\"".utf8)
      appendAttribute(lang, to: &out)
      out.append(UInt8(ascii: "\""))
    } else if let xmlLang, lang == nil {
      out.append(contentsOf: " lang=\"".utf8)
      appendAttribute(xmlLang, to: &out)
      out.append(UInt8(ascii: "\""))
    }
  }

  /// A namespace name in quotes: double, or single when it holds a double quote.
  static func appendQuoted(_ text: String, to out: inout [UInt8]) {
    // By bytes: a quote a combining mark follows is one Character with it, equal to neither.
    if text.utf8.contains(UInt8(ascii: "\"")) {
      if text.utf8.contains(UInt8(ascii: "'")) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: text.replacingAll("\"", with: "&quot;").utf8)
        out.append(UInt8(ascii: "\""))
      } else {
        out.append(UInt8(ascii: "'"))
        out.append(contentsOf: text.utf8)
        out.append(UInt8(ascii: "'"))
      }
    } else {
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: text.utf8)
      out.append(UInt8(ascii: "\""))
    }
  }

  /// The document's first bytes, before the root element.
  static func prologue(mode: Mode, rootName: String) -> [UInt8] {
    switch mode {
    case .xml: return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    case .xhtml: return Array("<!DOCTYPE \(rootName)>\n".utf8)
    }
  }
}

/// The renderer's escaping, for markup written around rendered documents (a print bundle's
/// title and each letter's number), so that both escape alike.
public enum MarkupEscaping {
  /// `value` as an attribute value or element content: `&`, `<`, `>`, `"` and the whitespace a
  /// parser would normalize written as references.
  ///
  /// ```swift
  /// MarkupEscaping.attribute("A&B \"1\"")  // "A&amp;B &quot;1&quot;"
  /// ```
  public static func attribute(_ value: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(value.utf8.count)
    Markup.appendAttribute(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}
