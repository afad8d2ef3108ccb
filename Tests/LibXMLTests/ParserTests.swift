import Foundation
import Testing

@testable import LibXML

@Suite struct ParserTests {
  func parse(_ text: String, file: String = "t.xml", limits: XMLParseLimits = .default) throws(XMLParseError)
    -> XMLDocument
  {
    try XMLDocument.parse(Array(text.utf8), file: file, limits: limits)
  }

  func errors(_ text: String, limits: XMLParseLimits = .default) -> [String] {
    do {
      _ = try parse(text, limits: limits)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test func readsElementsAttributesAndLines() throws {
    let doc = try parse("<a x=\"1 &amp; 2\">\n  <b>text</b>\n</a>")
    let root = try #require(doc.root)
    #expect(root.name == "a")
    #expect(root.attribute("x") == "1 & 2")
    #expect(root.elementChildren.map(\.name) == ["b"])
    #expect(root.elementChildren[0].line == 2)
    #expect(root.elementChildren[0].textContent == "text")
  }

  @Test func elementsWhereWalksTheSubtreeInDocumentOrder() throws {
    let doc = try parse("<a><b><c/><!-- x --><d>t<e/></d></b>text<f><g/></f><h/></a>")
    let root = try #require(doc.root)
    #expect(root.elements { _ in true }.map(\.name) == ["a", "b", "c", "d", "e", "f", "g", "h"])
    #expect(root.elements { $0.name != "b" && $0.name != "f" }.map(\.name) == ["a", "c", "d", "e", "g", "h"])
    // A subtree stops at its own root: f's following sibling h is not part of it.
    let f = try #require(root.elements { $0.name == "f" }.first)
    #expect(f.elements { _ in true }.map(\.name) == ["f", "g"])
    let c = try #require(root.elements { $0.name == "c" }.first)
    #expect(c.elements { _ in true }.map(\.name) == ["c"])
  }

  @Test func elementsWithAnyAttributeOrNameMatchCaseInsensitiveNamesAndExactAttributes() throws {
    let doc = try parse(
      """
      <HTML xmlns:x="urn:x"><Head><meta name="m"/></Head><body><p data-field="a">t</p><p data-fields="no"/>      <span x:data-seal="s"/><td DATA-AMOUNT="1"/><td data-amount="2" class="c"/><metal/></body></HTML>
      """)
    let root = try #require(doc.root)
    let marked = root.elements(
      withAnyAttribute: ["data-field", "data-seal", "data-amount"], orNamed: ["meta", "body", "head"])
    #expect(
      marked.map { "\($0.name)\($0.attribute("data-amount").map { "=" + $0 } ?? "")" } == [
        "Head", "meta", "body", "p", "span", "td=2",
      ])
    #expect(root.elements(withAnyAttribute: [], orNamed: []).isEmpty)
  }

  @Test func notWellFormedIsRefusedWithItsPosition() {
    #expect(
      errors("<a>\n  <b>\n</a>") == [
        "t.xml:3:5: error: Opening and ending tag mismatch: b line 2 and a",
        "t.xml:3:5: error: Premature end of data in tag a line 1",
      ])
  }

