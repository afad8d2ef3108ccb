import Basics

/// What a document's styles hide: the selectors of the rules that set `display: none` or
/// `visibility: hidden`, in the simple forms a letter's stylesheet uses (a tag, classes and
/// attributes such as `[data-seal]`). A selector is matched by its last compound alone, and an
/// attribute operator other than `=` by the attribute's presence, so a rule matches more here
/// than in a browser; selectors beyond these forms (pseudo-classes with arguments, strings
/// holding braces) are not read exactly.
struct HidingRules {
  struct Selector {
    var tag: String?
    var classes: [String] = []
    var attributes: [(name: String, value: String?)] = []
  }

  private(set) var selectors: [Selector] = []

  /// The rules of `css` (the text of the document's `<style>` elements).
  init(css: String) {
    var text = css
    // Comments out.
    while let open = text.range(of: "/*") {
      let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)?.upperBound ?? text.endIndex
      text.removeSubrange(open.lowerBound..<close)
    }
    for rule in text.split(separator: "}") {
      // The last `{` opens the declarations; what stands between it and the one before is the
      // selector list (an `@media print {` before it is its block).
      let parts = rule.split(separator: "{", omittingEmptySubsequences: false)
      guard parts.count >= 2, Self.hides(String(parts[parts.count - 1])) else { continue }
      for selector in parts[parts.count - 2].split(separator: ",") {
        if let parsed = Self.lastCompound(String(selector)) { selectors.append(parsed) }
      }
    }
  }

  /// Elements whose content a browser does not show by default: the non-rendered ones, and
  /// those whose children are only fallback for what they play or embed (`video`, `canvas`,
  /// `iframe`, `object`).
  static let hiddenKinds: Set<String> = [
    "template", "noscript", "script", "style", "head", "video", "audio", "canvas", "iframe", "object",
  ]

  /// Whether declarations (or an inline `style`) hide the element.
  static func hides(_ declarations: String) -> Bool {
    // An escape can spell any keyword: counted as hiding.
    if declarations.contains("\\") { return true }
    var text = declarations
    while let open = text.range(of: "/*") {
      let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)?.upperBound ?? text.endIndex
      text.removeSubrange(open.lowerBound..<close)
    }
    let compact = String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    // A custom property (`display: var(--d)`) can hold any keyword: counted as hiding.
    return compact.contains("display:none") || compact.contains("visibility:hidden")
      || compact.contains("visibility:collapse") || compact.contains("display:var(")
      || compact.contains("visibility:var(")
  }

  static func lastCompound(_ selector: String) -> Selector? {
    // Spaces inside `[...]` are no combinators.
    var joined = ""
    var depth = 0
    for character in selector {
      if character == "[" { depth += 1 }
      if character == "]" { depth = max(0, depth - 1) }
      if depth > 0 && (character == " " || character == "\t" || character == "\n") { continue }
      joined.append(character)
    }
    let compounds = joined.split(whereSeparator: {
      $0 == " " || $0 == ">" || $0 == "+" || $0 == "~" || $0 == "\n" || $0 == "\t"
    })
    guard let last = compounds.last else { return nil }
    var result = Selector()
    var rest = Substring(last)
    // A pseudo-element (`::after`, and the old `:before`, `:after`) is generated content: a
    // rule that hides it hides none of the element's own text.
    let lowered = rest.lowercased()
    if lowered.contains("::") || lowered.hasSuffix(":before") || lowered.hasSuffix(":after") { return nil }
    // Pseudo-classes are left out: the element is matched more widely.
    if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
    var tag = ""
    while let first = rest.first, first != "." && first != "[" && first != "#" {
      tag.append(first)
      rest = rest.dropFirst()
    }
    if !tag.isEmpty && tag != "*" { result.tag = tag.lowercased() }
    while let first = rest.first {
      rest = rest.dropFirst()
      switch first {
      case ".":
        let name = rest.prefix { $0 != "." && $0 != "[" && $0 != "#" }
        result.classes.append(String(name))
        rest = rest.dropFirst(name.count)
      case "[":
        let inside = rest.prefix { $0 != "]" }
        rest = rest.dropFirst(inside.count + 1)
        let pieces = inside.split(separator: "=", maxSplits: 1)
        let rawName = pieces.first.map(String.init) ?? ""
        let name = String(rawName.filter { !"~|^$*".contains($0) })
        // A plain `=` compares the value; `^=`, `*=` and the others are read as presence
        // alone, which matches more.
        let plain = !rawName.contains(where: { "~|^$*".contains($0) })
        let value = pieces.count > 1 && plain ? String(pieces[1]).trimmingCharacters(in: "\"' ") : nil
        result.attributes.append((name.trimmingCharacters(in: " "), value))
      default:
        // An id (`#x`): the element with that id.
        let name = rest.prefix { $0 != "." && $0 != "[" && $0 != "#" }
        result.attributes.append(("id", String(name)))
        rest = rest.dropFirst(name.count)
      }
    }
    return result
  }

  /// Whether a rule hides an element of this name with these attributes.
  func hides(name: String, attribute: (String) -> String?) -> Bool {
    selectors.contains { selector in
      if let tag = selector.tag, tag != name.lowercased() { return false }
      let classes = (attribute("class") ?? "").split(whereSeparator: {
        $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
      })
      .map(String.init)
      for wanted in selector.classes where !classes.contains(wanted) { return false }
      for (wanted, value) in selector.attributes {
        guard let actual = attribute(wanted) else { return false }
        if let value, actual != value { return false }
      }
      return true
    }
  }
}
