// Import and aging for generated ledgers: wall time per phase and peak memory.
// Run Benchmarks/ledger [customers ...] (default 1000 10000).
import Basics
import Foundation
import Ledger
import LedgerStore

#if canImport(Glibc)
  import Glibc
#endif

/// A deterministic ledger: each customer has a contract, ten invoices and a few payments.
func generate(customers: Int) -> [UInt8] {
  var rng = SplitMix(seed: 42)
  let w = JSONWriter()
  let start = CivilDate(daysSinceEpoch: 20_200)  // 2025-04-22
  w.object {
    w.field("format", "ardoc-ledger/1")
    w.key("issuer")
    w.object { w.field("name", "上海澄明工业软件有限公司") }
    w.key("customers")
    w.array(Array(0..<customers)) { i in
      w.object {
        w.field("id", "C\(i)")
        w.field("name", "客户\(i)有限公司")
        w.key("contacts")
        w.array([0]) { _ in
          w.object {
            w.field("name", "付款人\(i)")
            w.key("roles")
            w.array(["payment-owner"]) { w.string($0) }
            w.key("paymentOwnerConfirmation")
            w.object {
              w.field("confirmedOn", "2025-01-01")
              w.field("method", "email")
            }
          }
        }
      }
    }
    w.key("contracts")
    w.array(Array(0..<customers)) { i in
      w.object {
        w.field("id", "K\(i)")
        w.field("customer", "C\(i)")
        w.field("amount", "1000000.00")
      }
    }
    w.key("invoices")
    w.array(Array(0..<(customers * 10))) { n in
      let issued = start.adding(days: Int(rng.next() % 500))
      w.object {
        w.field("number", "INV\(n)")
        w.field("contract", "K\(n / 10)")
        w.field("issuedOn", issued.iso)
        w.field("dueOn", issued.adding(days: 30).iso)
        let cents = rng.next() % 100
        w.field("amount", "\(1000 + rng.next() % 90000).\(cents < 10 ? "0" : "")\(cents)")
      }
    }
    w.key("payments")
    w.array(Array(0..<(customers * 3))) { n in
      w.object {
        w.field("id", "P\(n)")
        w.field("customer", "C\(n / 3)")
        w.field("receivedOn", start.adding(days: Int(rng.next() % 560)).iso)
        w.field("amount", "\(5000 + rng.next() % 50000).00")
      }
    }
  }
  return Array(w.output.utf8)
}

struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func peakMemoryMB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

func seconds(_ start: ContinuousClock.Instant) -> String {
  let d = ContinuousClock.now - start
  let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  return String(format: "%.2f s", s)
}

