import Basics
import Dispatch
import LibXML
import Synchronization
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// The namespace of template directives (`xmlns:t="urn:ardoc:template"`).
public let templateNamespace = templateNamespaceURI
let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

/// How a render treats its data.
public struct RenderOptions: Sendable {
  /// `zh-CN` or `en`: date formats and month names.
  public var locale: String
  /// Strict (the default): an undefined name or a null written as text is an error.
  public var strict: Bool
  /// Which compiled replica to walk: give each of several concurrent renderers its own
  /// number (a worker index) so that no two share one. Nil: chosen from the thread.
  public var lane: Int?

  public init(locale: String = DocumentLocale.standard.rawValue, strict: Bool = true, lane: Int? = nil) {
    self.locale = locale
    self.strict = strict
    self.lane = lane
  }
}

/// One rendered document: its bytes and, when asked for, the elements the validator reads.
public struct RenderedDocument: Sendable {
  /// XHTML for an `<html>` template, XML otherwise; UTF-8.
  public let bytes: [UInt8]
  /// The marked elements (``OutlineMarks``) in document order, when the render recorded them.
  public let outline: [OutlineElement]
  /// With the outline, the text a reader sees, as UTF-8, kept as the render wrote it: the
  /// values written as text and the static runs' text, without the content of `<style>` and
  /// `<script>`, so that the validator decodes no bytes. Empty without the outline.
  public let text: [UInt8]
  /// Whether the bytes could hide anything from a reader (``HidingScan``): when false, the
  /// outline's elements are all shown.
  public let mayHide: Bool
}

/// A compiled template: immutable, `Sendable`, rendered any number of times on any thread.
///
/// A render walks the compiled tree once and writes bytes: static subtrees were serialized
/// when the template was compiled, values are escaped as they are written, and no document
/// tree is built.
///
/// ```swift
/// let engine = TemplateEngine(roots: ["Templates"])
/// let template = try engine.compile(file: "Templates/zh-CN/confirmation.xhtml")
/// let html = try template.renderBytes(data)  // XHTML, UTF-8
/// ```
public struct Template: Sendable {
  /// The most bytes a render writes: a document is some kilobytes, and loops within loops
  /// could multiply one past the memory. Readers of documents take as much and no more.
  public static let largestOutput = 64 << 20

  /// The file the template was read from.
  public let file: String
  /// Identical compiled trees, one per core at most. Renders on different threads pick
  /// different replicas, so that they do not contend for the reference counts of shared
  /// nodes (measured: about 30% more documents per second on 2 cores).
  let replicas: [Node]
  var root: Node { replicas[0] }
  /// True when the root is an XHTML `<html>`: output is written as HTML-parser-safe XHTML.
  public let isXHTML: Bool
  /// The locale a template compiled with constants was folded in; renders must use it.
  let constantLocale: String?
  /// The largest document this template wrote: a render reserves that much at once.
  let sizeHint = SizeHint()
  /// The last stylesheet its renders scanned for ways to hide (``HidingScan``).
  let verdicts = RawTextVerdict()
  var mode: Markup.Mode { isXHTML ? .xhtml : .xml }

  /// Renders into bytes, recording the marked elements when `outline` is true. All errors
  /// found in one pass are thrown together.
  public func render(_ data: TemplateValue, options: RenderOptions = RenderOptions(), outline: Bool = false)
    throws(TemplateError) -> RenderedDocument
  {
    if let constantLocale, constantLocale != options.locale {
      throw TemplateError([
        TemplateDiagnostic(
          "this template was compiled with its constants in locale \(constantLocale), not \(options.locale); compile it for \(options.locale)",
          at: SourceLocation(file: file, line: 1, column: 1, lineText: ""))
      ])
    }
    let scope: Scope
    switch data {
    case .object(let members): scope = Scope(frames: [members])
    default:
      throw TemplateError([
        TemplateDiagnostic(
          "the data must be an object whose members are the template's names, not \(data.typeName)",
          at: SourceLocation(file: file, line: 1, column: 1, lineText: ""))
      ])
    }
    var writer = MarkupWriter(mode: mode, recordsOutline: outline, capacity: sizeHint.largest, verdicts: verdicts)
    let renderer = Renderer(
      evaluator: Evaluator(context: FilterContext(locale: options.locale), strict: options.strict))
    // Any lane picks a replica, a negative one too.
    let root = options.lane.map { replicas[(($0 % replicas.count) + replicas.count) % replicas.count] } ?? replica()
    renderer.render(root, in: scope, into: &writer)
    if !renderer.diagnostics.isEmpty { throw TemplateError(renderer.diagnostics) }
    let problem: String?
    switch writer.failure {
    case .severalRootElements(let name)?:
      problem = "the template produced a second root element <\(name)>; a document has exactly one"
    case .textOutsideRoot(let text)?: problem = "the template produced text outside the root element: \"\(text)\""
    case nil: problem = writer.roots == 0 ? "the template produced no root element" : nil
    }
    if let problem {
      throw TemplateError([
        TemplateDiagnostic(problem, at: root.location ?? SourceLocation(file: file, line: 1, column: 1, lineText: ""))
      ])
    }
    sizeHint.note(writer.bytes.count)
    return RenderedDocument(
      bytes: writer.bytes, outline: writer.outline, text: writer.shownText, mayHide: writer.mayHide)
  }

