/// The members of a template object (``TemplateValue/object(_:)``): names with values, each
/// name once, in the order they were first given.
///
/// A letter's objects have a handful to a dozen members, and a render looks names up in them
/// hundreds of times. Kept as pairs, an object is built without hashing a name and a name is
/// found by comparing it with a few others (a short name compares in a few instructions;
/// hashing one costs hundreds). An object of more than ``indexedBeyond`` members, such as
/// JSON data, also keeps its names' positions in a dictionary, so that no look-up grows with
/// its size.
///
/// ```swift
/// var members: TemplateMembers = ["name": "华东机电", "id": "C001"]
/// members["phone"] = "021-5555"
/// members["name"]  // .string("华东机电")
/// ```
public struct TemplateMembers: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  public typealias Element = (key: String, value: TemplateValue)

  /// Beyond this many members, names are found through a dictionary of positions.
  static let indexedBeyond = 16

  /// Names with values. Built from a literal, a later pair may repeat an earlier pair's name
  /// (then `mayRepeat`): the later value is the member's, found by searching from the end,
  /// and the repeat is removed before any change or any reading of the whole. A literal is
  /// thus kept as given, with no name compared, which is what most of a letter's objects are.
  private var pairs: [(String, TemplateValue)] = []
  private var mayRepeat = false
  private var positions: [String: Int]?

  public init() {}

  public init(minimumCapacity: Int) {
    pairs.reserveCapacity(minimumCapacity)
  }

  /// The members of a dictionary, in the order of their names (a dictionary's own order
  /// differs from one run to the next).
  public init(_ dictionary: [String: TemplateValue]) {
    pairs = dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    if pairs.count > Self.indexedBeyond { indexPositions() }
  }

  /// A later value for a name replaces an earlier one; the name keeps its first place.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    self.init(literal: elements)
  }

  init(literal elements: [(String, TemplateValue)]) {
    pairs = elements
    mayRepeat = pairs.count > 1
    if pairs.count > Self.indexedBeyond {
      removeRepeats()
      indexPositions()
    }
  }

  public var count: Int { unique.count }
  public var isEmpty: Bool { pairs.isEmpty }
  public var keys: [String] { unique.map(\.0) }

  public subscript(key: String) -> TemplateValue? {
    get {
      guard let position = position(of: key) else { return nil }
      return pairs[position].1
    }
    set {
      if mayRepeat { removeRepeats() }
      if let position = position(of: key) {
        if let newValue {
          pairs[position].1 = newValue
        } else {
          pairs.remove(at: position)
          positions = nil
          if pairs.count > Self.indexedBeyond { indexPositions() }
        }
      } else if let newValue {
        pairs.append((key, newValue))
        if positions != nil {
          positions?[key] = pairs.count - 1
        } else if pairs.count > Self.indexedBeyond {
          indexPositions()
        }
      }
    }
  }

  /// Adds `other`'s members; for a name both have, `combine` gives the value (this one's
  /// first), and the name keeps its place.
  public mutating func merge(
    _ other: TemplateMembers, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue
  ) {
    for (key, value) in other { self[key] = self[key].map { combine($0, value) } ?? value }
  }

  /// These members with `other`'s added (see ``merge(_:uniquingKeysWith:)``).
  public func merging(
    _ other: TemplateMembers, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue
  ) -> TemplateMembers {
    var merged = self
    merged.merge(other, uniquingKeysWith: combine)
    return merged
  }

  /// As a dictionary, for code that needs one.
  public var dictionary: [String: TemplateValue] {
    Dictionary(unique, uniquingKeysWith: { _, later in later })
  }

  public struct Iterator: IteratorProtocol {
    var base: IndexingIterator<[(String, TemplateValue)]>
    public mutating func next() -> Element? { base.next().map { (key: $0.0, value: $0.1) } }
  }

  public func makeIterator() -> Iterator { Iterator(base: unique.makeIterator()) }

  /// The same names with equal values, in any order.
  public static func == (lhs: TemplateMembers, rhs: TemplateMembers) -> Bool {
    let left = lhs.unique
    return left.count == rhs.count && left.allSatisfy { rhs[$0.0] == $0.1 }
  }

  /// The position of the name's value: the last pair with the name.
  @inline(__always)
  private func position(of key: String) -> Int? {
    if let positions { return positions[key] }
    var index = pairs.count
    while index > 0 {
      index -= 1
      if pairs[index].0 == key { return index }
    }
    return nil
  }

  /// The pairs with each name once: in its first place, with its last value.
  private var unique: [(String, TemplateValue)] {
    guard mayRepeat else { return pairs }
    var kept: [(String, TemplateValue)] = []
    kept.reserveCapacity(pairs.count)
    for (key, value) in pairs {
      if let at = kept.firstIndex(where: { $0.0 == key }) { kept[at].1 = value } else { kept.append((key, value)) }
    }
    return kept
  }

  private mutating func removeRepeats() {
    pairs = unique
    mayRepeat = false
  }

  private mutating func indexPositions() {
    var positions = [String: Int](minimumCapacity: pairs.count)
    for (index, pair) in pairs.enumerated() { positions[pair.0] = index }
    self.positions = positions
  }
}
