import Basics
import Foundation
import Ledger
import LedgerStore
import Templating
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// A streamed output of the batch; failures become ``GenerateError/file(_:)``.
struct StreamedFile {
  let stream: FileBytes.Stream

  init(_ path: String) throws(GenerateError) {
    do {
      stream = try FileBytes.Stream(path)
    } catch {
      throw .file(error)
    }
  }

  func write(_ text: String) throws(GenerateError) {
    do {
      try stream.write(text)
    } catch {
      throw .file(error)
    }
  }

  func write(_ bytes: [UInt8]) throws(GenerateError) {
    do {
      try stream.write(bytes)
    } catch {
      throw .file(error)
    }
  }

  func finish() throws(GenerateError) {
    do {
      try stream.finish()
    } catch {
      throw .file(error)
    }
  }

  func publish() throws(GenerateError) {
    do {
      try stream.publish()
    } catch {
      throw .file(error)
    }
  }

  func discard() { stream.discard() }
}

/// The names of the files a batch writes beside its letters.
public enum BatchFolder {
  public static let manifestCSV = "manifest.csv"
  public static let manifestJSON = "manifest.json"
  public static let bundle = "print.html"
  /// The month's files every front may hand out (the print PDFs besides).
  public static let outputs: Set<String> = [manifestCSV, manifestJSON, bundle, BatchSkip.fileName]
}

/// The manifest (CSV and JSON) and the print bundle, written as the batch goes.
final class BatchOutputs {
  let csv: StreamedFile
  let json: StreamedFile
  let bundle: StreamedFile
  var firstJSON = true
  var count = 0
  /// Documents from earlier runs listed without their letter in the bundle: number, why.
  var unbundled: [(number: String, message: String)] = []
  /// Document paths and numbers, kept only when PDFs are to be printed.
  var letters: [(path: String, number: String)] = []
  let keepPaths: Bool

  init(folder: String, title: String, stylesheet: String, keepPaths: Bool) throws(GenerateError) {
    csv = try StreamedFile(folder + "/" + BatchFolder.manifestCSV)
    json = try StreamedFile(folder + "/" + BatchFolder.manifestJSON)
    bundle = try StreamedFile(folder + "/" + BatchFolder.bundle)
    self.keepPaths = keepPaths
    try csv.write(
      "\u{FEFF}"
        + CSVWriter.row([
          "number", "customer", "name", "currency", "amount", "detail", "file", "sha256", "status", "ledger",
        ]))
    try json.write("[\n")
    try bundle.write(BatchOutputs.bundleHead(title: title, stylesheet: stylesheet))
  }

  static func bundleHead(title: String, stylesheet: String) -> String {
    """
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
    \(bundleMarker)
    <title>\(htmlAttribute(title))</title>
    <style>\(stylesheet)
    section.letter { break-after: page; page-break-after: always; }
    section.letter:last-child { break-after: auto; page-break-after: auto; }
    </style></head><body>

    """
  }

  static let bundleTail = "</body></html>\n"

  /// Marks a print bundle, so that `ardoc validate` on the output folder knows it is not a
  /// letter (its letters are validated in their own files).
  static let bundleMarker = #"<meta name=""# + MetaName.bundle.rawValue + #"" content="print" />"#

  /// One letter of a print bundle: its body in a section on pages of their own. Each letter's
  /// pages are a named page group whose footer gives the letter's number instead of print.css's
  /// "page / pages": in a bundle those run across all letters ("7 / 24" on a customer's letter),
  /// and Chromium cannot restart the page counter per letter (neither an element's
  /// `counter-reset` nor a named page's reset it only at the group's first page).
  static func section(_ inner: some Collection<UInt8>, number: String, index: Int) -> [UInt8] {
    let page = "letter-\(index)"
    var out = Array(
      """
      <style>@page \(page) { @bottom-center { content: \(cssString(number)); } }</style>\
      <section class="letter" data-number="\(htmlAttribute(number))" style="page: \(page)">
      """.utf8)
    out += inner
    out += Array("</section>\n".utf8)
    return out
  }

