import Basics
import Foundation
import Letters
import LibXML
import Testing

/// Every kind, level, measure and locale renders to its reviewed golden document.
@Suite struct GoldenLetterTests {
  @Test(arguments: goldenCases)
  func matchesTheGolden(_ c: GoldenCase) throws {
    let text = try render(c, factory: try exampleFactory(history: [disputedLetter], replies: [disputedReply]))
    let path = goldens + "/" + c.name + ".html"
    if ProcessInfo.processInfo.environment["ARDOC_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let golden = try FileBytes.text(path)
    #expect(text == golden)
    // Every document parses the same way as XML and as HTML.
    let xml = try XMLDocument.parse(Array(text.utf8), file: c.name)
    let html = try XMLDocument.parseHTML(Array(text.utf8), file: c.name).document
    func shape(_ n: XMLNode) -> String { n.name + "(" + n.elementChildren.map(shape).joined(separator: ",") + ")" }
    #expect(try shape(#require(xml.root)) == shape(#require(html.root)))
  }

  /// ardoc's own letters can hide nothing: the validator reads their outline, nothing parsed.
  @Test(arguments: goldenCases)
  func isCheckedWithoutParsing(_ c: GoldenCase) throws {
    let factory = try exampleFactory(history: [disputedLetter], replies: [disputedReply])
    let letter = try factory.render(try factory.prepare(c.request), number: c.number)
    #expect(!letter.rendered.mayHide)
  }
}
