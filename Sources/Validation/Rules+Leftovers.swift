import Basics
import Ledger
import LibXML
import Vocabulary

extension Check {
  // MARK: leftovers

  /// No template directive, no unrendered `${`, no sample text. A `${` or a sample marker
  /// that is part of a value the ledger holds (a customer named `${customer.name}`, a contact
  /// 张三丰) is data, printed as given: with a ledger, the ledger's strings are taken out of a
  /// text or attribute before it is searched. A template cannot leave `${` behind unnoticed
  /// either way: the compiler refuses an unclosed `${` with its file:line:col, and evaluates
  /// every closed one.
  mutating func leftovers() {
    let template = templateNamespaceURI
    if contains(template) || contains(" t:") || contains("<t:") {
      let xpath =
        "//*[namespace-uri()='\(template)' or @*[namespace-uri()='\(template)'] or @*[starts-with(name(), 't:')] or starts-with(name(), 't:')]"
      for node in select(xpath).prefix(5) {
        add("leftovers", "a template directive is left in the document", at: node)
      }
    }
    if contains("${") {
      let data = validator.ledger?.strings(containing: "${") ?? []
      let texts = select("//text()[contains(., '${')]").filter { Check.leftOver("${", in: $0.textContent, data) }
      for node in texts.prefix(5) {
        add("leftovers", "an unrendered expression '${' is left in the text", at: node.parent)
      }
      let elements = select("//*[@*[contains(., '${')]]").filter { element in
        element.attributeValues.contains { Check.leftOver("${", in: $0, data) }
      }
      for node in elements.prefix(5) {
        add("leftovers", "an unrendered expression '${' is left in an attribute", at: node)
      }
    }
    for marker in Validator.sampleMarkers where shownText.holds(marker) {
      let data = validator.ledger?.strings(containing: marker) ?? []
      // Decided on the document's whole shown text (an occurrence a ledger value covers is data); then located.
      guard Check.leftOver(marker, in: shownText, data) else { continue }
      // Ancestors come first in document order, so the last element whose own text shows it
      // outside the ledger's values is the deepest. A document without a tree has none: the
      // finding at the body sends the check to the parsed bytes.
      let literal = xpathLiteral(marker)
      let hits = select("\(ShownXPath.elements)[contains(., \(literal))]")
      let node = hits.last { Check.leftOver(marker, in: $0.textContent, data) } ?? body
      // Without a ledger nothing tells a real name (a contact 张三) from sample text.
      let hint = validator.ledger == nil ? "; if it is a name or value from the ledger, validate with the ledger" : ""
      add("leftovers", "sample text '\(marker)' is left in the document\(hint)", at: node)
    }
  }

  /// Whether `fragment` appears in `text` somewhere no ledger value in `data` covers: an
  /// occurrence inside a value the ledger holds (a contact 张三丰) is data, printed as given.
  /// By bytes and by coverage, so neither the order the values are tried in nor a character
  /// joined to the fragment (a combining mark, a joiner) changes the answer, and more text
  /// around it can only cover more.
  static func leftOver(_ fragment: String, in text: String, _ data: [String]) -> Bool {
    leftOver(fragment, in: Array(text.utf8), data)
  }

  static func leftOver(_ fragment: String, in text: [UInt8], _ data: [String]) -> Bool {
    let needle = Array(fragment.utf8)
    var covered: [Range<Int>] = []
    for value in data {
      let bytes = Array(value.utf8)
      var from = 0
      while let hit = ByteSearch.find(bytes, in: text, from: from) {
        covered.append(hit..<(hit + bytes.count))
        from = hit + 1
      }
    }
    var from = 0
    while let hit = ByteSearch.find(needle, in: text, from: from) {
      if !covered.contains(where: { $0.lowerBound <= hit && hit + needle.count <= $0.upperBound }) { return true }
      from = hit + 1
    }
    return false
  }
}

extension Ledger {
  /// Every string the ledger holds that contains `fragment` (names, addresses, contacts,
  /// numbers, notes: any field), found by walking the value, so a field added to the model
  /// later is covered without a list to keep up to date. Only called for a document that
  /// holds `fragment` at all.
  func strings(containing fragment: String) -> [String] {
    var found = Set<String>()
    func walk(_ value: Any, depth: Int) {
      guard depth < 32 else { return }
      if let text = value as? String {
        if text.contains(fragment) { found.insert(text) }
        return
      }
      for child in Mirror(reflecting: value).children { walk(child.value, depth: depth + 1) }
    }
    walk(self, depth: 0)
    return Array(found)
  }
}
