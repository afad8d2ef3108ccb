/// A dunning letter's level (1 soft, 2 firm, 3 final), as the register's detail and the
/// policy's keys spell it: `level-2`.
public enum DunningLevel {
  static let prefix = "level-"

  public static func detail(_ level: Int) -> String { prefix + String(level) }

  /// The level a detail names, or nil for another detail.
  public static func level(_ detail: String) -> Int? {
    guard detail.hasPrefix(prefix) else { return nil }
    return Int(detail.dropFirst(prefix.count))
  }
}
