/// How one element is written: its tags as bytes and what the writer must watch for.
final class ElementTag: Sendable {
  let localName: String
  let qualifiedName: String
  /// `<name` with the root's namespace declarations.
  let openBytes: [UInt8]
  /// The whole start tag but its `>`, when every attribute is literal.
  let startBytes: [UInt8]
  /// The literal attributes, when they are all there is (nil: computed by each render).
  let attributes: [Markup.Attribute]?
  /// The literal attributes as the outline records them.
  let outlinePairs: [OutlineElement.Pair]
  let endBytes: [UInt8]
  /// What replaces `>` when the element stays empty; nil when `></name>` is its empty form.
  let emptyForm: [UInt8]?
  /// A `<style>` or `<script>` in XHTML: its text is written as is.
  let hasRawText: Bool
  let isHead: Bool
  let isOutlined: Bool
  /// Whether its tags could hide anything (``HidingScan``), computed attributes aside.
  let mayHide: Bool
  /// Named `style` or `script`, in any namespace: a browser reads its text as a stylesheet or
  /// a script, whatever the writer's escaping.
  let holdsStyleText: Bool
  /// It has an attribute the validator reads (``OutlineMarks/attributes``): a mark.
  let carriesMarks: Bool

  init(
    localName: String, qualifiedName: String, declarations: [(prefix: String?, uri: String)],
    attributes: [Markup.Attribute]?, emptyForm: [UInt8]?, hasRawText: Bool, isHead: Bool, isOutlined: Bool,
    carriesMarks: Bool = false, mode: Markup.Mode
  ) {
    self.localName = localName
    self.qualifiedName = qualifiedName
    openBytes = Markup.startTag(
      qualifiedName: qualifiedName, localName: localName, declarations: declarations, attributes: [], mode: mode)
    startBytes =
      attributes.map {
        Markup.startTag(
          qualifiedName: qualifiedName, localName: localName, declarations: declarations, attributes: $0, mode: mode)
      } ?? openBytes
    self.attributes = attributes
    outlinePairs = (attributes ?? []).map { OutlineElement.Pair(name: $0.qualifiedName, value: $0.value) }
    endBytes = Array("</\(qualifiedName)>".utf8)
    self.emptyForm = emptyForm
    self.hasRawText = hasRawText
    self.isHead = isHead
    self.isOutlined = isOutlined
    mayHide = [startBytes, openBytes, endBytes, emptyForm ?? []].contains(where: HidingScan.mayHide)
    holdsStyleText = ["style", "script"].contains(localName.lowercased())
    self.carriesMarks = carriesMarks
  }

  static let unplanned = ElementTag(
    localName: "", qualifiedName: "", declarations: [], attributes: [], emptyForm: nil, hasRawText: false,
    isHead: false, isOutlined: false, mode: .xml)

  /// A `<meta http-equiv="Content-Type">` (any case), with these attributes or its own.
  func declaresContentType(_ written: [Markup.Attribute]?) -> Bool {
    (written ?? attributes ?? []).contains {
      $0.name == "http-equiv" && $0.value.lowercased() == "content-type"
    }
  }
}

/// A static element's bytes, with the elements in it the validator reads.
struct StaticRun: Sendable {
  let rootName: String
  let bytes: [UInt8]
  /// Its text as a reader sees it (``MarkupWriter/shownText``).
  let text: [UInt8]
  /// Positions relative to the run's first byte and to its text's.
  let outline: [OutlineElement]
  let isContentTypeMeta: Bool
  /// Whether its bytes could hide anything (``HidingScan``), or its writer found it could
  /// (a stylesheet in a marked element).
  let mayHide: Bool
  /// It holds a `<style>` or `<script>` (any namespace).
  let holdsStyleText: Bool
  /// Whether an element in it has an attribute the validator reads.
  let carriesMarks: Bool
}
