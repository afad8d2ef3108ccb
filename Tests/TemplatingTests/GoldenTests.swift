import Basics
import Foundation
import LibXML
import Templating
import TestSupport
import Testing

/// The example natural template renders to the reviewed golden output, byte for byte.
@Suite struct GoldenTests {
  static let example = packageRoot + "/Examples/templates"
  static let golden = fixtures + "/golden/letter.html"

  func renderExample() throws -> [UInt8] {
    let engine = TemplateEngine(roots: [Self.example])
    let template = try engine.compile(file: Self.example + "/letter.xhtml")
    let data = try TemplateValue.load(jsonFile: Self.example + "/letter.json")
    return try template.renderBytes(data)
  }

  @Test func exampleLetterMatchesTheGolden() throws {
    let bytes = try renderExample()
    if ProcessInfo.processInfo.environment["ARDOC_UPDATE_GOLDEN"] == "1" {
      try FileBytes.writeAtomically(bytes, to: Self.golden)
    }
    let expected = try FileBytes.read(Self.golden)
    #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
  }

  /// Concurrent renderers walk their own compiled copy (`lane`); every copy, and a lane
  /// beyond the number of copies, gives the golden bytes.
  @Test func everyReplicaRendersTheGolden() throws {
    let engine = TemplateEngine(roots: [Self.example], replicas: 3)
    let template = try engine.compile(file: Self.example + "/letter.xhtml")
    let data = try TemplateValue.load(jsonFile: Self.example + "/letter.json")
    let expected = try FileBytes.read(Self.golden)
    for lane in [0, 1, 2, 7, -1, Int.min] {
      let bytes = try template.renderBytes(data, options: RenderOptions(lane: lane))
      #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "lane \(lane)")
    }
  }

  @Test func anUnsharedCopyEqualsTheOriginal() throws {
    let data = try TemplateValue.load(jsonFile: Self.example + "/letter.json")
    #expect(data.unshared() == data)
    let value: TemplateValue = ["a": ["长文本，超过十五个字节的字符串", 1, true, nil], "b": ["c": "d"]]
    #expect(value.unshared() == value)
  }

  @Test func goldenCarriesTheLetterFacts() throws {
    let text = String(decoding: try FileBytes.read(Self.golden), as: UTF8.self)
    #expect(text.contains("<span data-field=\"payment-owner\">王建国</span>"))
    #expect(text.contains("<span class=\"balance\" data-field=\"balance\">¥521,146.16</span>"))
    #expect(text.contains("<span class=\"balance\" data-field=\"balance-in-words\">伍拾贰万壹仟壹佰肆拾陆元壹角陆分</span>"))
    #expect(text.contains("苏州华东机电设备有限公司 &lt;R&amp;D&gt; \"总部\""))
    #expect(text.components(separatedBy: "<tr data-amount=").count - 1 == 10)
    #expect(!text.contains(" t:") && !text.contains("xmlns:t") && !text.contains("${"))
    #expect(!text.contains("FP-0002") && !text.contains("张三"))  // sample content is gone
  }

  @Test func theNaturalTemplateIsASampleLetterOnItsOwn() throws {
    // Opened directly, a browser reads the template as a letter with sample content.
    let bytes = try FileBytes.read(Self.example + "/letter.xhtml")
    let document = try XMLDocument.parse(bytes, file: "letter.xhtml")
    let texts = try document.select("//h:span[@data-field]", namespaces: ["h": "http://www.w3.org/1999/xhtml"]).map(
      \.textContent)
    #expect(texts == ["张三", "2026年11月30日", "¥10,000.00", "壹万元整"])
  }

  @Test func renderedXHTMLHasTheSameStructureForBothParsers() throws {
    let bytes = try renderExample()
    let xml = try XMLDocument.parse(bytes, file: "letter.html")
    let html = try XMLDocument.parseHTML(bytes, file: "letter.html").document
    func shape(_ node: XMLNode) -> String {
      node.name + "(" + node.elementChildren.map(shape).joined(separator: ",") + ")"
    }
    let xmlRoot = try #require(xml.root)
    let htmlRoot = try #require(html.root)
    #expect(shape(xmlRoot) == shape(htmlRoot))
    #expect(shape(xmlRoot).count > 400)
  }

  @Test func oneCompileManyConcurrentRenders() async throws {
    let engine = TemplateEngine(roots: [Self.example])
    let template = try engine.compile(file: Self.example + "/letter.xhtml")
    let data = try TemplateValue.load(jsonFile: Self.example + "/letter.json")
    let expected = try FileBytes.read(Self.golden)
    let outputs = await withTaskGroup(of: [UInt8]?.self) { group in
      for _ in 0..<32 {
        group.addTask { try? template.renderBytes(data) }
      }
      var all: [[UInt8]?] = []
      for await output in group { all.append(output) }
      return all
    }
    #expect(outputs.count == 32)
    #expect(outputs.allSatisfy { $0 == expected })
  }
}