  /// A CSS string literal: quotes, backslashes, line breaks and `<` (which could close the
  /// style element) written as escapes.
  static func cssString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\", "<", ">", "&", "\n", "\r", "\u{C}":
        out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Text escaped for an HTML attribute value or element content.
  static func htmlAttribute(_ text: String) -> String { MarkupEscaping.attribute(text) }

  func add(_ row: ManifestRow, document: [UInt8]?) throws(GenerateError) {
    try csv.write(
      CSVWriter.row([
        row.number, row.customer, row.name, row.currency, row.amount.formatted(places: 2, grouping: false), row.detail,
        row.file, row.sha256, row.status, row.ledger,
      ]))
    let w = JSONWriter()
    w.object {
      w.field("number", row.number)
      w.field("customer", row.customer)
      w.field("name", row.name)
      w.field("currency", row.currency)
      w.field("amount", row.amount.formatted(places: 2, grouping: false))
      w.field("detail", row.detail)
      w.field("file", row.file)
      w.field("sha256", row.sha256)
      w.field("status", row.status)
      w.field("ledger", row.ledger)
    }
    try json.write((firstJSON ? "" : ",\n") + w.output)
    firstJSON = false
    if let document, let inner = BatchOutputs.bodyContent(document) {
      try bundle.write(BatchOutputs.section(inner, number: row.number, index: count + 1))
    }
    if keepPaths { letters.append((row.file, row.number)) }
    count += 1
  }

  /// Lists a document the register holds (issued by an earlier run), its file read back for
  /// the bundle; `name` and `detail` come from the ledger, the rest from the register. One
  /// whose file is gone because another process has just superseded it (a reissue moving it
  /// into `superseded/`) no longer stands and is left out: that reissue rebuilds the outputs.
  /// Returns the document's bytes, when its file could be read.
  @discardableResult
  func addRegistered(_ entry: RegisterEntry, name: String, detail: String, store: LedgerStore) throws(GenerateError)
    -> [UInt8]?
  {
    let document = entry.path.flatMap { try? FileBytes.read($0, limit: ValidationRun.largestDocument) }
    if document == nil, (try? store.entry(entry.number))?.status == .superseded { return nil }
    if document.flatMap(BatchOutputs.bodyContent) == nil {
      // Listed all the same (it is issued), but the bundle cannot show it: say so.
      unbundled.append(
        (
          entry.number,
          "[bundle] \(entry.path ?? "its file") cannot be read or has no <body>: it is in the manifests but not in print.html; rewrite it with --reissue --customers \(entry.customer)"
        ))
    }
    try add(
      ManifestRow(
        number: entry.number, customer: entry.customer, name: name, currency: entry.currency, amount: entry.amount,
        detail: detail, file: entry.path ?? "", sha256: entry.sha256 ?? "", status: entry.status.rawValue,
        ledger: entry.ledger ?? ""),
      document: document)
    return document
  }

  /// The content of a document's `<body>` (which may carry attributes), as ardoc serialized
  /// it: libxml2 writes `>` inside attribute values as `&gt;`, so the first `>` ends the tag.
  static func bodyContent(_ bytes: [UInt8]) -> [UInt8]? {
    var from = 0
    while let open = ByteSearch.find(Array("<body".utf8), in: bytes, from: from) {
      let next = open + 5
      guard next < bytes.count else { return nil }
      // `<body>`, `<body class=…>`; not `<bodyguard>`.
      if [UInt8(ascii: ">"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]),
        let end = ByteSearch.find([UInt8(ascii: ">")], in: bytes, from: next),
        let close = ByteSearch.find(Array("</body>".utf8), in: bytes, from: end)
      {
        return Array(bytes[(end + 1)..<close])
      }
      from = next
    }
    return nil
  }

  /// Removes the temporaries: a batch that fails leaves no partial manifest or bundle.
  func discard() {
    csv.discard()
    json.discard()
    bundle.discard()
  }

  func commit() throws(GenerateError) {
    try json.write("\n]\n")
    try bundle.write(BatchOutputs.bundleTail)
    // All three are complete on disk before any is moved into place.
    for file in [csv, json, bundle] { try file.finish() }
    for file in [csv, json, bundle] { try file.publish() }
  }
}
