import Basics
import Templating
import Vocabulary

/// The letter templates under one list of template roots, through a ``TemplateCache``: which
/// file a kind and locale use, and that file compiled with the locale's labels and the
/// stylesheet folded in.
///
/// A batch makes one for the run and hands it to every customer's ``LetterFactory``, so that
/// templates are found, read and compiled once whatever the number of letters.
///
/// ```swift
/// let templates = LetterTemplates(roots: ["Templates"], cache: TemplateCache())
/// let factory = LetterFactory(ledger: ledger, policy: .standard, templates: templates)
/// ```
public struct LetterTemplates: Sendable {
  public let roots: [String]
  public let cache: TemplateCache
  let engine: TemplateEngine

  public init(roots: [String], cache: TemplateCache = TemplateCache()) {
    self.roots = roots
    self.cache = cache
    self.engine = TemplateEngine(roots: roots, replicas: cache.replicas)
  }

  /// The template file of a kind in a locale: the detail's own (`dunning-2.xhtml`) if a root
  /// has it, else the kind's. Looked up once per cache, like the compiled template itself: a
  /// batch asks for every letter.
  func choose(_ kind: DocumentKind, detail: String?, locale: String, customer: String) throws(LetterRefusal)
    -> String
  {
    var candidates: [String] = []
    if let detail { candidates.append("\(locale)/\(kind.rawValue)-\(detail).xhtml") }
    candidates.append("\(locale)/\(kind.rawValue).xhtml")
    let key = TemplateCache.key("choice", roots: roots, candidates)
    if case .string(let chosen)? = cache.resource(key) { return chosen }
    for candidate in candidates {
      for root in roots where FileBytes.exists(root + "/" + candidate) {
        cache.store(key, .string(candidate))
        return candidate
      }
    }
    throw LetterRefusal(
      customer: customer,
      "no template \(candidates.joined(separator: " or ")) in \(roots.joined(separator: ", ")); check --templates")
  }

  /// Compiles a kind's template for a locale ahead of its first letter, so that a batch
  /// compiles it on another core while it opens its store and reads its first customers.
  /// The template is the kind's own (no level's or measure's); a missing or broken one is
  /// left for ``LetterFactory/checkTemplate(_:)`` to report, as every letter's is.
  public func compileAhead(_ kind: DocumentKind, locale: String) {
    guard let name = try? choose(kind, detail: nil, locale: locale, customer: "") else { return }
    _ = try? compiled(name, locale: locale)
  }

  /// The template compiled for a locale, with that locale's labels, punctuation and the
  /// stylesheet folded in: they are the same in every letter, so they are written once, when
  /// it is compiled.
  func compiled(_ name: String, locale: String) throws(TemplateError) -> Template {
    try cache.template(name, engine: engine, locale: locale) { () throws(TemplateError) in
      ["labels": try labels(locale), "punct": Self.punctuation(locale), "css": .string(try stylesheet())]
    }
  }

  /// The shared partial's punctuation for a locale (`punct.colon`, …): full width in Chinese,
  /// as English writes it in English. In code, not in labels.json, so that a company's own
  /// labels need not know of it.
  static func punctuation(_ locale: String) -> TemplateValue {
    locale == DocumentLocale.zhCN.rawValue ? fullWidth : halfWidth
  }

  private static let fullWidth: TemplateValue = [
    "colon": "：", "colonEnd": "：", "semicolon": "；", "stop": "。", "open": "（", "close": "）",
  ]
  private static let halfWidth: TemplateValue = [
    "colon": ": ", "colonEnd": ":", "semicolon": "; ", "stop": ".", "open": " (", "close": ")",
  ]

  /// The locale's labels (`<root>/<locale>/labels.json`, the first root that has one), read
  /// once per cache. One that exists but cannot be read or parsed is an error, not a silent
  /// fall-back to the default labels.
  func labels(_ locale: String, lane: Int? = nil) throws(TemplateError) -> TemplateValue {
    let key = TemplateCache.key("labels", roots: roots, [locale])
    if let lane, cache.replicas > 1 {
      return try cache.laneCopy(key, lane: lane, of: try labels(locale))
    }
    if let cached = cache.resource(key) { return cached }
    var value: TemplateValue = [:]
    for root in roots {
      let path = "\(root)/\(locale)/labels.json"
      guard FileBytes.exists(path) else { continue }
      do {
        value = try TemplateValue.load(jsonFile: path)
      } catch {
        throw LetterFactory.fileError(path, line: error.line, column: error.column, error.message)
      }
      break
    }
    cache.store(key, value)
    return value
  }

  func stylesheet() throws(TemplateError) -> String {
    try cache.stylesheet(roots: roots)
  }

  /// The stylesheet as a template value, one copy per rendering worker (see ``labels(_:lane:)``).
  func stylesheet(lane: Int?) throws(TemplateError) -> TemplateValue {
    let css = TemplateValue.string(try stylesheet())
    guard let lane, cache.replicas > 1 else { return css }
    return try cache.laneCopy(TemplateCache.key("css", roots: roots, []), lane: lane, of: css)
  }
}
