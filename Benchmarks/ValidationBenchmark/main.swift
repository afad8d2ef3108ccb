// Documents validated per second on all cores, with and without the ledger cross-check.
// Run Benchmarks/validate [documents] (default 10000): the golden letters of every kind,
// level, measure and locale, cycled to that many documents.
import Basics
import Dispatch
import Foundation
import Ledger
import Synchronization
import Validation

let count = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 10_000
let root = FileManager.default.currentDirectoryPath
let goldens = root + "/Tests/LettersTests/Fixtures/golden"
var sources: [[UInt8]] = []
for locale in ["zh-CN", "en"] {
  for file in try FileManager.default.contentsOfDirectory(atPath: goldens + "/" + locale).sorted() {
    sources.append(try FileBytes.read(goldens + "/" + locale + "/" + file))
  }
}
let documents = (0..<count).map { sources[$0 % sources.count] }
let bytes = documents.reduce(0) { $0 + $1.count }
let ledger = try LedgerReader.load(root + "/Examples/ledger.json")
let policy = try Policy.load(root + "/Examples/policy.json")
let threads = ProcessInfo.processInfo.activeProcessorCount
print("\(count) documents (\(bytes / count) bytes on average), \(threads) threads")

func measure(_ validator: Validator) -> (perSecond: Double, invalid: Int) {
  let invalid = Atomic<Int>(0)
  let start = ContinuousClock.now
  DispatchQueue.concurrentPerform(iterations: threads) { worker in
    var index = worker
    while index < documents.count {
      if !validator.validate(documents[index], file: "doc").valid { invalid.add(1, ordering: .relaxed) }
      index += threads
    }
  }
  let elapsed = ContinuousClock.now - start
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  return (Double(count) / seconds, invalid.load(ordering: .relaxed))
}

let without = measure(Validator(policy: policy))
print(String(format: "without ledger: %8.0f documents/s (%d invalid)", without.perSecond, without.invalid))
let with = measure(Validator(policy: policy, ledger: ledger))
print(String(format: "with ledger:    %8.0f documents/s (%d invalid)", with.perSecond, with.invalid))
