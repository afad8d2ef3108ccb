import PropertyBased
import Testing

@testable import Ledger

/// `Fields.asciiShape` answers in one pass what three scans answered: whether the text is
/// ASCII, all blanks, and holds a control character XML forbids.
@Suite struct TextShapeTests {
  static let pieces: [Character] = [
    " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "a", "0", "-", "\u{85}", "é", "对", "😀",
    "\r\n",
  ]

  @Test func oneByteScanAgreesWithTheScans() async {
    await propertyCheck(input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...12)) { picks in
      let text = String(picks.map { Self.pieces[$0] })
      let expected: (blank: Bool, control: Bool)? =
        text.utf8.allSatisfy({ $0 < 0x80 })
        ? (
          text.utf8.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }),
          text.unicodeScalars.contains(where: \.isForbiddenInXML)
        ) : nil
      let shape = Fields.asciiShape(text)
      #expect(shape?.blank == expected?.blank, "\(picks)")
      #expect(shape?.control == expected?.control, "\(picks)")
      #expect((shape == nil) == (expected == nil), "\(picks)")
    }
  }

  @Test func examples() {
    #expect(Fields.asciiShape("") ?? (false, true) == (true, false))
    #expect(Fields.asciiShape(" \t\r\n") ?? (false, true) == (true, false))
    #expect(Fields.asciiShape("a\u{01}") ?? (true, false) == (false, true))
    #expect(Fields.asciiShape("a\u{7F}") ?? (true, true) == (false, false))
    #expect(Fields.asciiShape("对") == nil)
  }
}
