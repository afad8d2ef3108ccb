import Testing

@testable import Ledger

/// A record's fields: read order kept, a write replaces in place, and past `FieldMap.indexed`
/// fields the dictionary index gives the same answers.
@Suite struct FieldMapTests {
  func entry(_ text: String) -> RawEntry { RawEntry(value: .string(text), line: 1, column: nil, label: text) }

  func text(_ entry: RawEntry?) -> String? {
    guard case .string(let text)? = entry?.value else { return nil }
    return text
  }

  @Test(arguments: [3, FieldMap.indexed, FieldMap.indexed + 1, 100])
  func readsWritesAndKeepsOrder(count: Int) {
    var map = FieldMap()
    for i in 0..<count { map.appendNew("k\(i)", entry("v\(i)")) }
    #expect(map.keys == (0..<count).map { "k\($0)" })
    #expect(text(map["k0"]) == "v0")
    #expect(text(map["k\(count - 1)"]) == "v\(count - 1)")
    #expect(map["missing"] == nil)
    map["k1"] = entry("changed")
    map["new"] = entry("added")
    #expect(text(map["k1"]) == "changed")
    #expect(map.keys.count == count + 1)
    #expect(map.keys.last == "new")
    #expect(map.map { text($0.value) ?? "" }.last == "added")
    map["k0"] = nil
    #expect(map["k0"] == nil)
    #expect(text(map["k2"]) == "v2")
    #expect(text(map["new"]) == "added")
    #expect(map.keys.count == count)
  }

  @Test func aLiteralKeepsItsOrder() {
    let map: FieldMap = ["b": entry("1"), "a": entry("2")]
    #expect(map.keys == ["b", "a"])
  }
}
