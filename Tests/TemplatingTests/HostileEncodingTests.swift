import Basics
import Foundation
import LibXML
import Templating
import Testing

/// Templates saved in encodings ardoc does not read, huge values, and expressions built to
/// exhaust the stack: each a clear error with its position, never a crash.
@Suite struct HostileEncodingTests {
  func compileError(_ bytes: [UInt8], name: String) -> String? {
    let path = FileManagerTemp.write(bytes, name: name)
    do {
      _ = try TemplateEngine().compile(file: path)
      return nil
    } catch {
      return error.description.replacingOccurrences(of: path, with: name)
    }
  }

  static let body = "<p xmlns:t=\"urn:ardoc:template\">你好 ${name}\n<b>${missing}</b></p>\n"

  @Test func utf16TemplatesAreRefusedByName() {
    let little: [UInt8] = [0xFF, 0xFE] + Self.body.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(
      compileError(little, name: "le.xml")
        == "le.xml:1:1: error: the file is UTF-16LE; ardoc reads UTF-8 only: save it as UTF-8")
    let big: [UInt8] = Self.body.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(
      compileError(big, name: "be.xml")
        == "be.xml:1:1: error: the file is UTF-16BE; ardoc reads UTF-8 only: save it as UTF-8")
  }

  @Test func aTemplateDeclaringAnotherEncodingIsRefusedAtTheDeclaration() throws {
    let text = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n" + Self.body
    let bytes = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))).map { $0 }
    #expect(
      compileError(bytes, name: "gb.xml") == """
        gb.xml:1:31: error: declares encoding="GB18030"; ardoc reads XML as UTF-8 only: save the file as UTF-8 and declare encoding="UTF-8"
        <?xml version="1.0" encoding="GB18030"?>
                                      ^
        """)
    // UTF-8 declared in any spelling is fine.
    let declared = Array("<?xml version='1.0' encoding='utf-8'?><p>${1}</p>".utf8)
    #expect(
      try TemplateEngine().compile(file: FileManagerTemp.write(declared, name: "u.xml")).renderString([:]).hasSuffix(
        "<p>1</p>\n"))
  }

  @Test func aByteOrderMarkAndCRLFKeepPositionsRight() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.body.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let path = FileManagerTemp.write(bytes, name: "crlf.xml")
    do {
      _ = try TemplateEngine().compile(file: path).renderString(["name": "王"])
      Issue.record("rendered")
    } catch {
      #expect(
        error.description.replacingOccurrences(of: path, with: "crlf.xml") == """
          crlf.xml:2:6: error: undefined name 'missing'
          <b>${missing}</b></p>
               ^
          """)
    }
  }

  @Test func aFiftyMegabyteAttributeIsRefusedWithoutReadingIt() throws {
    var bytes = Array("<p a=\"".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 50_000_000))
    bytes.append(contentsOf: Array("\">${name}</p>".utf8))
    #expect(
      compileError(bytes, name: "big.xml")
        == "big.xml: error: cannot read template: file is 50000019 bytes; the limit is 16777216 bytes")
    // Above libxml2's own limit for one value (10,000,000 bytes), with the file limit raised:
    // one error at the attribute with its size, and the source line shown as a window, not 50 MB.
    let engine = TemplateEngine(limits: XMLParseLimits(maxBytes: 64 << 20))
    do {
      _ = try engine.compile(source: String(decoding: bytes, as: UTF8.self), name: "big.xml")
      Issue.record("compiled")
    } catch {
      #expect(
        error.description == "big.xml:1:6: error: an attribute value of 50,000,000 bytes is over libxml2's "
          + "10,000,000-byte limit; shorten it\n<p a=\"" + String(repeating: "x", count: 114) + "…\n     ^")
    }
  }

  /// Under the file limit (16 MiB) but over libxml2's for one value: ardoc's message with the
  /// value's size, in place of libxml2's "AttValue length too long" and the five errors its
  /// parser then stumbled into (the start tag, the end tag, the text after it).
  @Test func aFifteenMegabyteAttributeGetsArdocsOwnMessage() throws {
    var text = "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<body>\n  <p>尊敬的客户：</p>\n"
    text +=
      "    <p class='a' title=\"" + String(repeating: "长", count: 5_242_880) + "\">${name}</p>\n</body>\n</html>\n"
    let path = FileManagerTemp.write(Array(text.utf8), name: "letter.xhtml")
    do {
      _ = try TemplateEngine().compile(file: path)
      Issue.record("compiled")
    } catch {
      #expect(
        error.description.replacingOccurrences(of: path, with: "letter.xhtml")
          == "letter.xhtml:4:24: error: an attribute value of 15,728,640 bytes is over libxml2's 10,000,000-byte "
          + "limit; shorten it\n    <p class='a' title=\"" + String(repeating: "长", count: 96) + "…\n"
          + String(repeating: " ", count: 23) + "^")
    }
    // A value that is only unclosed keeps libxml2's own words: it is not a size problem.
    let unclosed = "<p title=\"abc"
    do {
      _ = try TemplateEngine().compile(source: unclosed, name: "open.xml")
      Issue.record("compiled")
    } catch {
      #expect(error.diagnostics.map(\.summary).first == "open.xml:1:14: error: AttValue: ' expected")
    }
  }

  /// A template saved as GB18030 (Chinese Windows' default) without a declaration: ardoc's
  /// message at the first byte that is not UTF-8, instead of libxml2's "Input is not proper
  /// UTF-8, indicate encoding !" with four bytes in hexadecimal.
  @Test func anUndeclaredGB18030TemplateIsRefusedAtItsFirstForeignByte() throws {
    let text =
      "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<body>\n<p>Dear ${name},</p>\n<p>尊敬的客户：</p>\n</body>\n</html>\n"
    let bytes = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))).map { $0 }
    let line = String(decoding: bytes.split(separator: 0x0A, omittingEmptySubsequences: false)[3], as: UTF8.self)
    #expect(
      compileError(bytes, name: "letter.xhtml") == """
        letter.xhtml:4:4: error: the file is not UTF-8 (byte 0xD7 at this position); ardoc reads XML as UTF-8 only: save it as UTF-8
        \(line)
           ^
        """)
    // After characters that are UTF-8, the column counts them as characters.
    let mixed =
      Array("<p>你好，".utf8) + Array("客户".data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data())
      + Array("</p>".utf8)
    #expect(
      compileError(mixed, name: "mixed.xml")?.hasPrefix(
        "mixed.xml:1:7: error: the file is not UTF-8 (byte 0xBF at this position); ardoc reads XML as UTF-8 only: save it as UTF-8\n"
      ) == true)
    // A character XML does not allow, in a UTF-8 file, keeps libxml2's own message.
    #expect(
      compileError(Array("<p>a\u{1}b</p>".utf8), name: "control.xml")?.hasPrefix(
        "control.xml:1:5: error: PCDATA invalid Char value 1") == true)
  }

  @Test func longSourceLinesAreShownAsAWindowAroundTheColumn() {
    let line = String(repeating: "a", count: 300) + "${nope}" + String(repeating: "b", count: 300)
    let text = errorText(line)
    let expected =
      "snippet.xml:1:335: error: undefined name 'nope'\n…" + String(repeating: "a", count: 58) + "${nope}"
      + String(repeating: "b", count: 55) + "…\n" + String(repeating: " ", count: 61) + "^"
    #expect(text == expected)
  }

  /// A minified template: one line of 20,000 expressions. Each expression's location reads its
  /// line from the source when a report needs it (a copy per expression took gigabytes), and
  /// columns are counted on from the last one (counting from the line's start each time took
  /// minutes); the last expression's error still has its exact column and window.
  @Test func aOneLineTemplateOfManyExpressionsCompilesAndReportsExactly() throws {
    let line = String(repeating: "<i>${a}</i>", count: 20_000) + "${nope}"
    let text = errorText(line, ["a": "x"])
    // After the wrapping `<r …>` (32 characters) and 20,000 × 11, at the name inside `${`.
    let window = "…i>${a}</i>" + String(repeating: "<i>${a}</i>", count: 9) + "${nope}</r>"
    #expect(
      text
        == "snippet.xml:1:220035: error: undefined name 'nope'\n" + window + "\n"
        + String(repeating: " ", count: 112) + "^")
    let rendered = try TemplateEngine().compile(
      source: wrap(String(repeating: "<i>${a}</i>", count: 20_000)), name: "one.xml"
    )
    .renderString(["a": "x"])
    #expect(rendered.components(separatedBy: "<i>x</i>").count == 20_001)
  }

  @Test func deeplyNestedExpressionsAreRefusedNotAStackOverflow() throws {
    // The input libFuzzer found: 400 nested '[' overflowed the stack under AddressSanitizer.
    let found = String(decoding: try FileBytes.read(fixtures + "/fuzz/expression-stack-overflow"), as: UTF8.self)
    #expect(
      ExpressionProbe.evaluate(found, in: [:])
        == .failure(.syntax("the expression nests deeper than 32 levels; name inner parts with t:with", offset: 34)))
    let parentheses = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    #expect(
      ExpressionProbe.evaluate(parentheses, in: [:])
        == .failure(.syntax("the expression has more than 500 parts; name pieces of it with t:with", offset: 500)))
    let negations = String(repeating: "- ", count: 40) + "1"
    #expect(
      ExpressionProbe.evaluate(negations, in: [:])
        == .failure(.syntax("the expression nests deeper than 32 levels; name inner parts with t:with", offset: 64)))
    // Within the limits, nesting and long chains evaluate.
    let nested = String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)
    let chain = Array(repeating: "1", count: 200).joined(separator: " + ")
    #expect(ExpressionProbe.evaluate(nested + " + " + chain, in: [:]) == .success(.number(ExactDecimal(201))))
  }
}
