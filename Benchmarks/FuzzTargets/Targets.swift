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
let sampleData: [String: TemplateValue] = [
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
  do {
    let again = try LedgerReader.parseJSON(json, file: "round-trip.json")
    if LedgerWriter.json(again) != json { finding("a \(origin) ledger changes when its JSON form is read back") }
  } catch {
    finding("the JSON form of a \(origin) ledger does not load: \(error)")
  }
  return true
}

func fuzzJSONLedger(_ bytes: [UInt8]) -> Bool {
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
