import Basics

/// The output of one render: bytes written in document order, in one buffer, with the few
/// decisions that depend on what comes later (an empty element's form, a head's content
/// type) kept as small state instead of a tree.
///
/// Structure comes only from compiled tags (``ElementTag``) and static runs; values come
/// only through ``text(_:)``, which escapes them, so the output is well-formed by
/// construction. A value type, passed `inout` through a render: its buffer is appended to
/// without the run-time exclusivity checks a class property takes on every access.
struct MarkupWriter {
  enum Failure: Equatable {
    case severalRootElements(String)
    case textOutsideRoot(String)
  }

  var bytes: [UInt8] = []
  let mode: Markup.Mode
  /// The open element's start tag still lacks its `>`: it is written with the first child,
  /// or replaced by this empty form if none comes.
  var pendingEmptyForm: [UInt8]?
  /// Depth of open elements: 0 outside the root.
  var depth = 0
  var roots = 0
  /// The root element's local name: a head is the document's only under `html`.
  var rootName = ""
  var failure: Failure?
  /// The depth of an open `<style>` or `<script>` (XHTML), whose text is written as is: an
  /// HTML reader takes it as is, so escaping `>` would change it (the renderer refuses `<`,
  /// `&` and `]]>` there, which the two readers cannot take the same way). -1: none.
  var rawTextDepth = -1
  /// The depth of an open element named `style` or `script`, in any namespace and mode, as a
  /// browser takes it (an SVG `<style>` styles the page too); -1: none. Its content is
  /// scanned whole at its end (a rule split over two values is still one rule).
  var styleDepth = -1
  var styleStart = 0
  /// The open `style` or `script`'s text, when one value wrote it.
  var styleText: String?
  /// Verdicts on stylesheets shared by a template's renders.
  let verdicts: RawTextVerdict?
  /// Whether the bytes could hide anything from a reader (``HidingScan``): static pieces
  /// were scanned when compiled, computed attributes, stylesheets and comments are as written.
  var mayHide = false
  /// An XHTML head being written: where its content starts, and whether it already has a
  /// content-type meta among its children.
  var head: (depth: Int, contentStart: Int, hasContentType: Bool)?
  /// Elements recorded for the validator, when asked for; indices of the open ones.
  let recordsOutline: Bool
  var outline: [OutlineElement] = []
  var openOutline: [Int] = []
  /// With the outline, the text a reader sees, as written (before escaping): text and static
  /// runs' text outside a `<style>` or `<script>`. Outlined elements record where theirs lies.
  var shownText: [UInt8] = []
  /// Open outlined elements with a mark (``ElementTag/carriesMarks``): a parser's text of
  /// such an element holds the text of a `<style>` or `<script>` in it, which the kept text
  /// leaves out, so a stylesheet or script opened in one sends the document to be parsed.
  var openMarked = 0
  /// A `<style>` or `<script>` (any namespace) was opened.
  var wroteStyleText = false

  init(mode: Markup.Mode, recordsOutline: Bool = false, capacity: Int = 0, verdicts: RawTextVerdict? = nil) {
    self.mode = mode
    self.verdicts = verdicts
    // A document written as XML is read by a browser as HTML otherwise than as written
    // (`<div/>` is no empty element there): only its parsed tree can say what is shown.
    mayHide = mode == .xml
    self.recordsOutline = recordsOutline
    bytes.reserveCapacity(capacity)
    // A letter's text is some half of its bytes.
    if recordsOutline { shownText.reserveCapacity(capacity / 2) }
  }

  /// Before any child content: the open start tag gets its `>`.
  @inline(__always)
  mutating func closeStartTag() {
    if pendingEmptyForm != nil {
      bytes.append(UInt8(ascii: ">"))
      pendingEmptyForm = nil
    }
  }

  /// Text content, escaped. Empty text writes nothing (and leaves an element empty).
  mutating func text(_ text: String) {
    guard !text.isEmpty else { return }
    guard depth > 0 else {
      if failure == nil, text.contains(where: { !$0.isWhitespace }) { failure = .textOutsideRoot(text) }
      return
    }
    closeStartTag()
    if depth == styleDepth { styleText = bytes.count == styleStart ? text : nil }
    // By its contiguous bytes: appending a string's UTF-8 view goes a byte at a time.
    if recordsOutline, styleDepth < 0 { text.withUTF8Bytes { shownText.append(contentsOf: $0) } }
    if depth == rawTextDepth {
      bytes.append(contentsOf: text.utf8)
    } else {
      Markup.appendText(text, to: &bytes)
    }
  }

  mutating func comment(_ text: String) {
    guard depth > 0 else { return }
    closeStartTag()
    let start = bytes.count
    bytes.append(contentsOf: "<!--".utf8)
    bytes.append(contentsOf: text.utf8)
    bytes.append(contentsOf: "-->".utf8)
    if !mayHide { mayHide = scan(from: start) }
  }

