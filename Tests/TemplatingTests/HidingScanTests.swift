import Foundation
import PropertyBased
import Testing

@testable import Templating

/// The byte scan that sends a render to the parsed check (``HidingScan``) finds every
/// word that could hide something, in any case: it must agree with the plain rule, written
/// here as a regular expression over the text in lower case.
@Suite struct HidingScanTests {
  /// Between a property and its value a browser reads spaces, a colon, character references,
  /// CSS comments and (in a stylesheet read as XML) XML comments as a space or nothing.
  static let between = #"(?:[ \t\n\r:]|&[#a-z0-9]{1,8};|/\*.*?\*/|<!--.*?-->)*"#
  static let rule = try? NSRegularExpression(
    pattern:
      #"\\|hidden|display"# + between + #"(none|var\()|visibility"# + between
      + #"(collapse|var\()|<template|<details|<dialog|<noscript|<link|<video|<audio|<canvas|<iframe|<object|<!\[|@import"#,
    options: [.dotMatchesLineSeparators]
  )

  static func byRule(_ text: String) -> Bool {
    let lower = String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    return rule?.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)) != nil || capitalName(text)
  }

  /// A name in capitals that a browser would read in lower case: an element's (just after `<`)
  /// or an attribute's (after a space inside a tag, outside its quoted values).
  static func capitalName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var inTag = false
    var quote: UInt8?
    for (index, byte) in bytes.enumerated() {
      if inTag {
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          inTag = false
        } else if (65...90).contains(byte), index > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]) {
          return true
        }
      }
      if byte == UInt8(ascii: "<") {
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if (65...90).contains(next) { return true }
        inTag = next != UInt8(ascii: "!") && next != UInt8(ascii: "?")
      }
    }
    return false
  }

  /// Pieces of the words, their neighbours and what stands between them.
  static let pieces = Gen<String?>.element(of: [
    "hid", "den", "HIDDEN", "h", "i", "dis", "play", "Display", ":", " ", "\t", "\n", "no", "ne", "NONE", "n", "o",
    "visibility", "col", "lapse", "c", "<", "<t", "emplate", "<DETAILS", "<di", "alog", "<noscript", "<link", "<li",
    "@", "@im", "port", "`", "\\", "a", "中", "文", ">", "=", "\"", "var(", "<video", "<!", "[", "'", "<p", "STYLE",
    "&#10;", "&amp;", "&", ";", "/**/", "/* x */", "<!--", "-->",
  ]).map { $0! }

  @Test func findsWhatTheRuleFinds() async {
    #expect(HidingScan.mayHide(Array("<p style=\"DISPLAY : none\">".utf8)))
    #expect(HidingScan.mayHide(Array("<p style=\"visibility:Collapse\">".utf8)))
    #expect(!HidingScan.mayHide(Array("<p class=\"none\">display</p>".utf8)))
    #expect(!HidingScan.mayHide(Array("确认函 confirmation notice".utf8)))
    // What a browser reads as a space or nothing between a property and its value.
    #expect(HidingScan.mayHide(Array("<p style=\"display:&#10;none\">".utf8)))
    #expect(HidingScan.mayHide(Array("<p style=\"display:/**/none\">".utf8)))
    #expect(HidingScan.mayHide(Array("p{display:<!-- x -->none}".utf8)))
    #expect(!HidingScan.mayHide(Array("p{display:/* a */ b */none}".utf8)))
    await propertyCheck(input: Self.pieces.array(of: 0...12)) { parts in
      let text = parts.joined()
      #expect(HidingScan.mayHide(Array(text.utf8)) == Self.byRule(text), "\(text.debugDescription)")
    }
  }
}

