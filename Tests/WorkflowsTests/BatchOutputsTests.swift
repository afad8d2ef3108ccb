import Testing

@testable import Workflows

/// The byte search the print bundle uses to lift each letter's body.
@Suite struct BatchOutputsTests {
  func find(_ needle: String, _ hay: String, from start: Int = 0) -> Int? {
    BatchOutputs.find(Array(needle.utf8), in: Array(hay.utf8), from: start)
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
