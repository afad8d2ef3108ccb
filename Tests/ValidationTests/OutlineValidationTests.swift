import Basics
import Ledger
import LibXML
import PropertyBased
import Templating
import Testing

@testable import Validation

/// A batch validates each letter from what its render recorded (``Templating/RenderedDocument``),
/// without parsing it. That must find what parsing finds: for every golden document and for
/// documents mutated to break each rule, the findings from the outline (rule, severity and
/// message) are those from the parsed bytes.
@Suite struct OutlineValidationTests {
  /// Each golden document, or a mutation of one, rendered as a template without directives:
  /// the bytes are the document's own, and the outline is what a render records.
  func rendered(_ text: String, _ name: String) throws -> RenderedDocument {
    let template = try TemplateEngine().compile(source: text, name: name)
    return try template.render([:], outline: true)
  }

  static let mutations: [(file: String, target: String, replacement: String)] = [
    ("zh-CN/confirmation-C001.html", #"data-party="苏州华东机电设备有限公司""#, #"data-party="别的公司""#),
    ("zh-CN/confirmation-C001.html", #"<span data-date="disagree">"#, "<span>"),
    ("zh-CN/confirmation-C001.html", #"data-amount="100000.00""#, #"data-amount="100000.10""#),
    ("zh-CN/confirmation-C001.html", "叁拾捌万元整", "叁拾玖万元整"),
    (
      "zh-CN/confirmation-C001.html", #"data-field="reply-balance">¥380,000.00<"#,
      #"data-field="reply-balance">¥380,001.00<"#
    ),
    ("zh-CN/confirmation-C001.html", #"<meta name="ardoc:as-of" content="2026-11-30" />"#, ""),
    ("zh-CN/confirmation-C001.html", ">苏州华东机电设备有限公司</span>：", ">某某机电设备有限公司</span>："),
    ("zh-CN/confirmation-C001.html", "王建国", "王建军"),
    ("zh-CN/confirmation-C001.html", "（盖章）：<span>上海澄明工业软件有限公司</span>", "（盖章）：<span>苏州华东机电设备有限公司</span>"),
    ("zh-CN/dunning-2-C005.html", #"data-field="balance">¥240,000.00"#, #"data-field="balance">$240,000.00"#),
    ("zh-CN/dunning-2-C005.html", #"data-field="deadline">2026年12月15日"#, #"data-field="deadline">2026年11月15日"#),
    ("zh-CN/dunning-1-C013.html", "感谢贵公司长期以来", "根据双方合同，感谢贵公司长期以来"),
    // A word split by markup or spelled with a reference is found in the outline's text too.
    ("zh-CN/dunning-1-C013.html", "感谢贵公司长期以来", "根据双方合<b>同</b>，感谢贵公司长期以来"),
    ("zh-CN/dunning-1-C013.html", "感谢贵公司长期以来", "根据双方合&#21516;，感谢贵公司长期以来"),
    ("zh-CN/confirmation-C001.html", "烦请核对。", "烦请核对张<b>三</b>。"),
    ("zh-CN/penalty-legal-demand-C010.html", #"data-interest="6087.21""#, #"data-interest="6087.22""#),
    ("zh-CN/penalty-legal-demand-C010.html", #"data-field="claim-rate">3.90%<"#, #"data-field="claim-rate">4.90%<"#),
    ("zh-CN/penalty-legal-demand-C010.html", #"data-field="interest-rate">3.90%<"#, #"data-field="interest-rate">4%<"#),
    ("zh-CN/penalty-legal-demand-C010.html", #"data-field="law-firm">上海明衡律师事务所<"#, #"data-field="law-firm">某所<"#),
    ("zh-CN/reconciliation-C003.html", #"data-item-amount="6000.00""#, #"data-item-amount="6001.00""#),
    ("zh-CN/reconciliation-C003.html", #"data-field="item-amount">6,000.00<"#, #"data-field="item-amount">6,001.00<"#),
    ("en/reconciliation-C003.html", #"data-field="our-balance">270,000.00<"#, #"data-field="our-balance">270,001<"#),
    ("zh-CN/confirmation-C001.html", #"data-field="number">DZ-202611-0001<"#, #"data-field="number">DZ-2<"#),
    ("zh-CN/confirmation-C001.html", #"data-field="row-issued">2026-08-05<"#, #"data-field="row-issued">2026年8月6日<"#),
    ("en/confirmation-C001.html", #"data-date="issuer">30 November 2026<"#, #"data-date="issuer">1 Nov 2026<"#),
    // An attribute in another namespace counts as present, as libxml2's lookup finds it.
    ("zh-CN/confirmation-C001.html", #"data-amount="100000.00""#, #"xmlns:x="urn:x" x:data-amount="100000.00""#),
    // A stylesheet in a marked element: a parser's text of the element holds it, the kept
    // text does not, so the render sends the letter to be parsed (prefixed or not).
    (
      "zh-CN/confirmation-C001.html", #"data-field="reply-balance">¥380,000.00<"#,
      #"data-field="reply-balance">¥380,000.00<x:style xmlns:x="urn:x">9</x:style><"#
    ),
    (
      "zh-CN/confirmation-C001.html", #"data-field="reply-balance">¥380,000.00<"#,
      #"data-field="reply-balance">¥380,000.00<style>9</style><"#
    ),
    // A name in capitals is the same element to the rules.
    ("zh-CN/confirmation-C001.html", "<head>", #"<head><META name="ardoc:balance" content="1.00" />"#),
  ]

  func compare(_ text: String, _ name: String, validator: Validator, sameBytes: Bool = true) throws {
    let document = try rendered(text, name)
    if sameBytes { #expect(document.bytes == Array(text.utf8), "\(name): the render is not the document") }
    let (fromOutline, complete) = validator.outlineFindings(document)
    let fromParse = validator.validate(document.bytes, file: name).findings
    if complete {
      #expect(
        fromOutline.map { "\($0.severity) [\($0.rule)] \($0.message)" }
          == fromParse.map { "\($0.severity) [\($0.rule)] \($0.message)" }, "\(name)")
    } else {
      // A rule needed a search: the batch then validates the parsed bytes.
      #expect(!fromParse.isEmpty, "\(name)")
    }
    #expect(validator.validate(rendered: document, file: name) == validator.validate(document.bytes, file: name))
    // The text the render kept is the text of its bytes, element by element, where nothing
    // may be hidden (otherwise the bytes are parsed).
    guard !document.mayHide else { return }
    let outline = RenderedOutline(document)
    for node in outline.marked {
      let element = node.element
      #expect(node.textUTF8 == RenderedText.text(document.bytes, from: element.start, to: element.end), "\(name)")
    }
    #expect(outline.shownText == RenderedText.shown(document.bytes), "\(name)")
  }

  @Test func everyGoldenReadsTheSameFromItsOutline() throws {
    for file in goldenFiles() {
      for validator in [Validator(policy: policy, ledger: ledger), Validator(policy: policy)] {
        try compare(golden(file), file, validator: validator)
        #expect(validator.outlineFindings(try rendered(golden(file), file)).findings == [], "\(file)")
      }
    }
  }

  @Test func everyMutationIsFoundFromTheOutline() throws {
    for mutation in Self.mutations {
      let text = golden(mutation.file)
      #expect(text.contains(mutation.target), "\(mutation.file) lacks \(mutation.target)")
      let changed = text.replacingOccurrences(of: mutation.target, with: mutation.replacement)
      let validator = Validator(policy: policy, ledger: ledger)
      let (findings, complete) = validator.outlineFindings(try rendered(changed, mutation.file))
      // Found, or sent to the parsed bytes (wording and leftovers locate their hit by XPath).
      #expect(!findings.isEmpty || !complete, "\(mutation.file): \(mutation.target)")
      try compare(changed, mutation.file, validator: validator, sameBytes: false)
    }
  }
}

/// The text the rules search for words, read from a render's bytes, against libxml2's text of
/// the parsed bytes: the same, whatever the values hold, for the body and for the whole
/// document (title and text around the body in, style and script out).
@Suite struct BodyTextTests {
  static let pieces = Gen<Character?>.element(of: Array("a中<>&\"';\t\n\r#x;lt") as [Character]).map { $0! }

  @Test func theRendersTextIsWhatLibxml2Reads() async throws {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head><title>${t}</title>\
        <style>p::after { content: "x" }</style><script>var y = 1;</script><style/></head>${b}\
        <body><p title="${a}">${a}<b>${b}</b><!-- note -->${a}</p><div t:each="x in xs"><span t:text="x">x</span>&amp;&#20013;</div></body></html>
        """, name: "body.xhtml")
    await propertyCheck(input: Self.pieces.string(of: 0...12), Self.pieces.string(of: 0...12)) { a, b in
      let values: TemplateValue = ["a": .string(a), "b": .string(b), "t": .string(b), "xs": [.string(a), .string(b)]]
      guard let rendered = try? template.render(values, outline: true) else {
        Issue.record("not rendered: \(a.debugDescription) \(b.debugDescription)")
        return
      }
      // The body as the validator's rules read it from the render, and as libxml2 reads it.
      let outlined = RenderedOutline(rendered).marked.first { $0.name == "body" }
      let parsed = try? XMLDocument.parse(rendered.bytes, file: "body.xhtml")
      let body = try? parsed?.select("//*[local-name()='body']").first
      #expect(outlined != nil)
      #expect(
        outlined?.textUTF8 == Array((body?.textContent ?? "-").utf8), "\(a.debugDescription) \(b.debugDescription)")
      let shown = RenderedOutline(rendered).shownText
      #expect(shown == parsed?.text(outside: ["style", "script"]), "\(a.debugDescription) \(b.debugDescription)")
      #expect(shown == Array((b + b + a + b + a + a + "&中" + b + "&中").utf8))
    }
  }
}

/// Text runs of every length (read eight bytes at a time where they are long), escapes and
/// tags, read back as written.
@Suite struct RenderedTextRunTests {
  @Test func runsEscapesAndTagsReadBack() async {
    let pieces = ["a", "bcdefghij", "中文字符", "&", "<", ">", " ", "0123456789abcdef", "\n", "x&y<z"]
    await propertyCheck(input: Gen.int(in: 0...Int.max)) { seed in
      var rest = seed
      var text = ""
      while rest > 0 {
        text += pieces[rest % pieces.count]
        rest /= pieces.count
      }
      let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
      let bytes = Array("<p>\(escaped)<b class=\"c\">\(escaped)</b><!-- \(escaped) -->\(escaped)</p>".utf8)
      #expect(RenderedText.text(bytes, from: 0, to: bytes.count) == Array((text + text + text).utf8), "\(text)")
    }
  }
}

/// The text around a filled-in number, read backwards and forwards from it.
@Suite struct TextAroundTests {
  func around(_ text: String, _ number: String, reach: Int = 6) -> RenderedText.Surroundings {
    let bytes = Array(text.utf8)
    let start = ByteSearch.find(Array(number.utf8), in: bytes) ?? -1
    return RenderedText.around(bytes, start: start, length: number.utf8.count, reach: reach)
  }

  @Test func tagsAreSkippedAndEscapesUndoneOnBothSides() {
    #expect(
      around("<p>x&amp;<b class=\"a\">y</b>DZ-1<i>&lt;z</i>w</p>", "DZ-1")
        == .text(before: Array("x&y".utf8), after: Array("<zw".utf8)))
    #expect(around("<p>abcdefgh;DZ-1</p>", "DZ-1", reach: 3) == .text(before: Array("gh;".utf8), after: []))
  }

  @Test func anAttributeIsATagAndACommentOrCDATAIsNotWorkedOut() {
    #expect(around(#"<p title="DZ-1">x</p>"#, "DZ-1") == .tag)
    #expect(around("<p><!-- c -->DZ-1</p>", "DZ-1") == .unknown)
    #expect(around("<p><![CDATA[c]]>DZ-1</p>", "DZ-1") == .unknown)
  }
}

/// The validator's byte search, against a plain scan.
@Suite struct ByteSearchTests {
  static let pieces = Gen<Character?>.element(of: Array("ab中文某某\u{0}$ {") as [Character]).map { $0! }

  @Test func findsWhatAScanFinds() async {
    await propertyCheck(input: Self.pieces.string(of: 0...30), Self.pieces.string(of: 0...4)) { hay, needle in
      let bytes = Array(hay.utf8)
      let wanted = Array(needle.utf8)
      let expected =
        !wanted.isEmpty && wanted.count <= bytes.count
        && (0...(bytes.count - wanted.count)).contains { bytes[$0..<($0 + wanted.count)].elementsEqual(wanted) }
      #expect(bytes.holds(needle) == expected, "\(hay.debugDescription) \(needle.debugDescription)")
    }
  }
}

/// A stylesheet or script inside a marked element is text to a parser's reading of the
/// element, not to the render's kept text: such a render may hide, and is validated from its
/// parsed bytes. One in the head, or beside the marked elements, changes nothing.
@Suite struct StyleInMarkedElementTests {
  func mayHide(_ body: String, head: String = "") throws -> Bool {
    let template = try TemplateEngine().compile(
      source: """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template"><head>\(head)</head>\
        <body>\(body)</body></html>
        """, name: "style.xhtml")
    return try template.render(["a": "1", "s": "p {}"], outline: true).mayHide
  }

  @Test func aStylesheetInAMarkedElementSendsTheLetterToBeParsed() throws {
    // A static stylesheet in a marked element written by the render, one written by the render
    // in a static marked element, a prefixed one, a script, and the marked element itself.
    #expect(try mayHide(#"<p data-field="x">${a}<style>p {}</style></p>"#))
    #expect(try mayHide(#"<p data-field="x"><style>${s}</style></p>"#))
    #expect(try mayHide(#"<p data-field="x">1<style>p {}</style></p>"#))
    #expect(try mayHide(#"<p data-field="x">${a}<y:style xmlns:y="urn:y">p {}</y:style></p>"#))
    #expect(try mayHide(#"<p data-field="x">${a}<script>var b = 1;</script></p>"#))
    #expect(try mayHide(#"<style data-field="x">${s}</style>"#))
  }

  @Test func aStylesheetElsewhereChangesNothing() throws {
    #expect(try !mayHide(#"<p data-field="x">${a}</p>"#, head: "<style>${s}</style>"))
    #expect(try !mayHide(#"<p data-field="x">${a}</p><div><style>p {}</style></div>"#))
    #expect(try !mayHide(#"<p data-field="x">${a}</p><div><style>${s}</style></div>"#))
  }
}
