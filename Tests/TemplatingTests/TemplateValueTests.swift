import Basics
import Templating
import Testing

@Suite struct TemplateValueTests {
  /// A literal's later key replaces an earlier one, as in a JSON object read by the data loader.
  @Test func aLiteralsLaterKeyWins() {
    let value = TemplateValue(dictionaryLiteral: ("a", 1), ("b", "two"), ("a", 3))
    #expect(value == .object(["a": .number(ExactDecimal(3)), "b": .string("two")]))
    let empty: TemplateValue = [:]
    #expect(empty == .object([:]))
  }
}
