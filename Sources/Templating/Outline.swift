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

/// An element the validator reads, recorded as it was written: its name, attributes, where
/// it lies in the bytes (from its `<` to the end of its end tag) and where its text lies in
/// the render's text (``RenderedDocument/text``).
public struct OutlineElement: Sendable, Equatable {
  public let name: String
  public let attributes: [Pair]
  public var start: Int
  public var end: Int
  /// Its text: `text[textStart..<textEnd]` of the render's ``RenderedDocument/text``.
  public var textStart: Int
  public var textEnd: Int

  public struct Pair: Sendable, Equatable {
    public let name: String
    public let value: String
    /// The name after its prefix (`data-field` of `x:data-field`), and whether it has none:
    /// worked out where the pair is made, for a template's literal attributes when it is
    /// compiled, so a validator reading every letter's marks compares no names.
    public let localName: String
    public let isPlain: Bool
    /// The ``MarkedAttribute`` the local name is, if any.
    public let mark: MarkedAttribute?

    public init(name: String, value: String) {
      self.name = name
      self.value = value
      // By bytes: a colon is ASCII, and a search through the string's characters costs more.
      let colon = name.utf8.lastIndex(of: UInt8(ascii: ":"))
      localName = colon.map { String(name[name.utf8.index(after: $0)...]) } ?? name
      isPlain = colon == nil
      mark = Pair.mark(localName)
    }

    /// An attribute a render writes, its name already apart from its prefix.
    init(localName: String, prefix: String?, value: String) {
      assert(!localName.utf8.contains(UInt8(ascii: ":")), "a local name holds no colon")
      name = prefix.map { "\($0):\(localName)" } ?? localName
      self.value = value
      self.localName = localName
      isPlain = prefix == nil
      mark = Pair.mark(localName)
    }

    private static func mark(_ localName: String) -> MarkedAttribute? {
      // Every mark starts `data-`: most names are turned away by their first byte, most
      // other `data-` names by their length (the enum's own initializer compares with each).
      guard localName.utf8.first == UInt8(ascii: "d") else { return nil }
      let count = localName.utf8.count
      for (length, mark) in marksByLength where length == count && mark.rawValue == localName { return mark }
      return nil
    }

    private static let marksByLength = MarkedAttribute.allCases.map { ($0.rawValue.utf8.count, $0) }
  }

  init(name: String, attributes: [Pair], start: Int, end: Int, textStart: Int, textEnd: Int) {
    self.name = name
    self.attributes = attributes
    self.start = start
    self.end = end
    self.textStart = textStart
    self.textEnd = textEnd
  }

  public func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }
}
