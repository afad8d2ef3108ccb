import Basics

/// A template's raw text with its line index, for turning byte offsets into locations.
final class SourceText: Sendable {
  let file: String
  let bytes: [UInt8]
  let lineStarts: [Int]
  /// UTF-16 or UTF-32 text, refused by the parser: no line of it can be shown as UTF-8.
  let isWide: Bool
  /// The last column worked out (its line's index, byte offset and column): locations are
  /// asked for mostly in source order, so the next one on the same line counts on from it
  /// rather than from the line's start, which on a minified template's one long line would
  /// count the whole line again for each expression.
  private let lastColumn = Locked((line: -1, offset: 0, column: 1))

  init(file: String, bytes: [UInt8]) {
    self.file = file
    self.bytes = bytes
    isWide = WideEncoding.detect(bytes) != nil
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    lineStarts = starts
  }

  func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count, !isWide else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  func location(ofByte offset: Int) -> SourceLocation {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    var column = 1
    var index = lineStarts[low]
    let last = lastColumn.withLock { $0 }
    if last.line == low, last.offset <= offset {
      (index, column) = (last.offset, last.column)
    }
    let end = min(offset, bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      while index < end {
        if buffer[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
      }
    }
    lastColumn.withLock { $0 = (low, index, column) }
    return SourceLocation(file: file, line: low + 1, column: column, source: self)
  }

  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: max(column, 1), source: self)
  }
}

/// Where the parts of a well-formed document sit in its source: libxml2 keeps only an
/// element's line, so ardoc scans the (already validated) text once to find the column of
/// every attribute value and text run. Elements and text runs are listed in document order,
/// matching a walk of the parsed tree.
struct SourceMap {
  struct Element {
    let offset: Int
    /// Qualified name → byte offset of the first character of the value.
    var attributeValues: [String: Int]
  }

  /// A run of character data between markup, as libxml2 joins it into one text node.
  struct TextRun {
    let start: Int
    let end: Int
  }

  var elements: [Element] = []
  var textRuns: [TextRun] = []

  init(_ source: SourceText) {
    let b = source.bytes
    var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var depth = 0
    var runStart: Int?
    func closeRun(_ end: Int, _ runs: inout [TextRun]) {
      if let start = runStart, end > start, depth > 0 { runs.append(TextRun(start: start, end: end)) }
      runStart = nil
    }
    func find(_ pattern: [UInt8], from: Int) -> Int {
      var k = from
      while k + pattern.count <= b.count {
        if b[k] == pattern[0], Array(b[k..<k + pattern.count]) == pattern { return k }
        k += 1
      }
      return b.count
    }
    while i < b.count {
      guard b[i] == UInt8(ascii: "<") else {
        if runStart == nil { runStart = i }
        i += 1
        continue
      }
      if b[i...].starts(with: Array("<![CDATA[".utf8)) {
        if runStart == nil { runStart = i }
        i = find(Array("]]>".utf8), from: i) + 3
        continue
      }
      closeRun(i, &textRuns)
      if b[i...].starts(with: Array("<!--".utf8)) {
        i = find(Array("-->".utf8), from: i + 4) + 3
      } else if b[i...].starts(with: Array("<?".utf8)) {
        i = find(Array("?>".utf8), from: i + 2) + 2
      } else if b[i...].starts(with: Array("<!".utf8)) {
        i = find([UInt8(ascii: ">")], from: i) + 1
      } else if b[i...].starts(with: Array("</".utf8)) {
        i = find([UInt8(ascii: ">")], from: i) + 1
        depth -= 1
      } else {
        var element = Element(offset: i, attributeValues: [:])
        i += 1
        while i < b.count, !SourceMap.isSpace(b[i]), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") {
          i += 1
        }
        var selfClosing = false
        while i < b.count {
          if SourceMap.isSpace(b[i]) {
            i += 1
          } else if b[i] == UInt8(ascii: ">") {
            i += 1
            break
          } else if b[i] == UInt8(ascii: "/") {
            selfClosing = true
            i += 1
          } else {
            let nameStart = i
            while i < b.count, !SourceMap.isSpace(b[i]), b[i] != UInt8(ascii: "=") { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self)
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "'") { i += 1 }
            guard i < b.count else { break }
            let quote = b[i]
            i += 1
            element.attributeValues[name] = i
            while i < b.count, b[i] != quote { i += 1 }
            i += 1
          }
        }
        elements.append(element)
        if !selfClosing { depth += 1 }
      }
    }
    closeRun(i, &textRuns)
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The byte offset in `source` of the decoded character at `characterOffset` of a value
  /// that starts at `start`, undoing `&amp;`-style references on the way.
  static func byteOffset(in source: SourceText, from start: Int, decodedScalars: Int) -> Int {
    let b = source.bytes
    var i = start
    var remaining = decodedScalars
    while remaining > 0, i < b.count {
      if b[i] == UInt8(ascii: "&"), let end = b[i...].firstIndex(of: UInt8(ascii: ";")),
        end - i < 12
      {
        i = end + 1
      } else if b[i...].starts(with: Array("<![CDATA[".utf8)) {
        i += 9
        continue
      } else {
        i += 1
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
      }
      remaining -= 1
    }
    return i
  }
}
