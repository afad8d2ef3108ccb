import Basics
import LibXML
import Vocabulary

extension Check {
  /// A reconciliation statement adds up: our balance (`ardoc:balance`), each reconciling item
  /// (`data-item-amount`) and what is not yet explained (`data-unexplained`) come to the
  /// customer's balance (`ardoc:their-balance`), which every figure of it shows; each row's
  /// cell (`item-amount`, `unexplained-amount`, `our-balance`) shows the amount the row adds;
  /// and it names the letter it answers as its metadata does. Part of the `amounts` rule.
  mutating func reconciliation() {
    guard let ours = Check.decimal(meta(.balance)), let theirs = Check.decimal(meta(.theirBalance)) else { return }
    let rows = itemRows
    let unexplained = rows.filter { $0.hasAttribute("data-unexplained") }
    if unexplained.count != 1 {
      add(
        "amounts",
        "a reconciliation statement needs one row with data-unexplained (what the items leave unexplained), not \(unexplained.count)",
        at: body)
    }
    var sum = ours
    for row in rows {
      let text = row.attribute("data-item-amount") ?? row.attribute("data-unexplained")
      guard let amount = Check.decimal(text), let added = try? sum.adding(amount) else {
        add("amounts", "the reconciling amount '\(text ?? "")' is not a plain decimal", at: row)
        return
      }
      sum = added
      // The cell a reader adds up says the amount the row adds.
      let cell = row.hasAttribute("data-item-amount") ? "item-amount" : "unexplained-amount"
      if let shown = Check.cells(of: row)[cell], Check.displayedAmount(shown) != amount {
        add(
          "amounts",
          "the \(cell == "item-amount" ? "reconciling item" : "unexplained difference") reads '\(shown)', but the row adds \(amount.formatted(places: 2))",
          at: row)
      }
    }
    for figure in field("our-balance") where Check.displayedAmount(figure.textContent) != ours {
      add(
        "amounts",
        "our balance reads '\(figure.textContent)', but \(MetaName.balance.rawValue) is \(ours.formatted(places: 2))",
        at: figure)
    }
    if sum != theirs {
      add(
        "amounts",
        "our balance \(ours.formatted(places: 2)), the items and what is unexplained add up to \(sum.formatted(places: 2)), but the customer's balance is \(theirs.formatted(places: 2))",
        at: rows.first?.parent)
    }
    for name in ["their-balance", "reconciled"] {
      let figures = field(name)
      if figures.isEmpty {
        add("amounts", "the customer's balance is missing (data-field=\"\(name)\")", at: body)
      }
      for figure in figures where Check.displayedAmount(figure.textContent) != theirs {
        add(
          "amounts",
          "the customer's balance reads '\(figure.textContent)', but \(MetaName.theirBalance.rawValue) is \(theirs.formatted(places: 2))",
          at: figure)
      }
    }
  }

  /// A document that answers or asks again about a letter (a statement, a second notice)
  /// names in its text (`data-field="letter"`) the letter of its `ardoc:letter`, by which its
  /// reply is recorded: a notice whose text names one letter and whose metadata another would
  /// have the customer's stamp recorded for the wrong one.
  mutating func letterShown(kind: String?) {
    guard let letter = meta(.letter) else { return }
    let what = kind == DocumentKind.reconciliation.rawValue ? "the statement" : "the document"
    for node in field("letter") where !Check.readsAs(node.textContent, letter) {
      add(
        "amounts", "\(what) names letter '\(node.textContent)', but \(MetaName.letter.rawValue) is \(letter)", at: node)
    }
  }
}
