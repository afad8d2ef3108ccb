import Basics
import Synchronization
import Templating

/// Compiled templates, the files read beside them and which template file each kind and
/// locale uses, keyed by template roots and name.
///
/// Owned by whoever runs the documents (a command, a batch, a web request) rather than kept
/// for the life of the process, so that everything it holds is released when the run ends. A
/// template file added or removed while a cache lives is not seen by it; the next run sees it.
public final class TemplateCache: Sendable {
  /// Compiled copies of each template: one per thread that renders at once (see
  /// ``Templating/RenderOptions/lane``), so that threads do not contend for shared nodes'
  /// reference counts. One for a single document.
  public let replicas: Int

  public init(replicas: Int = 1) {
    self.replicas = max(1, replicas)
  }

  /// The replica a lane uses (any lane, a negative one too).
  func slot(_ lane: Int) -> Int { ((lane % replicas) + replicas) % replicas }

  /// A lane's own copy of a shared value (made once per replica), so that rendering workers
  /// read values that share no storage, as they walk templates that share no nodes.
  func laneCopy(_ key: String, lane: Int, of value: @autoclosure () throws(TemplateError) -> TemplateValue)
    throws(TemplateError) -> TemplateValue
  {
    let laneKey = key + "\u{0}lane\(slot(lane))"
    if let cached = resource(laneKey) { return cached }
    let copy = try value().unshared()
    store(laneKey, copy)
    return copy
  }

  /// A cache key: what is cached, the template roots and the parts that pick it, separated by
  /// NUL, which no path, template name or locale can hold. With the roots' count in it, two
  /// different lists of roots and parts never give the same key (a root with `|` or `::` in
  /// its path is not mistaken for two).
  static func key(_ what: String, roots: [String], _ parts: [String]) -> String {
    ([what, String(roots.count)] + roots + parts).joined(separator: "\u{0}")
  }

  private let templates = Locked<[String: Template]>([:])
  private let resources = Locked<[String: TemplateValue]>([:])

  func resource(_ key: String) -> TemplateValue? { resources.withLock { $0[key] } }

  /// `print.css` of the first root that has one, read once; one that exists but cannot be
  /// read is an error, not a silent fall-back.
  public func stylesheet(roots: [String]) throws(TemplateError) -> String {
    let key = TemplateCache.key("css", roots: roots, [])
    if case .string(let cached)? = resource(key) { return cached }
    var css = ""
    for root in roots {
      let path = root + "/print.css"
      guard FileBytes.exists(path) else { continue }
      do {
        css = try FileBytes.text(path, limit: 1 << 20)
      } catch {
        throw LetterFactory.fileError(path, line: 0, column: 0, "cannot read: \(error.reason)")
      }
      break
    }
    store(key, .string(css))
    return css
  }
  func store(_ key: String, _ value: TemplateValue) { resources.withLock { $0[key] = value } }

  /// The template `name` compiled for `locale`, compiled with `constants` on its first use.
  func template(
    _ name: String, engine: TemplateEngine, locale: String,
    constants: () throws(TemplateError) -> [String: TemplateValue]
  ) throws(TemplateError) -> Template {
    let key = TemplateCache.key("template", roots: engine.roots, [name, locale])
    if let found = templates.withLock({ $0[key] }) { return found }
    var path = name
    for root in engine.roots where FileBytes.exists(root + "/" + name) {
      path = root + "/" + name
      break
    }
    let template = try engine.compile(file: path, constants: try constants(), locale: locale)
    templates.withLock { $0[key] = template }
    return template
  }
}
