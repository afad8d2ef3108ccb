import Basics
import Ledger
import PropertyBased
import TestSupport
import Testing
import Validation

@testable import Workflows

/// The stand-in number a letter is validated under before it takes its own.
@Suite struct ProvisionalNumberTests {
  let provisional = ProvisionalNumber()

  func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func theStandInIsFilledEverywhereAndWhereEachStarts() throws {
    let letter = "<title>对账函 \(provisional.text)</title><td>\(provisional.text)</td>"
    let filled = try #require(provisional.fill(bytes(letter), with: "DZ-202611-0001"))
    #expect(String(decoding: filled.bytes, as: UTF8.self) == "<title>对账函 DZ-202611-0001</title><td>DZ-202611-0001</td>")
    #expect(filled.at == [17, 43])
  }

  @Test func aNumberThatNeedsEscapingOrATransformedStandInIsNotFilled() {
    let letter = bytes("<p>\(provisional.text)</p>")
    #expect(provisional.fill(letter, with: "A&B-1") == nil)
    #expect(provisional.fill(letter, with: "A<1") == nil)
    // A template that wrote the number in upper or lower case left the digits behind.
    #expect(provisional.fill(bytes("<p>\(provisional.text.uppercased())</p>"), with: "DZ-1") == nil)
    #expect(provisional.fill(bytes("<p>\(provisional.text.lowercased())</p>"), with: "DZ-1") == nil)
    #expect(provisional.text.hasPrefix("ArDoC") && provisional.text.count == 25)
    #expect(ProvisionalNumber().text != provisional.text)
  }

  @Test func onlyAMarkerOverlappingTheNumberCounts() throws {
    func touches(_ before: String, _ number: String, _ after: String, _ markers: [String]) -> Bool {
      let text = before + number + after
      return ProvisionalNumber.touches(
        ProvisionalNumber.forms(markers), bytes(text), at: [before.utf8.count], length: number.utf8.count)
    }
    #expect(touches("编号：", "FP-0001", "。", ["FP-0001"]))
    #expect(touches("编号：F", "P-0001", "。", ["FP-0001"]))
    #expect(touches("编号：", "DZ-起", "诉", ["起诉"]))
    #expect(touches("<p>", "A$", "{x}", ["${"]))
    // A marker in the text around it was there under the stand-in too: the draft's report holds.
    #expect(!touches("样例 ", "DZ-0001", " 样例", ["样例"]))
    #expect(!touches("编号：", "DZ-202611-0001", "", ["FP-0001", "${", "起诉"]))
    // A marker with `&` is found as the document holds it, escaped.
    #expect(touches("<p>", "R&amp;D", "</p>", ["R&D"]))
  }

  /// In the body's text, as the validator reads words, a marker can meet the number across a
  /// tag: the filled letter is then validated again.
  @Test func aMarkerMeetingTheNumberAcrossATagCounts() {
    func touches(_ body: String, _ number: String, _ markers: [String]) -> Bool {
      let bytes = Array("<html><body>\(body)</body></html>".utf8)
      guard let start = ByteSearch.find(Array(number.utf8), in: bytes) else { return false }
      return Validator.textTouches(ProvisionalNumber.forms(markers), bytes, at: [start], length: number.utf8.count)
    }
    #expect(touches("<p>编号：<b>FP-000</b>1</p>", "FP-000", ["FP-0001"]))
    #expect(touches("<p>编号：F<b>P-0001</b></p>", "P-0001", ["FP-0001"]))
    #expect(touches("<p><span>DZ-起</span><span>诉</span></p>", "DZ-起", ["起诉"]))
    #expect(!touches("<p>编号：<b>DZ-0001</b>。合同</p>", "DZ-0001", ["合同", "FP-0001"]))
    #expect(touches("<p>R&amp;<b>D-1</b></p>", "D-1", ["R&D"]))
    // In an attribute, the number is no part of the text.
    #expect(!touches(#"<p title="FP-000">1</p>"#, "FP-000", ["FP-0001"]))
  }

  /// Whatever stands around the stand-in (markers split by tags, spelled with references, next
  /// to comments), when neither check says a marker meets the filled-in number, validating the
  /// filled letter gives the draft's findings: the report a batch keeps is the letter's.
  @Test func aKeptReportIsTheFilledLettersOwn() async throws {
    let validator = Validator(policy: try Policy.load(packageRoot + "/Examples/policy.json"))
    let forms = ProvisionalNumber.forms(validator.textMarkers)
    let golden = try FileBytes.text(packageRoot + "/Tests/LettersTests/Fixtures/golden/zh-CN/confirmation-C001.html")
      .replacingOccurrences(of: "DZ-202611-0001", with: provisional.text)
    let stand = "\u{0}"
    let units = ["起", "<b>诉</b>", "&#35785;", "<!-- c -->", "FP-", "<i>0001</i>", "样", "<i>例</i>", stand, stand]
    let numbers = ["DZ-202611-0001", "FP-0001", "FP-", "0001", "起", "样", "1"]
    let kept = Locked(0)
    await propertyCheck(
      count: 1000, input: Gen.int(in: 0...(units.count - 1)).array(of: 0...8), Gen.int(in: 0...(numbers.count - 1))
    ) {
      picks, pick in
      let snippet = picks.map { units[$0] == stand ? provisional.text : units[$0] }.joined()
      let draft = Array(golden.replacingOccurrences(of: "烦请核对。", with: "烦请核对" + snippet + "。").utf8)
      let report = validator.validate(draft, file: "draft.html")
      let number = numbers[pick]
      guard report.valid, let filled = provisional.fill(draft, with: number) else { return }
      let length = number.utf8.count
      guard !ProvisionalNumber.touches(forms, filled.bytes, at: filled.at, length: length),
        !Validator.textTouches(forms, filled.bytes, at: filled.at, length: length)
      else { return }
      kept.withLock { $0 += 1 }
      #expect(
        validator.validate(filled.bytes, file: "draft.html").findings == report.findings,
        "\(snippet.debugDescription) under \(number)")
    }
    #expect(kept.withLock { $0 } > 0)
  }
}
