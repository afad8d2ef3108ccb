import Basics
import Foundation
import Testing

@Suite struct StringBytesTests {
  /// The bytes `withUTF8` gives, for a small string, a large native one, a substring's copy and
  /// one made by Foundation.
  @Test func theSameBytesAsWithUTF8() {
    let large = String(repeating: "对账函 DZ-202611-0001 ", count: 20)
    let texts = ["", "C001", "对账", large, String(large.dropFirst(3)), NSString(string: large) as String]
    for text in texts {
      var copy = text
      let expected = copy.withUTF8 { Array($0) }
      #expect(text.withUTF8Bytes { Array($0) } == expected)
      #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
    }
  }
}
