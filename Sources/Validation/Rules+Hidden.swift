import Basics

/// What a reader does not see does not count: a payment owner, a seal block or a figure that
/// the document hides (the `hidden` attribute, an inline style, or a rule of its `<style>` with
/// `display: none` or `visibility: hidden`, on it or on an element around it) is a finding, and
/// the other rules look only at what is shown. Other ways to hide text (white on white, a
/// zero size, off the page) are not recognised.
extension Check {
  /// Whether the bytes could hide anything: `hidden` (the attribute, or `visibility: hidden`),
  /// or `display` or `visibility` set to `none` or `collapse`, in any case. Without them nothing
  /// is hidden, and a render's outline stands (ardoc's own letters have none of them).
  static func mayHide(_ raw: [UInt8]) -> Bool {
    raw.withUnsafeBufferPointer { bytes in
      func at(_ index: Int, _ word: StaticString) -> Bool {
        word.withUTF8Buffer { wanted in
          guard index >= 0, index + wanted.count <= bytes.count else { return false }
          for offset in 0..<wanted.count where bytes[index + offset] | 0x20 != wanted[offset] { return false }
          return true
        }
      }
      /// Whether `property` ends just before `index`, spaces and a colon between.
      func after(_ property: StaticString, _ index: Int) -> Bool {
        var end = index
        while end > 0, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":")].contains(bytes[end - 1]) { end -= 1 }
        return at(end - property.utf8CodeUnitCount, property)
      }
      for index in bytes.indices {
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "h"): if at(index, "hidden") { return true }
        case UInt8(ascii: "n"): if at(index, "none"), after("display", index) { return true }
        case UInt8(ascii: "c"): if at(index, "collapse"), after("visibility", index) { return true }
        default: continue
        }
      }
      return false
    }
  }

  mutating func hiddenMarks() {
    guard Check.mayHide(raw) else { return }
    guard document.select("/*") != nil else {
      // A render's outline knows no element around a mark: the parsed bytes decide.
      incomplete = true
      return
    }
    let css = select("//*[local-name()='style']").map(\.textContent).joined(separator: "\n")
    let rules = HidingRules(css: css)
    /// The element that hides `node` (itself or one around it), or nil when it is shown.
    func hider(_ node: Node) -> Node? {
      var current: Node? = node
      while let element = current {
        if element.hasAttribute("hidden") || element.attribute("style").map(HidingRules.hides) == true
          || rules.hides(name: element.name, attribute: { element.attribute($0) })
        {
          return element
        }
        current = element.parent
      }
      return nil
    }
    func shown(_ nodes: [Node], _ what: (Node) -> String) -> [Node] {
      nodes.filter { node in
        guard let by = hider(node) else { return true }
        let how = by.path == node.path ? "by its own attributes or style" : "by \(by.path)"
        add(
          "hidden", "\(what(node)) is hidden from a reader (\(how)); what a reader does not see does not count",
          at: node)
        return false
      }
    }
    for name in fields.keys.sorted() {
      fields[name] = shown(fields[name] ?? []) { _ in "data-field=\"\(name)\"" }
    }
    for role in sealsByRole.keys.sorted() {
      sealsByRole[role] = shown(sealsByRole[role] ?? []) { _ in "the \(role) seal block" }
    }
    amountRows = shown(amountRows) { row in
      "the data-amount row" + (row.attribute("data-invoice").map { " of '\($0)'" } ?? "")
    }
    claimRows = shown(claimRows) { _ in "a claim row" }
    periodRows = shown(periodRows) { _ in "an interest period row" }
    itemRows = shown(itemRows) { _ in "a reconciling item row" }
  }
}