/// A render decides whether its bytes could hide anything as it writes them (static pieces were
/// scanned when compiled): the decision must be the scan's over the places where something can
/// hide (tags, stylesheets, comments), while escaped text, which hides nothing, never counts.
@Suite struct RenderedHidingTests {
  static func rendered(head: String = "", _ body: String, _ data: TemplateValue = [:]) throws -> RenderedDocument {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head><title>t</title>\(head)</head>\
      <body>\(body)</body></html>
      """
    let template = try TemplateEngine(roots: [fixtures]).compile(source: source, name: "hiding.xhtml")
    return try template.render(data, outline: true)
  }

  @Test func escapedTextHidesNothing() throws {
    let document = try Self.rendered("<p>${v}</p>", ["v": "hidden \\6e display: none <template> @import"])
    #expect(!document.mayHide)
    // The scan of the whole document would have sent it to the parsed check.
    #expect(HidingScan.mayHide(document.bytes))
  }

  @Test func aComputedStyleAttributeDecides() throws {
    #expect(try Self.rendered(#"<p style="${v}">x</p>"#, ["v": "display: none"]).mayHide)
    #expect(try Self.rendered(#"<p style="${v}">x</p>"#, ["v": "DISPLAY:var(--x)"]).mayHide)
    #expect(try !Self.rendered(#"<p style="${v}">x</p>"#, ["v": "color: red"]).mayHide)
  }

  @Test func aStylesheetIsScannedWhole() throws {
    #expect(try Self.rendered(head: #"<style t:text="css"/>"#, "<p>x</p>", ["css": "p { display: none }"]).mayHide)
    #expect(try !Self.rendered(head: #"<style t:text="css"/>"#, "<p>x</p>", ["css": "p { color: red }"]).mayHide)
    // A rule split over the template's text and a value is one rule.
    #expect(try Self.rendered(head: "<style>p { display: ${v} }</style>", "<p>x</p>", ["v": "none"]).mayHide)
    #expect(try !Self.rendered(head: "<style>p { display: ${v} }</style>", "<p>x</p>", ["v": "block"]).mayHide)
  }

  /// One template's renders keep the verdict on the last stylesheet: the same text gets the
  /// same verdict, another is scanned.
  @Test func aStylesheetSeenBeforeKeepsItsVerdict() throws {
    let source = """
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head><title>t</title>\
      <style t:text="css"/></head><body><p>x</p></body></html>
      """
    let template = try TemplateEngine(roots: [fixtures]).compile(source: source, name: "hiding.xhtml")
    let verdicts = try [
      "p { display: none }", "p { display: none }", "p { color: red }", "p { color: red }", "b{DISPLAY:var(--x)}",
    ]
    .map { try template.render(["css": .string($0)], outline: true).mayHide }
    #expect(verdicts == [true, true, false, false, true])
  }

  /// What a probe found: a stylesheet is a stylesheet whatever holds it or is in it.
  @Test func aStylesheetAnywhereIsScanned() throws {
    let rule = "[data-field=payment-owner]{display:none}"
    // An element inside a stylesheet (text to a browser reading HTML) sends it to the parse,
    // and the outer stylesheet is still scanned whole.
    #expect(
      try Self.rendered(
        head: "<style t:if=\"on\">\(rule)<script t:if=\"on\"></script></style>", "<p>x</p>", ["on": true]
      ).mayHide)
    #expect(
      try Self.rendered(
        head: "<style t:if=\"on\"><t:block t:text=\"v\"/><script t:if=\"on\"></script></style>", "<p>x</p>",
        ["on": true, "v": .string(rule)]
      ).mayHide)
    // A `style` in another namespace (SVG) styles the page too.
    #expect(
      try Self.rendered(
        #"<svg xmlns="http://www.w3.org/2000/svg"><style t:if="on">\#(rule)</style></svg>"#, ["on": true]
      ).mayHide)
    #expect(
      try !Self.rendered(
        #"<svg xmlns="http://www.w3.org/2000/svg"><style t:if="on">rect { fill: red }</style></svg>"#, ["on": true]
      ).mayHide)
  }

  /// A mark in the head is not shown, nor one inside a script or stylesheet: the parse decides.
  @Test func aMarkWhereNoReaderSeesItIsParsed() throws {
    #expect(
      try Self.rendered(head: #"<meta name="kind" t:attr="content: v"/>"#, "<p>x</p>", ["v": "x"]).mayHide == false)
    #expect(
      try Self.rendered(head: #"<title><span data-field="payment-owner" t:text="v"/></title>"#, "<p>x</p>", ["v": "x"])
        .mayHide)
    #expect(try Self.rendered(head: #"<title><span data-field="payment-owner">王</span></title>"#, "<p>x</p>").mayHide)
    #expect(
      try Self.rendered(
        #"<script type="text/plain"><span data-field="payment-owner" t:text="v"/></script>"#, ["v": "x"]
      )
      .mayHide)
  }

  /// A document written as XML is read otherwise by a browser reading HTML: always parsed.
  @Test func anXMLDocumentIsParsed() throws {
    let template = try TemplateEngine(roots: [fixtures]).compile(
      source: #"<r xmlns:t="urn:ardoc:template"><p t:text="v"/></r>"#, name: "plain.xml")
    #expect(try template.render(["v": "x"], outline: true).mayHide)
  }

  @Test func staticPiecesWereScannedWhenCompiled() throws {
    #expect(try Self.rendered(#"<div hidden="hidden">x</div>"#).mayHide)
    #expect(try Self.rendered(#"<div hidden="hidden">${v}</div>"#, ["v": "x"]).mayHide)
    #expect(try Self.rendered("<details><p>${v}</p></details>", ["v": "x"]).mayHide)
    #expect(try Self.rendered("<!-- display: none --><p>${v}</p>", ["v": "x"]).mayHide)
    #expect(try !Self.rendered(#"<div class="a"><p>${v}</p></div>"#, ["v": "x"]).mayHide)
  }

  /// For any style attribute value and any text, the render's decision is the scan's over the
  /// document without the text.
  @Test func theDecisionIsTheScanWithoutTheText() async {
    let values = HidingScanTests.pieces.array(of: 0...8).map { $0.joined() }
    await propertyCheck(input: values, values) { style, text in
      let body = #"<p style="${s}">${t}</p>"#
      let withText = try? Self.rendered(body, ["s": .string(style), "t": .string(text)])
      let without = try? Self.rendered(body, ["s": .string(style), "t": ""])
      #expect(withText != nil)
      #expect(withText?.mayHide == without.map { HidingScan.mayHide($0.bytes) }, "\(style.debugDescription)")
    }
  }
}