  func replica() -> Node {
    guard replicas.count > 1 else { return replicas[0] }
    let thread = UInt(bitPattern: Int(bitPattern: UInt(pthread_self())))
    return replicas[Int((thread &* 0x9E37_79B9_7F4A_7C15) >> 33) % replicas.count]
  }

  /// The rendered bytes: XHTML for an `<html>` template, XML otherwise.
  public func renderBytes(_ data: TemplateValue, options: RenderOptions = RenderOptions())
    throws(TemplateError) -> [UInt8]
  {
    try render(data, options: options).bytes
  }

  /// ``renderBytes(_:options:)`` as a string.
  public func renderString(_ data: TemplateValue, options: RenderOptions = RenderOptions())
    throws(TemplateError) -> String
  {
    String(decoding: try renderBytes(data, options: options), as: UTF8.self)
  }
}

/// Compiles templates: finds files and partials in its folders and knows the filters.
///
/// Paths of partials (`t:insert="partials/seal.xhtml :: seal(...)"`) are looked up in
/// `roots` in order, so a user folder listed first overrides single files of the defaults.
public struct TemplateEngine: Sendable {
  public var roots: [String]
  public var filters: FilterRegistry
  public var limits: XMLParseLimits
  /// The elements a render records when asked for an outline.
  public var outline: OutlineMarks = .validator
  /// How many independent copies of the compiled tree a template keeps for parallel
  /// renders; defaults to the number of cores, at most 8.
  public var replicas: Int

  public init(
    roots: [String] = [], filters: FilterRegistry = .standard, limits: XMLParseLimits = .default,
    replicas: Int = min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 8)
  ) {
    self.roots = roots
    self.filters = filters
    self.limits = limits
    self.replicas = max(replicas, 1)
  }

  /// Compiles the template in `path`: a file path, or a name looked up in `roots`.
  public func compile(file path: String) throws(TemplateError) -> Template {
    try replicated { () throws(TemplateError) in try Compiler(engine: self).compileMain(path: path) }
  }

  /// Compiles the template in `path` for renders in `locale` whose data always holds
  /// `constants` (a letter's labels and stylesheet): what they decide is written into the
  /// compiled template once, and the data's members of these names are not read again.
  /// Filters must depend only on their input, arguments and locale, as the standard ones do.
  ///
  /// ```swift
  /// let letter = try engine.compile(file: "zh-CN/confirmation.xhtml", constants: ["labels": labels], locale: "zh-CN")
  /// ```
  public func compile(file path: String, constants: [String: TemplateValue], locale: String) throws(TemplateError)
    -> Template
  {
    try replicated { () throws(TemplateError) in
      let compiler = Compiler(engine: self)
      compiler.constants = constants
      compiler.constantLocale = locale
      return try compiler.compileMain(path: path)
    }
  }

  /// Compiles a template given as text; `name` is used in error messages and to resolve
  /// partials relative to the roots.
  public func compile(source: String, name: String) throws(TemplateError) -> Template {
    try replicated { () throws(TemplateError) in
      try Compiler(engine: self).compileMain(source: Array(source.utf8), name: name)
    }
  }

  /// Compiles once per replica, the replicas side by side (a batch waits for its template
  /// before its first letter, and a machine of eight cores would otherwise compile it eight
  /// times over): a fresh compile shares no storage. The first replica's errors are the
  /// template's.
  func replicated(_ compile: @Sendable () throws(TemplateError) -> Template) throws(TemplateError) -> Template {
    guard replicas > 1 else { return try compile() }
    let compiled = Locked<[Result<Template, TemplateError>?]>(Array(repeating: nil, count: replicas))
    DispatchQueue.concurrentPerform(iterations: replicas) { index in
      let result = Result { () throws(TemplateError) in try compile() }
      compiled.withLock { $0[index] = result }
    }
    var replicas: [Node] = []
    var first: Template?
    for result in compiled.withLock({ $0 }) {
      guard let result else { continue }
      let template = try result.get()
      first = first ?? template
      replicas.append(template.replicas[0])
    }
    guard let first else { return try compile() }
    return Template(file: first.file, replicas: replicas, isXHTML: first.isXHTML, constantLocale: first.constantLocale)
  }
}

