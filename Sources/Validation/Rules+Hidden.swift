import Basics

/// What a reader does not see does not count: a payment owner, a seal block or a figure that
/// the document hides is a finding, and the other rules look only at what is shown. Hidden
/// means: the `hidden` attribute, an inline style or a rule of its `<style>` with `display:
/// none` or `visibility: hidden`, on it or on an element around it; inside an element that a
/// browser does not show by default (`template`, `noscript`, `script`, `style`, `head`, a
/// `dialog` or `details` not open); or holding such an element (its text would read otherwise
/// than it shows). A stylesheet from elsewhere (`<link>`, `@import`) is a finding of its own:
/// what it hides cannot be known. Other ways to hide text (white on white, a zero size, off the
/// page) are not recognised.
extension Check {
  mutating func hiddenMarks() {
    let tree = document.select("/*") != nil
    // A render's outline knows no element around a mark: when its bytes could hide anything,
    // the parsed bytes decide.
    guard tree else {
      if document.mayHide { incomplete = true }
      return
    }
    let css = select("//*[local-name()='style']").map(\.textContent).joined(separator: "\n")
    let linked = select("//*[local-name()='link'][contains(translate(@rel, 'STYLEHET', 'stylehet'), 'stylesheet')]")
    if !linked.isEmpty || css.lowercased().contains("@import") {
      add(
        "hidden",
        "the document loads a stylesheet from elsewhere (<link rel=\"stylesheet\"> or @import), which could hide what a reader is told; put its rules in the document's <style>",
        at: linked.first ?? head)
    }
    let rules = HidingRules(css: css)
    /// Whether the element itself is hidden, by attribute, style or its kind.
    func hides(_ element: Node) -> Bool {
      let name = element.name.lowercased()
      if HidingRules.hiddenKinds.contains(name) { return true }
      if ["dialog", "details"].contains(name), !element.hasAttribute("open") { return true }
      return element.hasAttribute("hidden") || element.attribute("style").map(HidingRules.hides) == true
        || rules.hides(name: element.name, attribute: { element.attribute($0) })
    }
    /// The element that hides `node` (itself, one around it or one inside it), or nil when
    /// all of it is shown.
    func hider(_ node: Node) -> Node? {
      var current: Node? = node
      while let element = current {
        if hides(element) { return element }
        current = element.parent
      }
      return node.elements(where: { $0.path != node.path && hides($0) }).first
    }
    func shown(_ nodes: [Node], _ what: (Node) -> String) -> [Node] {
      nodes.filter { node in
        guard let by = hider(node) else { return true }
        let how = by.path == node.path ? "by its own attributes, style or kind" : "by \(by.path)"
        add(
          "hidden",
          "\(what(node)) is hidden from a reader, in whole or in part (\(how)); what a reader does not see does not count",
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
    installmentRows = shown(installmentRows) { _ in "an installment row" }
  }
}