/// `--batch-data N DIR`: the batch benchmark's inputs. A ledger of N customers with three
/// invoices each (every customer confirmed and owing), and the same letters' figures for the
/// peers (letters.json for swift-mustache, letters.xml for xsltproc), computed by ardoc's own
/// ledger code so that every implementation prints the same numbers.
func batchData(_ count: Int, _ folder: String) throws {
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var rng = SplitMix(seed: 7)
  let w = JSONWriter()
  let start = try CivilDate(iso: "2026-07-01")
  w.object {
    w.field("format", "ardoc-ledger/1")
    w.key("issuer")
    w.object {
      w.field("name", "上海澄明工业软件有限公司")
      w.field("address", "上海市浦东新区张江路 88 号 5 楼")
      w.key("bank")
      w.object {
        w.field("name", "招商银行上海张江支行")
        w.field("account", "1219 0876 5432 101")
      }
    }
    w.key("customers")
    w.array(Array(0..<count)) { i in
      w.object {
        w.field("id", "B\(i)")
        w.field("name", "基准客户\(i)有限公司")
        w.key("contacts")
        w.array([0]) { _ in
          w.object {
            w.field("name", "付款人\(i)")
            w.field("title", "财务经理")
            w.key("roles")
            w.array(["payment-owner"]) { w.string($0) }
            w.key("paymentOwnerConfirmation")
            w.object {
              w.field("confirmedOn", "2026-01-05")
              w.field("method", "email")
            }
          }
        }
      }
    }
    w.key("contracts")
    w.array(Array(0..<count)) { i in
      w.object {
        w.field("id", "K\(i)")
        w.field("customer", "B\(i)")
        w.field("amount", "900000.00")
      }
    }
    w.key("invoices")
    w.array(Array(0..<(count * 3))) { n in
      let issued = start.adding(days: Int(rng.next() % 120))
      let cents = rng.next() % 100
      w.object {
        w.field("number", "F\(n)")
        w.field("contract", "K\(n / 3)")
        w.field("issuedOn", issued.iso)
        w.field("dueOn", issued.adding(days: 30).iso)
        w.field("amount", "\(1000 + rng.next() % 90000).\(cents < 10 ? "0" : "")\(cents)")
      }
    }
    w.key("payments")
    w.array([Int]()) { _ in }
    w.key("credits")
    w.array([Int]()) { _ in }
  }
  let bytes = Array(w.output.utf8)
  try Data(bytes).write(to: URL(fileURLWithPath: folder + "/ledger.json"))
  let ledger = try LedgerReader.parseJSON(bytes, file: "ledger.json")
  let asOf = try CivilDate(iso: "2026-11-30")
  let receivables = try Receivables(ledger, asOf: asOf)
  let css = (try? String(contentsOfFile: "Templates/print.css", encoding: .utf8)) ?? ""
  let letters = JSONWriter()
  var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<letters>\n<css>" + escape(css) + "</css>\n"
  letters.object {
    letters.field("css", css)
    letters.key("letters")
    letters.array(ledger.customers) { customer in
      let account = receivables.account(customer: customer.id, currency: "CNY")
      let balance = account?.balance ?? .zero
      let words = (try? AmountInWords.chinese(balance)) ?? ""
      let rows = account?.openInvoices ?? []
      xml += "<letter id=\"\(customer.id)\" number=\"DZ-\(customer.id)\"><customer>\(escape(customer.name))</customer>"
      xml +=
        "<owner>\(escape(customer.contacts[0].name))</owner><balance raw=\"\(balance.formatted(places: 2, grouping: false))\">"
      xml += "\(balance.formatted(places: 2))</balance><words>\(words)</words>"
      letters.object {
        letters.field("id", customer.id)
        letters.field("number", "DZ-\(customer.id)")
        letters.field("customer", customer.name)
        letters.field("owner", customer.contacts[0].name)
        letters.field("balance", balance.formatted(places: 2))
        letters.field("balanceRaw", balance.formatted(places: 2, grouping: false))
        letters.field("words", words)
        letters.key("rows")
        letters.array(Array(rows.enumerated())) { index, row in
          xml +=
            "<row n=\"\(index + 1)\" number=\"\(row.invoice.number)\" issued=\"\(row.invoice.issuedOn.iso)\" due=\"\(row.invoice.dueOn.iso)\""
          xml += " amount=\"\(row.invoice.amount.formatted(places: 2))\" paid=\"\(row.paid.formatted(places: 2))\""
          xml +=
            " open=\"\(row.open.formatted(places: 2))\" raw=\"\(row.open.formatted(places: 2, grouping: false))\"/>"
          letters.object {
            letters.field("n", String(index + 1))
            letters.field("number", row.invoice.number)
            letters.field("issued", row.invoice.issuedOn.iso)
            letters.field("due", row.invoice.dueOn.iso)
            letters.field("amount", row.invoice.amount.formatted(places: 2))
            letters.field("paid", row.paid.formatted(places: 2))
            letters.field("open", row.open.formatted(places: 2))
            letters.field("raw", row.open.formatted(places: 2, grouping: false))
          }
        }
      }
      xml += "</letter>\n"
    }
  }
  xml += "</letters>\n"
  try Data(letters.output.utf8).write(to: URL(fileURLWithPath: folder + "/letters.json"))
  try Data(xml.utf8).write(to: URL(fileURLWithPath: folder + "/letters.xml"))
}

