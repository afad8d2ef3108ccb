import Basics
import PropertyBased
import Testing

@testable import Templating

@Suite struct TemplateMembersTests {
  @Test func membersKeepTheirFirstPlaceAndTheLatestValue() {
    var members: TemplateMembers = ["b": 1, "a": "x", "b": 2]
    #expect(members.keys == ["b", "a"])
    #expect(members["b"] == .number(ExactDecimal(2)))
    members["c"] = true
    members["a"] = "y"
    #expect(members.keys == ["b", "a", "c"])
    #expect(members["a"] == .string("y"))
    members["b"] = nil
    #expect(members.keys == ["a", "c"])
    #expect(members["b"] == nil)
    #expect(members.count == 2)
  }

  @Test func equalityIgnoresOrder() {
    let one: TemplateMembers = ["a": 1, "b": 2]
    let other: TemplateMembers = ["b": 2, "a": 1]
    #expect(one == other)
    #expect(one != ["a": 1, "b": 3])
    #expect(one != ["a": 1])
    #expect(one != ["a": 1, "b": 2, "c": 3])
  }

  @Test func aDictionaryGivesItsMembersInTheOrderOfTheirNames() {
    let members = TemplateMembers(["z": 1, "m": 2, "a": 3])
    #expect(members.keys == ["a", "m", "z"])
    #expect(members.dictionary == ["z": 1, "m": 2, "a": 3])
  }

  @Test func mergingKeepsPlacesAndAsksWhichValue() {
    var members: TemplateMembers = ["a": 1, "b": 2]
    members.merge(["b": 20, "c": 30]) { _, new in new }
    #expect(members.keys == ["a", "b", "c"])
    #expect(members["b"] == .number(ExactDecimal(20)))
    let kept = members.merging(["a": 100]) { old, _ in old }
    #expect(kept["a"] == .number(ExactDecimal(1)))
  }

  /// Small objects are searched pair by pair and large ones through a dictionary of
  /// positions: both give what a dictionary gives, through any number of sets and removals.
  @Test func membersAreADictionaryWhateverTheirSize() async {
    // Each step sets one of 41 names to one of ten numbers, or removes it (-1).
    // A literal first (names may repeat), then sets and removals.
    let codes = Gen.int(in: 0...(41 * 11 - 1)).array(of: 0...120)
    await propertyCheck(input: Gen.int(in: 0...(41 * 10 - 1)).array(of: 0...30), codes) { literal, codes in
      let given = literal.map { ("k\($0 / 10)", TemplateValue.number(ExactDecimal($0 % 10))) }
      var members = TemplateMembers(literal: given)
      var dictionary: [String: TemplateValue] = [:]
      var order: [String] = []
      for (name, value) in given {
        dictionary[name] = value
        if !order.contains(name) { order.append(name) }
      }
      #expect(members.dictionary == dictionary)
      #expect(members.keys == order)
      #expect(members.count == order.count)
      #expect(members == TemplateMembers(dictionary))
      let steps = codes.map { ("k\($0 / 11)", $0 % 11 - 1) }
      for (name, number) in steps {
        let value: TemplateValue? = number < 0 ? nil : .number(ExactDecimal(number))
        members[name] = value
        dictionary[name] = value
        if value == nil { order.removeAll { $0 == name } } else if !order.contains(name) { order.append(name) }
      }
      #expect(members.dictionary == dictionary)
      #expect(members.keys == order)
      for name in (0...40).map({ "k\($0)" }) { #expect(members[name] == dictionary[name]) }
    }
  }
}
