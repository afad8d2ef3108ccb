extension String {
  /// Edits (insert, delete, replace a character; letters compared without case unless
  /// `ignoringCase` is false) that turn this text into `other`: how near a misspelt name is to
  /// a known one (see ``closestMatch(_:in:ignoringCase:)``).
  ///
  /// ```swift
  /// "markUp".editDistance(to: "markup")                        // 0
  /// "paymentDeadlineDay".editDistance(to: "paymentDeadlineDays")  // 1
  /// ```
  public func editDistance(to other: String, ignoringCase: Bool = true) -> Int {
    let a = Array(ignoringCase ? lowercased() : self), b = Array(ignoringCase ? other.lowercased() : other)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