  /// Opens an element; `attributes` are its written attributes (nil: the tag's own).
  mutating func start(_ tag: ElementTag, attributes: [Markup.Attribute]? = nil) {
    beginChild(named: tag.localName)
    if let head, depth == head.depth, !head.hasContentType, tag.localName == "meta",
      tag.declaresContentType(attributes)
    {
      self.head?.hasContentType = true
    }
    depth += 1
    let start = bytes.count
    // An element inside a stylesheet or script is text to a browser reading HTML, and a mark in
    // the head is not shown: only the parsed tree can say.
    if tag.mayHide || styleDepth >= 0 || (head != nil && tag.carriesMarks) { mayHide = true }
    if tag.holdsStyleText {
      wroteStyleText = true
      if openMarked > 0 || tag.carriesMarks { mayHide = true }
    }
    if tag.isOutlined, tag.carriesMarks { openMarked += 1 }
    if let attributes {
      bytes.append(contentsOf: tag.openBytes)
      Markup.appendAttributes(attributes, element: tag.localName, mode: mode, to: &bytes)
      if !mayHide { mayHide = scan(from: start) }
    } else {
      bytes.append(contentsOf: tag.startBytes)
    }
    if let emptyForm = tag.emptyForm {
      pendingEmptyForm = emptyForm
    } else {
      bytes.append(UInt8(ascii: ">"))
    }
    if tag.hasRawText, rawTextDepth < 0 { rawTextDepth = depth }
    if tag.holdsStyleText, styleDepth < 0 { (styleDepth, styleStart, styleText) = (depth, bytes.count, nil) }
    if tag.isHead, depth == 2, rootName == "html" { head = (depth, bytes.count, false) }
    if recordsOutline, tag.isOutlined {
      openOutline.append(outline.count)
      let pairs = attributes.map {
        $0.map { OutlineElement.Pair(localName: $0.name, prefix: $0.prefix, value: $0.value) }
      }
      outline.append(
        OutlineElement(
          name: tag.localName, attributes: pairs ?? tag.outlinePairs, start: start, end: start,
          textStart: shownText.count, textEnd: shownText.count))
    }
  }

  mutating func end(_ tag: ElementTag) {
    if depth == rawTextDepth { rawTextDepth = -1 }
    if depth == styleDepth {
      styleDepth = -1
      if !mayHide {
        // The same stylesheet in every letter is scanned once.
        if let text = styleText, let verdicts, bytes.count - styleStart == text.utf8.count {
          mayHide = verdicts.mayHide(text) { scan(from: styleStart) }
        } else {
          mayHide = scan(from: styleStart)
        }
      }
      styleText = nil
    }
    if let emptyForm = pendingEmptyForm {
      bytes.append(contentsOf: emptyForm)
      pendingEmptyForm = nil
    } else {
      bytes.append(contentsOf: tag.endBytes)
    }
    if let head, head.depth == depth {
      if !head.hasContentType {
        bytes.insert(contentsOf: Markup.contentTypeMeta, at: head.contentStart)
        if Markup.contentTypeMetaMayHide { mayHide = true }
        // What the head holds moved along.
        for index in outline.indices where outline[index].start >= head.contentStart {
          outline[index].start += Markup.contentTypeMeta.count
          outline[index].end += Markup.contentTypeMeta.count
        }
      }
      self.head = nil
    }
    depth -= 1
    if tag.isOutlined, tag.carriesMarks { openMarked -= 1 }
    if recordsOutline, tag.isOutlined, let index = openOutline.popLast() {
      outline[index].end = bytes.count
      outline[index].textEnd = shownText.count
    }
    if depth == 0 { bytes.append(UInt8(ascii: "\n")) }
  }

  /// A static element, serialized when the template was compiled.
  mutating func run(_ run: StaticRun) {
    beginChild(named: run.rootName)
    if let head, depth == head.depth, run.isContentTypeMeta { self.head?.hasContentType = true }
    if run.mayHide || styleDepth >= 0 || (head != nil && run.carriesMarks) || (run.holdsStyleText && openMarked > 0) {
      mayHide = true
    }
    if recordsOutline {
      let base = bytes.count
      let textBase = shownText.count
      // Inside a stylesheet or script, the run's text is not shown (and the render may hide).
      let shown = styleDepth < 0
      for element in run.outline {
        outline.append(
          OutlineElement(
            name: element.name, attributes: element.attributes, start: base + element.start,
            end: base + element.end, textStart: textBase + (shown ? element.textStart : 0),
            textEnd: textBase + (shown ? element.textEnd : 0)))
      }
      if shown { shownText.append(contentsOf: run.text) }
    }
    bytes.append(contentsOf: run.bytes)
    if depth == 0 { bytes.append(UInt8(ascii: "\n")) }
  }

  /// Before a child element: the parent's start tag is closed; at the top, the prologue
  /// goes first and a second root is a failure (the render throws).
  private mutating func beginChild(named name: String) {
    guard depth == 0 else {
      closeStartTag()
      return
    }
    roots += 1
    if roots == 1 { rootName = name }
    if roots > 1 {
      if failure == nil { failure = .severalRootElements(name) }
    } else {
      let start = bytes.count
      bytes.append(contentsOf: Markup.prologue(mode: mode, rootName: name))
      if !mayHide { mayHide = scan(from: start) }
    }
  }

  /// Whether what was written since `start` could hide anything.
  private func scan(from start: Int) -> Bool {
    bytes.withUnsafeBufferPointer { HidingScan.mayHide(UnsafeBufferPointer(rebasing: $0[start...])) }
  }
}