  @Test func externalEntityIsRefusedAndTheFileNeverRead() {
    let text = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>"
    let found = errors(text)
    #expect(
      found == [
        "t.xml:1:52: error: a DOCTYPE with an internal subset (entity or other declarations) is not allowed; use <!DOCTYPE html> or no DOCTYPE"
      ])
    #expect(!found.joined().contains("root:"))
  }

  @Test func billionLaughsIsRefusedQuickly() {
    var text = "<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      text += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    text += "]>\n<lolz>&lol9;</lolz>"
    let start = ContinuousClock.now
    let found = errors(text)
    #expect(ContinuousClock.now - start < .seconds(2))
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("t.xml:2:19: error: a DOCTYPE with an internal subset") == true)
  }

  /// The quadratic blow-up: one large entity referenced many times (no nesting, so entity
  /// depth limits do not catch it). Refused at its declaration, before any reference.
  @Test func quadraticBlowUpIsRefusedAtTheDeclaration() {
    let value = String(repeating: "x", count: 50_000)
    let text =
      "<!DOCTYPE r [<!ENTITY big \"\(value)\">]>\n<r>" + String(repeating: "&big;", count: 50_000) + "</r>"
    let start = ContinuousClock.now
    let found = errors(text)
    #expect(ContinuousClock.now - start < .seconds(2))
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("t.xml:1:") == true)
    #expect(found.first?.contains("error: a DOCTYPE with an internal subset") == true)
  }

  @Test func externalDTDIsNotLoaded() throws {
    let doc = try parse(
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\"/>"
    )
    #expect(doc.root?.name == "html")
  }

  @Test func undeclaredEntitiesSayHowToWriteTheCharacter() {
    #expect(
      errors("<p>a&nbsp;b</p>") == [
        "t.xml:1:11: error: Entity 'nbsp' not defined (no DTD is loaded: write the character itself or a numeric reference such as &#160;)"
      ])
  }

  @Test func utf16AndOtherDeclaredEncodingsAreRefusedByName() {
    let little: [UInt8] = [0xFF, 0xFE] + "<p>你好</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let message = "d.html:1:1: error: the file is UTF-16LE; ardoc reads UTF-8 only: save it as UTF-8"
    #expect(throws: XMLParseError.self) { try XMLDocument.parseHTML(little, file: "d.html") }
    do {
      _ = try XMLDocument.parseHTML(little, file: "d.html")
    } catch {
      #expect(error.diagnostics.map(\.description) == [message])
    }
    #expect(
      errors("<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?><p/>") == [
        "t.xml:1:31: error: declares encoding=\"ISO-8859-1\"; ardoc reads XML as UTF-8 only: save the file as UTF-8 and declare encoding=\"UTF-8\""
      ])
    #expect(errors("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p/>") == [])
    #expect(errors("<?xml version=\"1.0\"?><p/>") == [])
  }

  /// libxml2 2.9 compares each attribute with every earlier one: 16 MB of attributes on one
  /// element would parse for hours. Counted before parsing, in one pass.
  @Test func anElementWithThousandsOfAttributesIsRefusedBeforeParsing() {
    func tag(_ count: Int, value: String = "1") -> String {
      "<p " + (0..<count).map { "a\($0)=\"\(value)\"" }.joined(separator: " ") + ">x</p>"
    }
    let refusal =
      "t.xml:3:1: error: an element starting on this line has more than 1000 attributes; no template or document needs that many"
    #expect(errors("<r>\n<!-- a=1 -->\n" + tag(1001) + "</r>") == [refusal])
    #expect(errors("<r>" + tag(1000, value: "x y = z 'q'") + "</r>") == [])
    // Comments, CDATA and processing instructions are not start tags, whatever they hold.
    let noise = (0..<5000).map { "a\($0)=1" }.joined(separator: " ")
    #expect(errors("<r><!-- <p \(noise)> --><![CDATA[<p \(noise)>]]><?pi \(noise)?></r>") == [])
    // Valueless HTML attributes count too.
    let bare = "<html><body><p " + (0..<1001).map { "b\($0)" }.joined(separator: " ") + ">x</p></body></html>"
    do {
      _ = try XMLDocument.parseHTML(Array(bare.utf8), file: "d.html")
      Issue.record("parsed")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "d.html:1:1: error: an element starting on this line has more than 1000 attributes; no template or document needs that many"
        ])
    }
  }

  @Test func invalidUTF8IsRefusedWithItsLine() {
    let bytes: [UInt8] = Array("<p>\nok\n".utf8) + [0xC3, 0x28] + Array("</p>".utf8)
    do {
      _ = try XMLDocument.parse(bytes, file: "bad.xml")
      Issue.record("parsed invalid UTF-8")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "bad.xml:3:1: error: the file is not UTF-8 (byte 0xC3 at this position); ardoc reads XML as UTF-8 only: save it as UTF-8"
        ])
    }
  }

  /// Only ardoc's message: libxml2's parser goes on after the value it refused and reports
  /// the start tag, the end tag and the text after it as broken too.
  @Test func anAttributeOverLibxml2sLimitIsOneErrorWithItsSize() {
    var bytes = Array("<r>\n<p id=\"1\"\n   title='".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "y"), count: 10_000_001))
    bytes.append(contentsOf: Array("'>text</p>\n</r>".utf8))
    do {
      _ = try XMLDocument.parse(bytes, file: "big.xml")
      Issue.record("parsed")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "big.xml:3:10: error: an attribute value of 10,000,001 bytes is over libxml2's 10,000,000-byte limit; shorten it"
        ])
    }
    // Under the limit it parses.
    var fits = Array("<p title='".utf8)
    fits.append(contentsOf: repeatElement(UInt8(ascii: "y"), count: 9_900_000))
    fits.append(contentsOf: Array("'/>".utf8))
    #expect((try? XMLDocument.parse(fits, file: "fits.xml"))?.root?.attribute("title")?.utf8.count == 9_900_000)
  }

  @Test func theFirstByteThatIsNotUTF8IsFound() {
    let cases: [([UInt8], Int?)] = [
      (Array("abc 中文 😀".utf8), nil), ([0xEF, 0xBB, 0xBF, 0x41], nil), ([0x41, 0x80], 1), ([0xC0, 0xAF], 0),
      ([0xE0, 0x80, 0xAF], 0), ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x41, 0xE4, 0xB8], 1),
      ([0xD7, 0xF0, 0xBE, 0xB4], 0), ([0xF0, 0x9F, 0x98, 0x80, 0xFF], 4),
    ]
    for (bytes, expected) in cases {
      #expect(InputRefusal.firstInvalidUTF8(bytes) == expected, "\(bytes)")
    }
  }

  @Test func anEmptyDocumentIsRefused() {
    #expect(errors("") == ["t.xml:1:1: error: the document is empty"])
    #expect(throws: XMLParseError.self) { try XMLDocument.parseHTML([], file: "e.html") }
  }

  @Test func sizeAndDepthLimitsHold() {
    #expect(
      errors("<a>" + String(repeating: "x", count: 200) + "</a>", limits: XMLParseLimits(maxBytes: 100)) == [
        "t.xml:1:1: error: input is 207 bytes; the limit is 100 bytes"
      ])
    let deep = String(repeating: "<d>", count: 20) + String(repeating: "</d>", count: 20)
    #expect(
      errors(deep, limits: XMLParseLimits(maxDepth: 10)) == [
        "t.xml:1:1: error: elements nested deeper than 10 levels"
      ])
    let veryDeep = String(repeating: "<d>", count: 100_000) + String(repeating: "</d>", count: 100_000)
    #expect(errors(veryDeep).first?.contains("Excessive depth in document: 256") == true)
  }

  @Test func errorsStayWithTheirOwnParseAcrossThreads() async {
    let results = await withTaskGroup(of: (Int, [String]).self) { group in
      for index in 0..<64 {
        group.addTask {
          let text = index % 2 == 0 ? "<ok\(index)/>" : "<a\(index)>\n<b></a\(index)>"
          do {
            _ = try XMLDocument.parse(Array(text.utf8), file: "f\(index).xml")
            return (index, [])
          } catch {
            return (index, (error as? XMLParseError)?.diagnostics.map(\.description) ?? ["\(error)"])
          }
        }
      }
      var all: [Int: [String]] = [:]
      for await (index, found) in group { all[index] = found }
      return all
    }
    for (index, found) in results {
      if index % 2 == 0 {
        #expect(found.isEmpty)
      } else {
        #expect(
          found.first
            == "f\(index).xml:2:\(8 + String(index).count): error: Opening and ending tag mismatch: b line 2 and a\(index)"
        )
      }
    }
  }
}

@Suite struct XPathLiteralTests {
  @Test func anyTextBecomesALiteralThatMatchesItself() throws {
    #expect(xpathLiteral("plain") == "'plain'")
    #expect(xpathLiteral("don't") == "\"don't\"")
    #expect(xpathLiteral(#"it's "x""#) == #"concat('it', "'", 's "x"')"#)
    let texts = ["plain", "don't", #"say "x""#, #"it's "x""#, #"'"'"#, ""]
    for text in texts {
      let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      let doc = try XMLDocument.parse(Array("<r><p>[\(escaped)]</p></r>".utf8), file: "t.xml")
      #expect(try doc.select("//p[contains(., \(xpathLiteral("[" + text + "]")))]").count == 1, "\(text)")
    }
  }
}