// MARK: - Compiled form

indirect enum Node: Sendable {
  case text([TextPart])
  case comment(String)
  case element(Element)
  /// A subtree without directives or expressions, serialized once.
  case run(StaticRun)

  var location: SourceLocation? {
    if case .element(let element) = self { return element.location }
    return nil
  }
}

enum TextPart: Sendable {
  case literal(String)
  case expression(Expression)
}

struct AttributeTemplate: Sendable {
  let name: String
  let prefix: String?
  let namespaceURI: String?
  let value: [TextPart]
}

struct DynamicAttribute: Sendable {
  let name: String
  let prefix: String?
  let namespaceURI: String?
  let value: Expression
}

struct Binding: Sendable {
  let name: String
  let value: Expression
}

struct Loop: Sendable {
  let item: String
  let status: String
  let collection: Expression
}

enum Condition: Sendable {
  case when(Expression)
  case unless(Expression)
}

enum Case: Sendable {
  case value(Expression)
  case otherwise
}

enum RemoveMode: String, Sendable {
  case none, all, tag, body
}

indirect enum Content: Sendable {
  case children([Node])
  case text(Expression)
  case fragment(FragmentCall)
}

/// A resolved include: a class so that an element can contain a call to another element.
final class FragmentCall: Sendable {
  let name: String
  let parameters: [String]
  /// One expression per parameter: the argument, or the parameter's default.
  let arguments: [Expression]
  let body: Element

  init(name: String, parameters: [String], arguments: [Expression], body: Element) {
    self.name = name
    self.parameters = parameters
    self.arguments = arguments
    self.body = body
  }
}

/// A compiled element with its directives. A class, so that walking the tree during a
/// render retains one object per element instead of copying every field; it is only
/// mutated while being compiled, before the template is shared.
final class Element: @unchecked Sendable {
  var name: String
  var prefix: String?
  var namespaceURI: String?
  /// `<t:block>`: directives apply, but no tag is written.
  var isBlock = false
  var attributes: [AttributeTemplate] = []
  var bindings: [Binding] = []
  var loop: Loop?
  var condition: Condition?
  var caseValue: Case?
  var switchValue: Expression?
  var content: Content = .children([])
  var replacement: FragmentCall?
  var dynamicAttributes: [DynamicAttribute] = []
  /// Set when compiling is done (``Planner``), when `t:attr` only removes own attributes and
  /// adds its own (see ``Renderer/keptOwnAttributes(_:overriddenBy:)``): the own ones a
  /// render writes. Nil: each render merges them.
  var keptOwnAttributes: [Int]?
  var remove: RemoveMode = .none
  var location: SourceLocation
  /// How its tags are written, set when compiling is done (``Planner``).
  var tag = ElementTag.unplanned
  /// The optional directives the element has, set when compiling is done (``Planner``): a
  /// render skips the absent ones without reading, and retaining, their fields. Until then
  /// every field is looked at.
  var directives: Directives = .all

  struct Directives: OptionSet {
    let rawValue: UInt8
    static let bindings = Directives(rawValue: 1 << 0)
    static let loop = Directives(rawValue: 1 << 1)
    static let condition = Directives(rawValue: 1 << 2)
    static let caseValue = Directives(rawValue: 1 << 3)
    static let switchValue = Directives(rawValue: 1 << 4)
    static let replacement = Directives(rawValue: 1 << 5)
    static let dynamicAttributes = Directives(rawValue: 1 << 6)
    static let all = Directives(rawValue: 0x7F)
  }

  /// The directives this element has now.
  var presentDirectives: Directives {
    var found: Directives = []
    if !bindings.isEmpty { found.insert(.bindings) }
    if loop != nil { found.insert(.loop) }
    if condition != nil { found.insert(.condition) }
    if caseValue != nil { found.insert(.caseValue) }
    if switchValue != nil { found.insert(.switchValue) }
    if replacement != nil { found.insert(.replacement) }
    if !dynamicAttributes.isEmpty { found.insert(.dynamicAttributes) }
    return found
  }

  init(name: String, prefix: String? = nil, namespaceURI: String? = nil, location: SourceLocation) {
    self.name = name
    self.prefix = prefix
    self.namespaceURI = namespaceURI
    self.location = location
  }
}

/// The largest document a template has written, shared by its renders on any thread.
final class SizeHint: Sendable {
  private let value = Atomic<Int>(0)
  var largest: Int { value.load(ordering: .relaxed) }
  func note(_ count: Int) {
    var seen = value.load(ordering: .relaxed)
    while count > seen {
      let (exchanged, original) = value.compareExchange(expected: seen, desired: count, ordering: .relaxed)
      if exchanged { return }
      seen = original
    }
  }
}
