import Basics
import Testing

@testable import Workflows

/// The byte search the print bundle uses to lift each letter's body.
@Suite struct BatchOutputsTests {
  func find(_ needle: String, _ hay: String, from start: Int = 0) -> Int? {
    ByteSearch.find(Array(needle.utf8), in: Array(hay.utf8), from: start)
  }

  @Test func findsTheFirstWholeMatchFromTheStart() {
    #expect(find("</body>", "</body>") == 0)
    #expect(find("</body>", "x</body>") == 1)
    #expect(find("</body>", "<</bod</body></body>") == 6)
    #expect(find("</body>", "</bod") == nil)
    #expect(find("</body>", "") == nil)
    #expect(find("</body>", "</body> </body>", from: 1) == 8)
    #expect(find("</body>", "</body>", from: 7) == nil)
    #expect(find("</body>", "</body>", from: 99) == nil)
    #expect(find("", "abc") == nil)
  }

  @Test func bodyContentSkipsLookalikesAndKeepsAttributes() {
    let page = Array("<html><bodyguard/><body class=\"a&gt;b\">\n<p>信</p>\n</body></html>".utf8)
    #expect(BatchOutputs.bodyContent(page).map { String(decoding: $0, as: UTF8.self) } == "\n<p>信</p>\n")
    #expect(BatchOutputs.bodyContent(Array("<html><body>".utf8)) == nil)
    #expect(BatchOutputs.bodyContent(Array("<html><body></body>".utf8)) == [])
  }
}

/// The print bundle's wrapping of one letter, and the CSS string it puts the number in.
@Suite struct BundleSectionTests {
  @Test func aSectionNamesItsPageGroupAndFooter() {
    let section = BatchOutputs.section(Array("<p>x</p>".utf8), number: "DZ-202611-0007", index: 7)
    #expect(
      String(decoding: section, as: UTF8.self)
        == #"<style>@page letter-7 { @bottom-center { content: "DZ-202611-0007"; } }</style><section class="letter" data-number="DZ-202611-0007" style="page: letter-7"><p>x</p></section>"#
        + "\n")
  }

  @Test func cssStringsEscapeWhatCouldEndTheStringOrTheStyle() {
    #expect(BatchOutputs.cssString("对账-2026-0001") == #""对账-2026-0001""#)
    #expect(BatchOutputs.cssString(#"a"b\c</style>"#) == #""a\22 b\5C c\3C /style\3E ""#)
    #expect(BatchOutputs.cssString("a\nb\u{1}") == #""a\A b\1 ""#)
  }
}
