// The five fuzz targets. Each drives one part of ardoc with arbitrary bytes and checks what
// must hold for every input, not only that nothing crashed: a rendered document parses, a
// loaded ledger survives a round trip through its JSON form.
import Basics
import Foundation
import Ledger
import LibXML
import Templating
import Validation

/// The repository, so that targets can read Templates/ and Examples/: ARDOC_ROOT, or the
/// working folder (Benchmarks/fuzz runs from the checkout).
let root = ProcessInfo.processInfo.environment["ARDOC_ROOT"] ?? FileManager.default.currentDirectoryPath

/// Names a template or an expression can read: every kind of value, text that needs
/// escaping, nesting, lists to loop over.
let sampleData: TemplateMembers = [
  "customer": [
    "id": "C001", "name": "Acme <&> \"Trading\" 有限公司",
    "contacts": [["name": "王伟", "role": "payment-owner"], ["name": "Li ‏Na", "role": "finance"]],
  ],
  "balance": .number(ExactDecimal(significand: 123_456_789, scale: 2)),
  "zero": 0, "negative": -5, "flag": true, "nothing": .null,
  "invoices": [
    ["number": "INV-1", "amount": .number(ExactDecimal(significand: 99_999, scale: 2)), "due": "2026-10-31"],
    ["number": "INV-2", "amount": 0, "due": "2026-11-30"],
  ],
  "date": "2026-11-30", "currency": "CNY", "text": "]]> <!-- ${x} --> &amp;",
]

func fuzzTemplate(_ bytes: [UInt8]) -> Bool {
  let engine = TemplateEngine(roots: [root + "/Templates"])
  let source = String(decoding: bytes, as: UTF8.self)
  guard let template = try? engine.compile(source: source, name: "fuzz.xhtml") else { return false }
  var rendered = false
  for strict in [true, false] {
    guard let output = try? template.renderBytes(.object(sampleData), options: RenderOptions(strict: strict))
    else { continue }
    do {
      _ = try LibXML.XMLDocument.parse(output, file: "rendered")
      rendered = true
    } catch {
      finding("a rendered document does not parse: \(error)\n\(String(decoding: output, as: UTF8.self))")
    }
  }
  return rendered
}

func fuzzExpression(_ bytes: [UInt8]) -> Bool {
  let text = String(decoding: bytes, as: UTF8.self)
  var evaluated = false
  for locale in ["zh-CN", "en"] {
    if case .success = ExpressionProbe.evaluate(text, in: sampleData, locale: locale) { evaluated = true }
  }
  return evaluated
}

let asOf = CivilDate(year: 2026, month: 11, day: 30)!

/// What every ledger that loads must allow: figures for every customer, and a JSON form
/// that loads again to the same ledger.
func exercise(_ ledger: Ledger, from origin: String) -> Bool {
  // Import bounds every amount, so a ledger that loads has figures that fit.
  guard let receivables = try? Receivables(ledger, asOf: asOf), (try? receivables.aging(.standard)) != nil else {
    finding("a \(origin) ledger that loads overflows its receivables")
  }
  for customer in ledger.customers { _ = receivables.accounts(customer: customer.id) }
  let json = LedgerWriter.json(ledger)
  if LedgerWriter.digest(ledger) != SHA256.digest(json) {
    finding("a \(origin) ledger's streamed digest is not the digest of its JSON form")
  }
  do {
    let again = try LedgerReader.parseJSON(json, file: "round-trip.json")
    if LedgerWriter.json(again) != json { finding("a \(origin) ledger changes when its JSON form is read back") }
  } catch {
    finding("the JSON form of a \(origin) ledger does not load: \(error)")
  }
  return true
}

/// Whether a parse with the root's lists deferred gives what one parse gives: the same
/// members at the same places, each deferred list's items the whole parse's.
func sameDocument(_ whole: JSONNode, _ deferred: JSONNode) -> Bool {
  guard case .object(let wholeMembers) = whole.value, case .object(let deferredMembers) = deferred.value else {
    return whole == deferred
  }
  guard wholeMembers.count == deferredMembers.count else { return false }
  for (a, b) in zip(wholeMembers, deferredMembers) {
    guard a.key == b.key, a.keyLine == b.keyLine, a.value.line == b.value.line, a.value.column == b.value.column
    else { return false }
    if case .deferredArray(let items) = b.value.value {
      guard case .array(let nodes) = a.value.value, nodes == items.all else { return false }
    } else if a.value != b.value {
      return false
    }
  }
  return true
}

func fuzzJSONLedger(_ bytes: [UInt8]) -> Bool {
  switch (Result { try JSONReader.parse(bytes) }, Result { try JSONReader.parse(bytes, deferRootArrays: true) }) {
  case (.success(let whole), .success(let deferred)):
    if !sameDocument(whole, deferred) { finding("a JSON document reads otherwise with its lists deferred") }
  case (.failure(let whole), .failure(let deferred)):
    if "\(whole)" != "\(deferred)" { finding("a JSON error is reported otherwise with the lists deferred") }
  default:
    finding("a JSON document parses one way and not the other with its lists deferred")
  }
  guard let ledger = try? LedgerReader.parseJSON(bytes, file: "fuzz.json") else { return false }
  return exercise(ledger, from: "JSON")
}

/// The example CSV ledger; the input's first byte picks the file it replaces.
let csvFiles: [(String, [UInt8])] = {
  let folder = root + "/Examples/ledger-csv"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder).sorted()) ?? []
  return names.compactMap { name in (try? FileBytes.read(folder + "/" + name)).map { (name, $0) } }
}()

/// One folder per process, on tmpfs when there is one.
let csvFolder: String = {
  let base = FileBytes.isFolder("/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  let folder = base + "/ardoc-fuzz-csv-\(getpid())"
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  return folder
}()

func fuzzCSVLedger(_ bytes: [UInt8]) -> Bool {
  guard let selector = bytes.first, !csvFiles.isEmpty else { return false }
  let replaced = Int(selector) % csvFiles.count
  for (index, (name, content)) in csvFiles.enumerated() {
    let path = csvFolder + "/" + name
    let data = index == replaced ? Array(bytes.dropFirst()) : content
    guard FileManager.default.createFile(atPath: path, contents: Data(data)) else {
      finding("cannot write \(path)")
    }
  }
  guard let ledger = try? LedgerReader.load(csvFolder) else { return false }
  return exercise(ledger, from: "CSV")
}

let exampleLedger = try? LedgerReader.load(root + "/Examples/ledger.json")

func fuzzValidator(_ bytes: [UInt8]) -> Bool {
  let checked = Validator(policy: .standard, ledger: exampleLedger).validate(bytes, file: "fuzz.xhtml")
  _ = Validator(policy: .standard, ledger: nil).validate(bytes, file: "fuzz.html")
  return checked.valid
}
