import Basics
import CLibXML2

#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide libxml2 setup: initialised once, external entities denied for every parser.
enum LibXMLRuntime {
  static let ready: Bool = {
    xmlInitParser()
    // Any attempt to load an external entity or DTD fails, whatever the parser options.
    xmlSetExternalEntityLoader { _, _, context in
      if let context {
        let ctxt = context
        ctxt.pointee.errNo = Int32(XML_IO_NETWORK_ATTEMPT.rawValue)
        ParseState.from(ctxt)?.add(
          ctxt, "external entities and DTDs are never loaded (ardoc refuses them)")
      }
      return nil
    }
    return true
  }()

  /// libxml2 keeps its fallback error handler per thread; silence it on this thread so that
  /// nothing a document contains is printed to stderr behind the caller's back.
  static func prepareThread() {
    _ = ready
    xmlSetStructuredErrorFunc(nil) { _, _ in }
  }
}

/// Per-parse error collection, reached from libxml2 callbacks through `ctxt->_private`.
final class ParseState {
  let file: String
  /// The input, for ardoc's own messages about it (empty for the HTML parser, which reports
  /// nothing that is refused).
  let bytes: [UInt8]
  var diagnostics: [XMLDiagnostic] = []
  /// Set once the input is refused for its encoding or a size: what libxml2 says after that
  /// is its parser stumbling over the same place ("attributes construct error", "Couldn't
  /// find end of Start Tag", a tag mismatch), not another problem.
  var refused = false
  /// Where the input stops being UTF-8, looked for once: libxml2 may report many characters.
  lazy var firstInvalidUTF8: Int? = InputRefusal.firstInvalidUTF8(bytes)

  init(file: String, bytes: [UInt8] = []) {
    self.file = file
    self.bytes = bytes
  }

  static func from(_ ctxt: xmlParserCtxtPtr) -> ParseState? {
    guard let raw = ctxt.pointee._private else { return nil }
    return Unmanaged<ParseState>.fromOpaque(raw).takeUnretainedValue()
  }

  func add(_ ctxt: xmlParserCtxtPtr, _ message: String) {
    let input = ctxt.pointee.input
    let line = input.map { Int($0.pointee.line) } ?? 0
    let column = input.map { Int($0.pointee.col) } ?? 0
    diagnostics.append(XMLDiagnostic(file: file, line: line, column: column, message: message))
  }

  func add(_ error: xmlErrorPtr) {
    let e = error.pointee
    guard e.level != XML_ERR_NONE, !refused else { return }
    if e.domain == Int32(XML_FROM_PARSER.rawValue), let own = InputRefusal.diagnose(e, in: self) {
      diagnostics.append(own)
      refused = true
      return
    }
    var message = e.message.map { String(cString: $0) } ?? "unknown XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    if e.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
      || e.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
    {
      message += " (no DTD is loaded: write the character itself or a numeric reference such as &#160;)"
    }
    let severity: XMLDiagnostic.Severity = e.level == XML_ERR_WARNING ? .warning : .error
    // Once a document is refused, libxml2 tends to repeat itself; keep the first report per line.
    if let last = diagnostics.last, last.line == Int(e.line), severity == .error,
      last.message == message
    {
      return
    }
    diagnostics.append(
      XMLDiagnostic(file: file, line: Int(e.line), column: Int(e.int2), severity: severity, message: message))
  }
}

