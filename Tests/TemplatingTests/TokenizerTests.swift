import Basics
import Testing

@testable import Templating

@Suite struct TokenizerTests {
  /// The ASCII shortcuts say what the Unicode properties say, for every scalar up to U+3100
  /// (Latin, Greek, Cyrillic, the general punctuation's spaces, CJK punctuation, kana).
  @Test func classesAgreeWithUnicodeProperties() {
    for value in UInt32(0)...0x3100 {
      guard let c = Unicode.Scalar(value) else { continue }
      let alphabetic = c.properties.isAlphabetic
      #expect(Tokenizer.isWhitespace(c) == c.properties.isWhitespace, "U+\(String(value, radix: 16))")
      #expect(Tokenizer.startsIdentifier(c) == (c == "_" || c == "$" || alphabetic), "U+\(String(value, radix: 16))")
      #expect(
        Tokenizer.continuesIdentifier(c) == (c == "_" || c == "$" || alphabetic || c.properties.numericType != nil),
        "U+\(String(value, radix: 16))")
    }
  }

  @Test func tokensAndOffsets() throws {
    let tokens = try Tokenizer.tokenize(Array("a?:b != 名称2\u{3000}<= 'x\\n' (1.50)$_".unicodeScalars))
    #expect(
      tokens == [
        Token(kind: .identifier("a"), offset: 0), Token(kind: .symbol("?:"), offset: 1),
        Token(kind: .identifier("b"), offset: 3), Token(kind: .symbol("!="), offset: 5),
        Token(kind: .identifier("名称2"), offset: 8), Token(kind: .symbol("<="), offset: 12),
        Token(kind: .string("x\n"), offset: 15), Token(kind: .symbol("("), offset: 21),
        Token(kind: .number(try ExactDecimal(parsing: "1.50")), offset: 22), Token(kind: .symbol(")"), offset: 26),
        Token(kind: .identifier("$_"), offset: 27), Token(kind: .end, offset: 29),
      ])
  }

  @Test func unexpectedCharacter() {
    do {
      _ = try Tokenizer.tokenize(Array("a #".unicodeScalars))
      Issue.record("'#' was taken")
    } catch {
      #expect(error.offset == 2)
      #expect(error.message == "unexpected character '#'")
    }
  }

  @Test func trimmedDropsUnicodeWhiteSpaceAtTheEnds() {
    #expect(" \u{3000}\t付款 责任人\u{3000}\n".trimmed == "付款 责任人")
    #expect("e\u{301} ".trimmed == "e\u{301}")
    #expect(" \u{85}\u{A0} ".trimmed == "")
    #expect("".trimmed == "")
  }
}
