/// The four document kinds.
public enum DocumentKind: String, Sendable, CaseIterable {
  case confirmation
  case dunning
  case installmentProposal = "installment-proposal"
  case penaltyNotice = "penalty-notice"
}

/// The measures a penalty notice announces.
public enum PenaltyMeasure: String, Sendable, CaseIterable {
  case stopSupply = "stop-supply"
  case stopService = "stop-service"
  case revokeLicense = "revoke-license"
  case legalDemand = "legal-demand"
}

/// The languages documents are written in; a template folder per locale (`Templates/zh-CN`).
public enum DocumentLocale: String, Sendable, CaseIterable {
  case zhCN = "zh-CN"
  case en

  /// The locale of a document when none is asked for.
  public static let standard = DocumentLocale.zhCN

  /// Whether a locale code (`en`, `en-GB`, ...) asks for English text and formats.
  public static func isEnglish(_ code: String) -> Bool { code.lowercased().hasPrefix("en") }
}

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
