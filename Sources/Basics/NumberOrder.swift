/// Orders document numbers as a person reads them: runs of digits compare as numbers, so
/// `DZ-202611-10000` comes after `DZ-202611-9999` (text order puts it first once a sequence
/// outgrows its four digits), and the rest compares as text.
///
/// ```swift
/// ["DZ-202611-10000", "DZ-202611-9999"].sorted(by: NumberOrder.precedes)
/// // ["DZ-202611-9999", "DZ-202611-10000"]
/// ```
public enum NumberOrder {
  /// Whether `a` comes before `b`. Digit runs compare by value (leading zeros ignored), then,
  /// equal in value, the one written with fewer zeros first; other runs by their bytes. Two
  /// different strings never compare equal, so sorting with it is total.
  public static func precedes(_ a: String, _ b: String) -> Bool {
    var left = a.utf8[...]
    var right = b.utf8[...]
    while let x = left.first, let y = right.first {
      if isDigit(x), isDigit(y) {
        let leftRun = left.prefix(while: isDigit)
        let rightRun = right.prefix(while: isDigit)
        let leftValue = leftRun.drop { $0 == UInt8(ascii: "0") }
        let rightValue = rightRun.drop { $0 == UInt8(ascii: "0") }
        if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
        if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
        if leftRun.count != rightRun.count { return leftRun.count < rightRun.count }
        left = left.dropFirst(leftRun.count)
        right = right.dropFirst(rightRun.count)
      } else {
        if x != y { return x < y }
        left = left.dropFirst()
        right = right.dropFirst()
      }
    }
    return left.isEmpty && !right.isEmpty
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
