import Basics
import PropertyBased
import Testing

@Suite struct ZeroPaddedTests {
  @Test func padsToTheWidthAndNeverCuts() {
    #expect(7.zeroPadded(to: 4) == "0007")
    #expect(0.zeroPadded(to: 2) == "00")
    #expect(2026.zeroPadded(to: 4) == "2026")
    #expect(12345.zeroPadded(to: 4) == "12345")
    #expect(5.zeroPadded(to: 0) == "5")
    #expect((-5).zeroPadded(to: 3) == "-005")
  }

  /// What C's `%0Nd` writes for a non-negative number, for every width a number pattern allows.
  @Test func agreesWithPrintfForWidthsOfNumberPatterns() async {
    await propertyCheck(input: Gen.int(in: 0...999_999_999_999), Gen.int(in: 1...12)) { n, width in
      let digits = String(n)
      #expect(
        n.zeroPadded(to: width) == String(repeating: "0", count: max(0, width - digits.count)) + digits)
      #expect(Int(n.zeroPadded(to: width)) == n)
      #expect(n.zeroPadded(to: width).count == max(width, digits.count))
    }
  }
}