/// `--wide-ledger N FILE`: the example ledger (Examples/ledger.json) with its customers copied,
/// ids suffixed, until there are N: a ledger shaped as a company's (addresses, contacts,
/// contracts with items and terms, payments, credits; about 2 KB a customer), for the memory
/// of a batch from JSON against the file's size.
func wideLedger(_ count: Int, _ file: String) throws {
  let example = try LedgerReader.load("Examples/ledger.json")
  var wide = example
  (wide.customers, wide.contracts, wide.invoices, wide.payments, wide.credits) = ([], [], [], [], [])
  var copy = 0
  while wide.customers.count < count {
    let suffix = copy == 0 ? "" : "-W\(copy)"
    for var customer in example.customers where wide.customers.count < count {
      let id = customer.id
      customer.id += suffix
      wide.customers.append(customer)
      let contracts = example.contracts.filter { $0.customer == id }
      for var contract in contracts {
        contract.id += suffix
        contract.customer += suffix
        wide.contracts.append(contract)
      }
      let contractIDs = Set(contracts.map(\.id))
      let invoices = example.invoices.filter { contractIDs.contains($0.contract) }
      for var invoice in invoices {
        invoice.number += suffix
        invoice.contract += suffix
        wide.invoices.append(invoice)
      }
      let numbers = Set(invoices.map(\.number))
      for var credit in example.credits where numbers.contains(credit.invoice) {
        credit.number += suffix
        credit.invoice += suffix
        wide.credits.append(credit)
      }
      for var payment in example.payments where payment.customer == id {
        payment.id += suffix
        payment.customer += suffix
        payment.appliesTo = payment.appliesTo.map { $0 + suffix }
        wide.payments.append(payment)
      }
    }
    copy += 1
  }
  try Data(LedgerWriter.json(wide)).write(to: URL(fileURLWithPath: file))
}

func escape(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;")
}

if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--batch-data", let n = Int(CommandLine.arguments[2]) {
  try batchData(n, CommandLine.arguments[3])
  exit(0)
}

if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--wide-ledger", let n = Int(CommandLine.arguments[2])
{
  try wideLedger(n, CommandLine.arguments[3])
  exit(0)
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let customers = sizes.first ?? 10_000
let folder = NSTemporaryDirectory() + "ardoc-ledger-bench-\(getpid())"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let file = folder + "/ledger-\(customers).json"
var start = ContinuousClock.now
let bytes = generate(customers: customers)
try Data(bytes).write(to: URL(fileURLWithPath: file))
print(
  "\(customers) customers, \(customers * 10) invoices, \(customers * 3) payments: \(bytes.count / 1_048_576) MiB JSON (generated in \(seconds(start)))"
)
start = ContinuousClock.now
let ledger = try LedgerReader.load(file)
print("  read and check:  \(seconds(start))")
// The same parse five times, best kept: this VM's timings vary, the minimum less so.
var best = Duration.seconds(1_000)
for _ in 0..<5 {
  let begin = ContinuousClock.now
  _ = try LedgerReader.parseJSON(bytes, file: file)
  best = min(best, ContinuousClock.now - begin)
}
print(
  String(
    format: "  parse, best of 5: %.3f s",
    Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18))
start = ContinuousClock.now
let store = try LedgerStore(path: folder + "/ardoc-\(customers).sqlite")
try store.importLedger(ledger, source: file)
print("  store import:    \(seconds(start))")
start = ContinuousClock.now
let asOf = try CivilDate(iso: "2026-11-30")
let lines = try Receivables(ledger, asOf: asOf).aging(.standard)
print("  aging:           \(seconds(start)) (\(lines.count) lines)")
start = ContinuousClock.now
_ = try store.ledger()
print("  load from store: \(seconds(start))")
print(String(format: "  peak memory:     %.0f MiB", peakMemoryMB()))
try? FileManager.default.removeItem(atPath: folder)
