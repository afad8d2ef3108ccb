import Basics
import PropertyBased
import Testing

@Suite struct JSONReaderTests {
  func parse(_ text: String) throws -> JSONNode { try JSONReader.parse(Array(text.utf8)) }

  @Test func keepsNumbersAsWrittenAndPositions() throws {
    let node = try parse("{\n  \"amount\": 1200000.00,\n  \"名称\": \"华东\", \"n\": [1, -2.5e3, null, true]\n}")
    #expect(node["amount"]?.value == .number("1200000.00"))
    #expect(node["amount"]?.line == 2)
    #expect(node["amount"]?.column == 13)
    #expect(node["名称"]?.value == .string("华东"))
    #expect(node["n"]?.column == 20)  // characters, not bytes: 名称 and 华东 count 2 each
    guard case .array(let items)? = node["n"]?.value else {
      Issue.record("not an array")
      return
    }
    #expect(items.map(\.value) == [.number("1"), .number("-2.5e3"), .null, .bool(true)])
  }

  @Test func decodesEscapes() throws {
    #expect(try parse(#""a\"b\\c\n\u00e9\ud83d\ude00""#).value == .string("a\"b\\c\né😀"))
  }

  @Test(arguments: [
    ("{\"a\": 1,}", "1:9: expected a quoted member name, found '}'"),
    ("{\"a\": 1, \"a\": 2}", "1:10: duplicate member name \"a\""),
    ("[1, 2", "1:6: unexpected end of input inside an array"),
    ("{\"a\": 01}", "1:7: numbers may not have leading zeros"),
    ("{\n\"a\": tru}", "2:6: unexpected character 't'; expected a JSON value"),
    ("\"abc", "1:5: unterminated string"),
    ("{} x", "1:4: unexpected text after the JSON value"),
    ("{\"a\": \"x\ny\"}", "1:9: line break inside a string (write \\n)"),
  ])
  func reportsErrorsWithPosition(text: String, expected: String) {
    do {
      _ = try parse(text)
      Issue.record("parsed: \(text)")
    } catch let error as JSONError {
      #expect(error.description == expected)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func refusesInvalidUTF8WithItsPosition() {
    let bytes: [UInt8] = Array("{\n \"a\": \"".utf8) + [0xFF] + Array("\"}".utf8)
    #expect(throws: JSONError(line: 2, column: 8, message: "invalid UTF-8 byte 0xFF; save the file as UTF-8")) {
      try JSONReader.parse(bytes)
    }
  }

  @Test func refusesUTF16ByName() {
    let text = Array("{\"a\": 1}".utf16)
    let little: [UInt8] = [0xFF, 0xFE] + text.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(
      throws: JSONError(line: 1, column: 1, message: "the file is UTF-16LE; JSON must be UTF-8: save it as UTF-8")
    ) {
      try JSONReader.parse(little)
    }
    let big: [UInt8] = text.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(
      throws: JSONError(line: 1, column: 1, message: "the file is UTF-16BE; JSON must be UTF-8: save it as UTF-8")
    ) {
      try JSONReader.parse(big)
    }
  }

  @Test func wideEncodingsAreRecognisedByMarkOrZeroBytes() {
    #expect(WideEncoding.detect([0xFF, 0xFE, 0x3C, 0x00]) == "UTF-16LE")
    #expect(WideEncoding.detect([0xFE, 0xFF, 0x00, 0x3C]) == "UTF-16BE")
    #expect(WideEncoding.detect([0xFF, 0xFE, 0x00, 0x00]) == "UTF-32LE")
    #expect(WideEncoding.detect([0x00, 0x00, 0xFE, 0xFF]) == "UTF-32BE")
    #expect(WideEncoding.detect([0x3C, 0x00, 0x70, 0x00]) == "UTF-16LE")
    #expect(WideEncoding.detect([0x00, 0x3C, 0x00, 0x70]) == "UTF-16BE")
    #expect(WideEncoding.detect([0x3C, 0x00, 0x00, 0x00]) == "UTF-32LE")
    #expect(WideEncoding.detect([0x00, 0x00, 0x00, 0x3C]) == "UTF-32BE")
    // UTF-8 (with or without a mark), GB18030 and short inputs are not wide.
    #expect(WideEncoding.detect(Array("<p/>".utf8)) == nil)
    #expect(WideEncoding.detect([0xEF, 0xBB, 0xBF, 0x3C]) == nil)
    #expect(WideEncoding.detect([0xC4, 0xE3, 0xBA, 0xC3]) == nil)
    #expect(WideEncoding.detect([0x7B, 0x00]) == nil)
  }

  @Test func acceptsAByteOrderMark() throws {
    #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)).value == .array([]))
  }

  @Test func limitsNesting() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONError(line: 1, column: 513, message: "nesting deeper than 512 levels")) {
      try JSONReader.parse(Array(deep.utf8))
    }
  }
}

@Suite struct JSONLargeObjectTests {
  @Test func duplicatesAreFoundInLargeObjectsToo() {
    let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
    #expect(throws: JSONError.self) { try JSONReader.parse(Array("{\(members), \"k3\": 1}".utf8)) }
    #expect(throws: JSONError.self) { try JSONReader.parse(Array("{\(members), \"k39\": 1}".utf8)) }
    #expect((try? JSONReader.parse(Array("{\(members), \"k40\": 1}".utf8))) != nil)
  }
}

/// The writer's string quoting, read back by the reader, gives the same text: the fast path
/// (nothing to escape) and the escaping path alike.
@Suite struct JSONQuotingTests {
  static let awkward = Gen<Character?>.element(
    of: Array("ab 中😀\"\\/\t\n\r\u{1}\u{1F}\u{7F}\u{2028}é") as [Character]
  ).map { $0! }

  @Test func quotedTextReadsBackTheSame() async {
    #expect(JSONWriter.quoted("plain 中文") == "\"plain 中文\"")
    #expect(JSONWriter.quoted("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
    await propertyCheck(input: Self.awkward.string(of: 0...30)) { text in
      let node = try? JSONReader.parse(Array(JSONWriter.quoted(text).utf8))
      guard case .string(let back)? = node?.value else {
        Issue.record("\(text.debugDescription) did not read back as a string")
        return
      }
      #expect(back == text)
    }
  }
}