extension XMLDocument {
  /// Parses well-formed XML from bytes, hardened for untrusted input.
  ///
  /// No DTD is loaded, no external entity or network resource is fetched, and a DOCTYPE
  /// with an internal subset (entity, element, attribute or notation declarations) is
  /// refused, which also stops entity-expansion attacks. Errors carry line and column and
  /// are collected per call, so parsing on many threads at once is safe.
  ///
  /// ```swift
  /// let doc = try XMLDocument.parse(Array("<p>hi</p>".utf8), file: "hi.xml")
  /// doc.root?.name  // "p"
  /// ```
  public static func parse(
    _ bytes: [UInt8], file: String, limits: XMLParseLimits = .default
  ) throws(XMLParseError) -> XMLDocument {
    try checkInput(bytes, file: file, limits: limits)
    try checkDeclaredEncoding(bytes, file: file)
    guard let ctxt = xmlNewParserCtxt() else {
      throw XMLParseError([XMLDiagnostic(file: file, line: 0, column: 0, message: "out of memory")])
    }
    defer { xmlFreeParserCtxt(ctxt) }
    let state = ParseState(file: file, bytes: bytes)
    let unmanaged = Unmanaged.passRetained(state)
    defer { unmanaged.release() }
    ctxt.pointee._private = unmanaged.toOpaque()
    installHardenedHandlers(ctxt.pointee.sax)

    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
        | XML_PARSE_NOWARNING.rawValue)
    let docPointer: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
        xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), file, nil, options)
      }
    }
    let errors = state.diagnostics.filter { $0.severity == .error }
    guard let docPointer, ctxt.pointee.wellFormed != 0, errors.isEmpty else {
      if let docPointer { xmlFreeDoc(docPointer) }
      if errors.isEmpty {
        throw XMLParseError([XMLDiagnostic(file: file, line: 1, column: 1, message: "not well-formed XML")])
      }
      throw XMLParseError(errors)
    }
    let document = XMLDocument(owning: docPointer)
    if let root = document.root, let deep = root.firstNode(deeperThan: limits.maxDepth) {
      throw XMLParseError([
        XMLDiagnostic(
          file: file, line: deep.line, column: 1,
          message: "elements nested deeper than \(limits.maxDepth) levels")
      ])
    }
    return document
  }

  /// Reads and parses a file; see ``parse(_:file:limits:)``.
  public static func parse(contentsOfFile path: String, limits: XMLParseLimits = .default)
    throws(XMLParseError) -> XMLDocument
  {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: limits.maxBytes)
    } catch {
      throw XMLParseError([XMLDiagnostic(file: path, line: 0, column: 0, message: error.reason)])
    }
    return try parse(bytes, file: path, limits: limits)
  }

  /// Parses HTML as a browser would (tag soup accepted), for documents a person edited.
  ///
  /// The result uses HTML element names without a namespace. Network access is off.
  /// Errors that a browser would recover from are returned as warnings, not thrown.
  public static func parseHTML(
    _ bytes: [UInt8], file: String, limits: XMLParseLimits = .default
  ) throws(XMLParseError) -> (document: XMLDocument, warnings: [XMLDiagnostic]) {
    try checkInput(bytes, file: file, limits: limits)
    guard let ctxt = htmlNewParserCtxt() else {
      throw XMLParseError([XMLDiagnostic(file: file, line: 0, column: 0, message: "out of memory")])
    }
    defer { htmlFreeParserCtxt(ctxt) }
    let state = ParseState(file: file)
    let unmanaged = Unmanaged.passRetained(state)
    defer { unmanaged.release() }
    ctxt.pointee._private = unmanaged.toOpaque()
    ctxt.pointee.sax.pointee.serror = { userData, error in
      guard let userData, let error else { return }
      let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
      ParseState.from(ctxt)?.add(error)
    }
    let options = Int32(
      HTML_PARSE_NONET.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
    let docPointer: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
        htmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), file, "UTF-8", options)
      }
    }
    guard let docPointer else {
      throw XMLParseError(
        state.diagnostics.isEmpty
          ? [XMLDiagnostic(file: file, line: 1, column: 1, message: "not readable as HTML")]
          : state.diagnostics)
    }
    let document = XMLDocument(owning: docPointer)
    // libxml2's HTML parser stops nesting at its limit and drops what is deeper, with only a
    // warning: the document read would not be the one written.
    if let deep = state.diagnostics.first(where: { $0.message.contains("Excessive depth") })
      ?? document.root?.firstNode(deeperThan: limits.maxDepth).map({
        XMLDiagnostic(file: file, line: $0.line, column: 1, message: "")
      })
    {
      throw XMLParseError([
        XMLDiagnostic(
          file: file, line: deep.line, column: 1,
          message: "elements nested deeper than \(limits.maxDepth) levels; what lies deeper cannot be read")
      ])
    }
    return (document, state.diagnostics)
  }

  /// Size limits and an empty input, refused before libxml2 sees them.
  static func checkInput(_ bytes: [UInt8], file: String, limits: XMLParseLimits) throws(XMLParseError) {
    LibXMLRuntime.prepareThread()
    guard bytes.count <= min(limits.maxBytes, Int(Int32.max)) else {
      throw XMLParseError([
        XMLDiagnostic(
          file: file, line: 1, column: 1,
          message: "input is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes")
      ])
    }
    guard !bytes.isEmpty else {
      throw XMLParseError([XMLDiagnostic(file: file, line: 1, column: 1, message: "the document is empty")])
    }
    if let wide = WideEncoding.detect(bytes) {
      throw XMLParseError([
        XMLDiagnostic(
          file: file, line: 1, column: 1, message: "the file is \(wide); ardoc reads UTF-8 only: save it as UTF-8")
      ])
    }
    if let line = firstCrowdedTag(bytes, limit: limits.maxAttributes) {
      throw XMLParseError([
        XMLDiagnostic(
          file: file, line: line, column: 1,
          message:
            "an element starting on this line has more than \(limits.maxAttributes) attributes; no template or document needs that many"
        )
      ])
    }
  }

  /// The line of the first start tag with more than `limit` attributes, found in one pass
  /// over the bytes (comments, CDATA, processing instructions and declarations skipped).
  /// Words outside quotes are counted, so valueless HTML attributes count too.
  static func firstCrowdedTag(_ bytes: [UInt8], limit: Int) -> Int? {
    bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return nil }
      let n = buffer.count
      /// The offset just past `marker` at or after `from`, or `n` when it does not occur.
      func after(_ marker: StaticString, from: Int) -> Int {
        var at = from
        while at < n, let found = memchr(base + at, Int32(marker.utf8Start[0]), n - at) {
          at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          if startsWith(marker, at: at) { return at + marker.utf8CodeUnitCount }
          at += 1
        }
        return n
      }
      func startsWith(_ marker: StaticString, at i: Int) -> Bool {
        i + marker.utf8CodeUnitCount <= n && memcmp(base + i, marker.utf8Start, marker.utf8CodeUnitCount) == 0
      }
      var i = 0
      while i < n {
        // glibc's memchr finds the next '<' many bytes at a time.
        guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return nil }
        i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if startsWith("<!--", at: i) {
          i = after("-->", from: i + 4)
        } else if startsWith("<![CDATA[", at: i) {
          i = after("]]>", from: i + 9)
        } else if startsWith("<?", at: i) {
          i = after("?>", from: i + 2)
        } else if startsWith("<!", at: i) || startsWith("</", at: i) {
          i = after(">", from: i + 2)
        } else {
          let start = i
          var words = 0
          var inWord = false
          var quote: UInt8 = 0
          i += 1
          while i < n {
            let d = base[i]
            if quote != 0 {
              if d == quote { quote = 0 }
            } else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") {
              quote = d
            } else if d == UInt8(ascii: ">") {
              break
            } else if d == 0x20 || d == 0x09 || d == 0x0D || d == 0x0A || d == UInt8(ascii: "=") {
              inWord = false
            } else if !inWord {
              inWord = true
              words += 1
              // The first word is the element's name.
              if words > limit + 1 {
                // Only now is the line worth counting.
                return 1 + UnsafeBufferPointer(start: base, count: start).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
              }
            }
            i += 1
          }
          i += 1
        }
      }
      return nil
    }
  }

  /// Refuses an XML declaration that names another encoding than UTF-8: libxml2 would
  /// convert it, but every position and source line in ardoc's messages is UTF-8.
  static func checkDeclaredEncoding(_ bytes: [UInt8], file: String) throws(XMLParseError) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let head = bytes[start..<min(bytes.count, start + 512)]
    guard head.starts(with: Array("<?xml".utf8)),
      let end = head.dropFirst(5).firstIndex(of: UInt8(ascii: "?")),
      let declaration = String(validating: bytes[start..<end], as: UTF8.self),
      let key = declaration.firstRange(of: "encoding")
    else { return }
    let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
    let value = rest.dropFirst().prefix { $0 != quote }
    guard !["utf-8", "utf8"].contains(value.lowercased()) else { return }
    let column = declaration.distance(from: declaration.startIndex, to: rest.startIndex) + 2
    throw XMLParseError([
      XMLDiagnostic(
        file: file, line: 1, column: column,
        message:
          "declares encoding=\"\(value)\"; ardoc reads XML as UTF-8 only: save the file as UTF-8 and declare encoding=\"UTF-8\""
      )
    ])
  }

  static func installHardenedHandlers(_ sax: UnsafeMutablePointer<xmlSAXHandler>) {
    sax.pointee.serror = { userData, error in
      guard let userData, let error else { return }
      let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
      ParseState.from(ctxt)?.add(error)
    }
    // Declarations only occur in an internal subset; refusing them refuses entity tricks
    // (billion laughs, external entities) before any expansion happens.
    sax.pointee.entityDecl = { ctx, _, _, _, _, _ in refuseInternalSubset(ctx) }
    sax.pointee.elementDecl = { ctx, _, _, _ in refuseInternalSubset(ctx) }
    sax.pointee.attributeDecl = { ctx, _, _, _, _, _, tree in
      xmlFreeEnumeration(tree)
      refuseInternalSubset(ctx)
    }
    sax.pointee.notationDecl = { ctx, _, _, _ in refuseInternalSubset(ctx) }
    sax.pointee.unparsedEntityDecl = { ctx, _, _, _, _ in refuseInternalSubset(ctx) }
    sax.pointee.externalSubset = { _, _, _, _ in }
  }
}

private func refuseInternalSubset(_ ctx: UnsafeMutableRawPointer?) {
  guard let ctx else { return }
  let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
  if ctxt.pointee.disableSAX == 0 {
    ParseState.from(ctxt)?.add(
      ctxt,
      "a DOCTYPE with an internal subset (entity or other declarations) is not allowed; use <!DOCTYPE html> or no DOCTYPE"
    )
  }
  ctxt.pointee.wellFormed = 0
  xmlStopParser(ctxt)
}
