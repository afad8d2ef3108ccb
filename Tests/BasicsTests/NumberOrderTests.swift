import Basics
import PropertyBased
import Testing

/// Document numbers in the order a person reads them (``NumberOrder``): a sequence that
/// outgrows its digits stays in order, and the order is a total one, so sorting is stable
/// whatever the input order.
@Suite struct NumberOrderTests {
  @Test func aSequencePastItsDigitsStaysInOrder() async {
    await propertyCheck(input: Gen.int(in: 1...120_000), Gen.int(in: 1...120_000)) { n, m in
      let a = "DZ-202611-" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
      let b = "DZ-202611-" + String(repeating: "0", count: max(0, 4 - String(m).count)) + String(m)
      #expect(NumberOrder.precedes(a, b) == (n < m))
    }
  }

  /// Strings over a small alphabet with digits, so that runs, zeros and prefixes collide.
  static let text = Gen.int(in: 0...4).array(of: 0...7).map { codes in
    String(codes.map { Array("0-19A")[$0] })
  }

  @Test func itIsATotalOrder() async {
    await propertyCheck(input: Self.text, Self.text, Self.text) { a, b, c in
      #expect(!NumberOrder.precedes(a, a))
      if a != b {
        // Exactly one of the two comes first.
        #expect(NumberOrder.precedes(a, b) != NumberOrder.precedes(b, a))
      } else {
        #expect(!NumberOrder.precedes(a, b))
      }
      if NumberOrder.precedes(a, b), NumberOrder.precedes(b, c) { #expect(NumberOrder.precedes(a, c)) }
    }
  }

  @Test func examples() {
    let sorted = ["DZ-202611-10000", "DZ-202611-9999", "DZ-202610-12000", "DZ-202611-0001", "DZ-202611-001", "CN-1"]
      .sorted(by: NumberOrder.precedes)
    #expect(
      sorted == ["CN-1", "DZ-202610-12000", "DZ-202611-001", "DZ-202611-0001", "DZ-202611-9999", "DZ-202611-10000"])
    #expect(NumberOrder.precedes("DZ-1", "DZ-1-A"))
    #expect(!NumberOrder.precedes("DZ-1-A", "DZ-1"))
    #expect(NumberOrder.precedes("", "0"))
  }
}
