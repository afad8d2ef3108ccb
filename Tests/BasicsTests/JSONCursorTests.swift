import Basics
import Testing

@Suite struct JSONCursorTests {
  @Test func readsTheLayoutItExpects() throws {
    var c = try #require(JSONCursor(Array(#"{"id":"C\"1","n":-12,"ok":true,"tags":["a","\u534e"]}"#.utf8)))
    var steps: [Bool] = []
    steps.append(c.openObject())
    steps.append(c.key("id"))
    let id = c.string()
    // A key that does not come next reads nothing: the one that does still reads.
    steps.append(!c.key("ok"))
    steps.append(c.key("n"))
    let n = c.int()
    steps.append(c.key("ok"))
    let ok = c.bool()
    steps.append(c.key("tags"))
    steps.append(c.openArray())
    var tags: [String] = []
    while c.nextItem() == true { tags.append(c.string() ?? "?") }
    steps.append(c.closeObject())
    #expect(steps == Array(repeating: true, count: 8))
    #expect(id == "C\"1")
    #expect(n == -12)
    #expect(ok == true)
    #expect(tags == ["a", "华"])
    #expect(c.atEnd)
  }

  @Test func anythingElseIsNil() throws {
    #expect(JSONCursor([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == nil)
    #expect(JSONCursor([0x7B, 0xC3, 0x28, 0x7D]) == nil)
    var fraction = try #require(JSONCursor(Array("[1.5]".utf8)))
    let fractionSteps = [fraction.openArray(), fraction.nextItem() == true]
    #expect(fractionSteps == [true, true])
    let whole = fraction.int()
    #expect(whole == nil)
    var spaced = try #require(JSONCursor(Array(#"{ "id":1}"#.utf8)))
    let spacedSteps = [spaced.openObject(), spaced.key("id")]
    #expect(spacedSteps == [true, false])
    var control = try #require(JSONCursor(Array("\"a\u{1}\"".utf8)))
    let text = control.string()
    #expect(text == nil)
    var missingComma = try #require(JSONCursor(Array("[1 2]".utf8)))
    let opened = missingComma.openArray()
    let first = missingComma.nextItem()
    let one = missingComma.int()
    let second = missingComma.nextItem()
    #expect(opened && first == true && one == 1 && second == nil)
  }
}
