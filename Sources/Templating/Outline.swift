import Vocabulary

/// Which elements a render records for the validator: those with any of `attributes`, and
/// those named one of `elements`.
public struct OutlineMarks: Sendable {
  public var attributes: Set<String>
  public var elements: Set<String>

  public init(attributes: Set<String>, elements: Set<String>) {
    self.attributes = attributes
    self.elements = elements
  }

  /// The marks docs/design.md section 6 gives the validator.
  public static let validator = OutlineMarks(
    attributes: Set(MarkedAttribute.allCases.map(\.rawValue)), elements: Set(MarkedElement.allCases.map(\.rawValue)))
}

/// An element the validator reads, recorded as it was written: its name, attributes and
/// where it lies in the bytes (from its `<` to the end of its end tag).
public struct OutlineElement: Sendable, Equatable {
  public let name: String
  public let attributes: [Pair]
  public var start: Int
  public var end: Int

  public struct Pair: Sendable, Equatable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  init(name: String, attributes: [Pair], start: Int, end: Int) {
    self.name = name
    self.attributes = attributes
    self.start = start
    self.end = end
  }

  public func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }
}
