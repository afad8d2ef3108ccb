import Basics
import Foundation
import LibXML
import PropertyBased
import TestSupport
import Testing

@testable import Templating

@Suite struct HostileInputTests {
  @Test func dataIsAlwaysText() throws {
    let evil = "<script>alert(1)</script> & \"' ${x}"
    let output = try inner(
      "<p title=\"${v}\">${v}</p><q t:text=\"v\"/><s t:attr=\"data-v: v\"/>", ["v": .string(evil), "x": "EXPANDED"])
    #expect(
      output == """
        <p title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;' ${x}">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "' ${x}</p>\
        <q>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "' ${x}</q>\
        <s data-v="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;' ${x}"/>
        """)
    #expect(!output.contains("EXPANDED"))
  }

  @Test func emojiAndBidiMarksStayCharacters() throws {
    let name = "华东\u{200F}机电\u{202E}😀\u{200B}"
    #expect(try inner("<p>${n}</p>", ["n": .string(name)]) == "<p>\(name)</p>")
  }

  @Test func controlCharactersInDataAreRefused() {
    #expect(
      errorText("<p>${n}</p>", ["n": "a\u{1}b"])?.hasPrefix(
        "snippet.xml:1:38: error: 'n' contains the control character U+0001, which an XML document cannot hold; remove it from the data"
      ) == true)
  }

  @Test func externalEntityTemplateIsRefused() {
    let source = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>"
    do {
      _ = try TemplateEngine().compile(source: source, name: "xxe.xml")
      Issue.record("compiled")
    } catch {
      #expect(
        error.description == """
          xxe.xml:1:52: error: a DOCTYPE with an internal subset (entity or other declarations) is not allowed; use <!DOCTYPE html> or no DOCTYPE
          <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                                                             ^
          """)
      #expect(!error.description.contains("root:x:0:0"))
    }
  }

  @Test func billionLaughsIsRefusedQuickly() {
    var source = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
    for level in 1...10 {
      source +=
        "<!ENTITY a\(level) \"" + String(repeating: "&a\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
    }
    source += "]><r>&a10;</r>"
    let start = ContinuousClock.now
    do {
      _ = try TemplateEngine().compile(source: source, name: "laughs.xml")
      Issue.record("compiled")
    } catch {
      #expect(error.diagnostics.count == 1)
      #expect(error.diagnostics[0].message.hasPrefix("a DOCTYPE with an internal subset"))
    }
    #expect(ContinuousClock.now - start < .seconds(1))
  }

  @Test func invalidUTF8AndNotWellFormedAreRefusedWithPosition() throws {
    let bytes: [UInt8] = Array("<r>\n<p>".utf8) + [0xFF, 0xFE] + Array("</p></r>".utf8)
    let path = FileManagerTemp.write(bytes, name: "bad-utf8.xml")
    do {
      _ = try TemplateEngine().compile(file: path)
      Issue.record("compiled")
    } catch {
      #expect(
        error.diagnostics.map { $0.summary.replacingOccurrences(of: path, with: "bad-utf8.xml") } == [
          "bad-utf8.xml:2:4: error: the file is not UTF-8 (byte 0xFF at this position); ardoc reads XML as UTF-8 only: save it as UTF-8"
        ])
    }
    do {
      _ = try TemplateEngine().compile(source: "<r><p></r>", name: "broken.xml")
    } catch {
      #expect(
        error.diagnostics.first?.summary == "broken.xml:1:11: error: Opening and ending tag mismatch: p line 1 and r")
    }
  }

  static let awkward = Gen<Character?>.element(of: Array("<>&\"'${}ab 中文😀\u{200F}\u{202E}\t\n]]>--") as [Character])
    .map { $0! }

  @Test func escapingAlwaysHolds() async throws {
    let template = try TemplateEngine().compile(source: wrap("<p a=\"${v}\" t:attr=\"b: v\">${v}</p>"), name: "p.xml")
    await propertyCheck(input: Self.awkward.string(of: 0...40)) { value in
      guard let bytes = try? template.renderBytes(["v": .string(value)]),
        let document = try? XMLDocument.parse(bytes, file: "out.xml"),
        let p = document.root?.elementChildren.first
      else {
        Issue.record("render or reparse failed for \(value.debugDescription)")
        return
      }
      #expect(p.textContent == value)
      #expect(p.attribute("a") == value.replacingNewlinesForAttributes)
      #expect(p.attribute("b") == value.replacingNewlinesForAttributes)
    }
  }

  /// The word-at-a-time scan for characters XML cannot carry: any value is either refused
  /// (it holds one) or rendered unchanged. Characters whose UTF-8 starts like U+FFFE (0xEF)
  /// but are allowed, and tab, newline, carriage return, sit beside the refused ones.
  static let controlsAndLookalikes = Gen<Character?>.element(
    of: Array("ab中\t\n\r\u{1}\u{8}\u{1F}\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}\u{FF00}\u{EFEF}") as [Character]
  ).map { $0! }

  @Test func controlCharactersAreFoundInEveryPositionOfAWord() {
    for length in 1...17 {
      for position in 0..<length {
        for bad in ["\u{8}", "\u{1F}", "\u{0}", "\u{FFFE}", "\u{FFFF}"] {
          var characters = Array(repeating: "a", count: length)
          characters[position] = bad
          #expect(
            Renderer.mayHoldForbiddenCharacters(characters.joined()),
            "\(bad.debugDescription) at \(position) of \(length)")
        }
      }
      #expect(!Renderer.mayHoldForbiddenCharacters(String(repeating: "a\t\n\r中é（：\u{FFFD}", count: length)))
    }
  }

  @Test func controlCharactersAreFoundAnywhere() async throws {
    let template = try TemplateEngine().compile(source: wrap("<p>${v}</p>"), name: "p.xml")
    await propertyCheck(input: Self.controlsAndLookalikes.string(of: 0...40)) { value in
      let forbidden = value.unicodeScalars.contains {
        ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) || $0.value == 0xFFFE || $0.value == 0xFFFF
      }
      let bytes = try? template.renderBytes(["v": .string(value)])
      #expect((bytes == nil) == forbidden, "\(value.debugDescription)")
      if let bytes {
        let parsed = try? XMLDocument.parse(bytes, file: "out.xml")
        #expect(parsed?.root?.elementChildren.first?.textContent == value)
      }
      // The scan itself, exact: it refuses no allowed look-alike (U+FFFD, U+FF00, U+EFEF).
      #expect(Renderer.mayHoldForbiddenCharacters(value) == forbidden, "\(value.debugDescription)")
    }
  }

  @Test func xhtmlOutputAlwaysParsesTheSameInHTMLAndXML() async throws {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><body>\
      <div t:each="v in values"><p t:text="v"/><span t:if="v">${v}</span><br/><td t:unless="v"/></div></body></html>
      """
    let template = try TemplateEngine().compile(source: source, name: "p.xhtml")
    await propertyCheck(input: Self.awkward.string(of: 0...10).array(of: 0...5)) { values in
      guard let bytes = try? template.renderBytes(["values": .array(values.map(TemplateValue.string))]),
        let xml = try? XMLDocument.parse(bytes, file: "out.xhtml"),
        let html = try? XMLDocument.parseHTML(bytes, file: "out.html").document
      else {
        Issue.record("render or reparse failed")
        return
      }
      #expect(shape(xml.root) == shape(html.root))
    }
  }

  func shape(_ node: XMLNode?) -> String {
    guard let node else { return "" }
    return node.name + "(" + node.elementChildren.map(shape).joined(separator: ",") + ")"
  }
}

extension String {
  /// libxml2 writes a newline or tab in an attribute as a character reference; parsing gives
  /// it back, so attribute values round-trip unchanged.
  var replacingNewlinesForAttributes: String { self }
}

enum FileManagerTemp {
  static func write(_ bytes: [UInt8], name: String) -> String {
    let folder = scratchFolder + "/hostile"
    try? FileBytes.createFolder(folder)
    let path = folder + "/" + name
    try? FileBytes.writeAtomically(bytes, to: path)
    return path
  }
}

/// Loops within loops multiply: a template that would write more than any document is
/// stopped at the limit, with the loop's place, rather than filling the memory.
@Suite struct OutputLimitTests {
  @Test func nestedLoopsStopAtTheLimit() {
    let items: TemplateValue = .array((0..<200).map { number(String($0)) })
    let text = String(repeating: "x", count: 4000)
    let body = #"<a t:each="i in items"><b t:each="j in items"><c t:each="k in items">"# + text + "</c></b></a>"
    let message = errorText(body, ["items": items])
    #expect(
      message?.contains(
        "snippet.xml:1:"
      ) == true, "\(message ?? "rendered")")
    #expect(
      message?.contains(
        "the document passed 64 MiB while this t:each repeated; a document is some kilobytes: check the loops around it"
      ) == true, "\(message ?? "rendered")")
  }
}
