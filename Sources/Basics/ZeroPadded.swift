extension Int {
  /// The number in decimal digits, with zeros in front up to `width` digits: document numbers
  /// (`{seq:4}`), dates and print file names. A number already as wide or wider is written as
  /// it is; a negative one keeps its sign in front of the zeros.
  ///
  /// ```swift
  /// 7.zeroPadded(to: 4)      // "0007"
  /// 12345.zeroPadded(to: 4)  // "12345"
  /// ```
  public func zeroPadded(to width: Int) -> String {
    let digits = String(magnitude)
    let zeros = String(repeating: "0", count: Swift.max(0, width - digits.utf8.count))
    return (self < 0 ? "-" : "") + zeros + digits
  }
}
