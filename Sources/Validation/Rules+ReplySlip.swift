import Basics
import LibXML
import Vocabulary

extension Check {
  /// A confirmation's reply slip is cut off and returned alone: what it says of the letter it
  /// answers (`reply-number`, `reply-customer`, `reply-balance`) must be the letter's own, or
  /// the returned slip confirms another letter or another amount. Part of the `amounts` rule.
  mutating func replySlip(kind: String?) {
    // A confirmation's slip names all three: a template that dropped one (and showed another
    // figure in its place) would send a slip the rules never read.
    if kind == DocumentKind.confirmation.rawValue {
      for name in ["reply-number", "reply-customer", "reply-balance"] where field(name).isEmpty {
        add(
          "amounts", "the reply slip lacks \(name) (data-field=\"\(name)\"), which the returned slip must state",
          at: body)
      }
    }
    if let number = meta(.number) {
      for node in field("reply-number") where !Check.readsAs(node.textContent, number) {
        add("amounts", "the reply slip names letter '\(node.textContent)', but this letter is \(number)", at: node)
      }
    }
    if let balance = Check.decimal(meta(.balance)) {
      for node in field("reply-balance") where Check.displayedAmount(node.textContent) != balance {
        add(
          "amounts",
          "the reply slip states the balance '\(node.textContent)', but \(MetaName.balance.rawValue) is \(balance.formatted(places: 2))",
          at: node)
      }
    }
    if let customer = field("customer").first?.textContent {
      for node in field("reply-customer") where !Check.readsAs(node.textContent, customer) {
        add(
          "amounts", "the reply slip names '\(node.textContent)', but the letter is addressed to '\(customer)'",
          at: node)
      }
    }
  }
}
