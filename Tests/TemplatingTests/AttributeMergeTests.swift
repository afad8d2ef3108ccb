import PropertyBased
import Testing

@testable import Templating

/// An element's own attributes and its `t:attr` ones merge as ``Renderer/merged(_:overriddenBy:make:)``
/// says. Where the merge only removes and adds, the planner works out the kept own ones once,
/// and a render writes those then the `t:attr` ones: the same attributes, in the same order.
@Suite struct AttributeMergeTests {
  /// Names, prefixes and namespaces from a small pool, so that they meet often.
  static let names = ["a", "b", "c"]
  static let spaces: [(prefix: String?, uri: String?)] = [(nil, nil), ("x", "urn:x"), ("y", "urn:x"), ("z", "urn:z")]

  @Test func theKeptOwnAttributesGiveTheMerge() async {
    let own = Gen.int(in: 0...11).array(of: 0...4)
    let dynamic = Gen.int(in: 0...23).array(of: 0...4)
    await propertyCheck(count: 500, input: own, dynamic) { ownCodes, dynamicCodes in
      let ownAttributes = ownCodes.map { code in
        let space = Self.spaces[code / 3]
        return AttributeTemplate(
          name: Self.names[code % 3], prefix: space.prefix, namespaceURI: space.uri, value: [.literal("own\(code)")])
      }
      let dynamicAttributes = dynamicCodes.map { code in
        let space = Self.spaces[(code / 3) % 4]
        return DynamicAttribute(
          name: Self.names[code % 3], prefix: space.prefix, namespaceURI: space.uri, value: .literal(.null))
      }
      // Every other `t:attr` has no text (null or false leaves it out).
      let values = dynamicAttributes.enumerated().map { ($1, dynamicCodes[$0] >= 12 ? "set\($0)" : nil) }
      func make(_ attribute: AttributeTemplate) -> Markup.Attribute {
        guard case .literal(let text) = attribute.value.first else { return Markup.Attribute(name: "", value: "") }
        return Markup.Attribute(
          name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI, value: text)
      }
      let merged = Renderer.merged(ownAttributes.map(make), overriddenBy: values) {
        Markup.Attribute(name: $0.name, prefix: $0.prefix, namespaceURI: $0.namespaceURI, value: $1)
      }
      guard let kept = Renderer.keptOwnAttributes(ownAttributes, overriddenBy: dynamicAttributes) else { return }
      let planned =
        kept.map { make(ownAttributes[$0]) }
        + values.compactMap { attribute, text in
          text.map {
            Markup.Attribute(
              name: attribute.name, prefix: attribute.prefix, namespaceURI: attribute.namespaceURI, value: $0)
          }
        }
      #expect(planned.map(\.qualifiedName) == merged.map(\.qualifiedName), "\(ownCodes) \(dynamicCodes)")
      #expect(planned.map(\.value) == merged.map(\.value), "\(ownCodes) \(dynamicCodes)")
      #expect(planned.map(\.namespaceURI) == merged.map(\.namespaceURI), "\(ownCodes) \(dynamicCodes)")
    }
  }

  @Test func aTAttrThatReplacesAnOwnAttributeOfAnotherPrefixIsMergedEachRender() {
    let own = [AttributeTemplate(name: "a", prefix: "x", namespaceURI: "urn:x", value: [])]
    let dynamic = [DynamicAttribute(name: "a", prefix: "y", namespaceURI: "urn:x", value: .literal(.null))]
    #expect(Renderer.keptOwnAttributes(own, overriddenBy: dynamic) == nil)
    #expect(Renderer.keptOwnAttributes(own, overriddenBy: []) == [0])
  }
}
