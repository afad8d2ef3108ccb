import Basics
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
