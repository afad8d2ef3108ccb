import Basics
import PropertyBased
import Testing

@Suite struct ExactDecimalTests {
  func d(_ text: String) throws -> ExactDecimal { try ExactDecimal(parsing: text) }

  @Test func keepsTheScaleItWasWrittenWith() throws {
    #expect(try d("1200000.00").description == "1200000.00")
    #expect(try d("0.5").description == "0.5")
    #expect(try d("-0.05").description == "-0.05")
    #expect(try d("-0").description == "0")
    #expect(try d("007").description == "7")
  }

  @Test func comparesByValue() throws {
    #expect(try d("1.5") == d("1.50"))
    #expect(try d("-2") < d("-1.99"))
    #expect(try d("10") > d("9.999999"))
    #expect(Set([try d("1.5"), try d("1.500")]).count == 1)
  }

  @Test(arguments: [
    (
      "1e9",
      "'1e9' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "1,000.00",
      "'1,000.00' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "¥1000",
      "'¥1000' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "+5",
      "'+5' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "1.",
      "'1.' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      ".5",
      "'.5' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "",
      "'' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    ),
    (
      "1234567890123456789012345678901234567890",
      "'1234567890123456789012345678901234567890' has more than 38 significant digits or 30 decimal places"
    ),
  ])
  func refusesAnythingButPlainDecimals(text: String, message: String) {
    #expect(throws: DecimalError.self) { try ExactDecimal(parsing: text) }
    do {
      _ = try ExactDecimal(parsing: text)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func arithmeticIsExact() throws {
    #expect(try d("0.1").adding(d("0.2")) == d("0.3"))
    #expect(try d("1200000.00").multiplied(by: d("0.30")).description == "360000.0000")
    #expect(try d("100.00").subtracting(d("100.01")).description == "-0.01")
    #expect(try d("1").divided(by: d("3"), scale: 2).description == "0.33")
    #expect(try d("2").divided(by: d("3"), scale: 2).description == "0.67")
    #expect(try d("-2").divided(by: d("3"), scale: 4).description == "-0.6667")
    #expect(throws: DecimalError.divisionByZero) { try d("1").divided(by: .zero, scale: 2) }
  }

  @Test func roundsHalfAwayFromZero() throws {
    #expect(try d("2.345").rounded(scale: 2).description == "2.35")
    #expect(try d("2.3449").rounded(scale: 2).description == "2.34")
    #expect(try d("-2.345").rounded(scale: 2).description == "-2.35")
    #expect(try d("0.005").rounded(scale: 2).description == "0.01")
    #expect(try d("12.5").rounded(scale: 0).description == "13")
  }

  @Test func overflowIsAnErrorNotAWrap() throws {
    let big = try d("99999999999999999999999999999999999999")
    #expect(throws: DecimalError.overflow) { try big.adding(big) }
    #expect(throws: DecimalError.overflow) { try big.multiplied(by: d("10")) }
  }

  @Test func formatsWithGroupingAndPlaces() throws {
    #expect(try d("1234567.5").formatted(places: 2) == "1,234,567.50")
    #expect(try d("-1234.565").formatted(places: 2) == "-1,234.57")
    #expect(try d("999.995").formatted(places: 2) == "1,000.00")
    #expect(try d("0").formatted(places: 2) == "0.00")
    #expect(try d("100").formatted(places: 0, grouping: false) == "100")
  }

  @Test func addingThenSubtractingGivesTheSameValue() async {
    let cents = Gen.int(in: -1_000_000_000_000...1_000_000_000_000)
    await propertyCheck(input: cents, cents) { a, b in
      let x = ExactDecimal(significand: Int128(a), scale: 2)
      let y = ExactDecimal(significand: Int128(b), scale: 2)
      #expect((try? x.adding(y).subtracting(y)) == x)
      #expect((try? ExactDecimal(parsing: x.description)) == x)
    }
  }
}
