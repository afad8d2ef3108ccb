/// The languages documents are written in; a template folder per locale (`Templates/zh-CN`).
public enum DocumentLocale: String, Sendable, CaseIterable {
  case zhCN = "zh-CN"
  case en

  /// The locale of a document when none is asked for.
  public static let standard = DocumentLocale.zhCN

  /// Whether a locale code (`en`, `en-GB`, ...) asks for English text and formats.
  public static func isEnglish(_ code: String) -> Bool { code.lowercased().hasPrefix("en") }
}
