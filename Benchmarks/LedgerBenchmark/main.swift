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
start = ContinuousClock.now
let store = try LedgerStore(path: folder + "/ardoc-\(customers).sqlite")
try store.importLedger(ledger, source: file)
print("  store import:    \(seconds(start))")
start = ContinuousClock.now
let asOf = try CivilDate(iso: "2026-11-30")
let lines = Receivables(ledger, asOf: asOf).aging(.standard)
print("  aging:           \(seconds(start)) (\(lines.count) lines)")
start = ContinuousClock.now
_ = try store.ledger()
print("  load from store: \(seconds(start))")
print(String(format: "  peak memory:     %.0f MiB", peakMemoryMB()))
try? FileManager.default.removeItem(atPath: folder)
