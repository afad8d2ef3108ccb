import Foundation
import PropertyBased
import Testing

@testable import Workflows

@Suite struct CheckedLetterTests {
  @Test func spaceAtAnEnd() {
    #expect(CheckedLetter.hasSpaceAtAnEnd(" DZ-202611-0001"))
    #expect(CheckedLetter.hasSpaceAtAnEnd("DZ-202611-0001\u{3000}"))
    #expect(CheckedLetter.hasSpaceAtAnEnd("DZ-202611-0001\n"))
    #expect(!CheckedLetter.hasSpaceAtAnEnd("DZ 202611 0001"))
    #expect(!CheckedLetter.hasSpaceAtAnEnd("DZ-202611-0001"))
    #expect(!CheckedLetter.hasSpaceAtAnEnd(""))
  }

  /// The same verdict as trimming and comparing, for numbers of letters, digits, dashes and
  /// every kind of space and line break.
  @Test func agreesWithTrimming() async {
    let alphabet: [Character] = [
      "D", "Z", "-", "0", "9", "号", " ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}",
    ]
    await propertyCheck(input: Gen.int(in: 0...Int.max)) { seed in
      var rest = seed
      var number = ""
      for _ in 0..<(seed % 7) {
        rest /= alphabet.count
        number.append(alphabet[rest % alphabet.count])
      }
      #expect(
        CheckedLetter.hasSpaceAtAnEnd(number) == (number.trimmingCharacters(in: .whitespacesAndNewlines) != number),
        "\(Array(number.unicodeScalars))")
    }
  }
}
