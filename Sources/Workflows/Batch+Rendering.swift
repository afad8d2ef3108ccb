import Basics
import Dispatch
import Foundation
import Ledger
import LedgerStore
import Letters
import Synchronization
import Validation

/// Rendering, validating and writing one chunk's letters on all cores.
extension Batch {
  // MARK: Rendering

  enum Outcome: Sendable {
    case done
    case written(path: String, sha256: String, findings: [Finding], bytes: [UInt8])
    case failed(String)
    /// The document could not be written (a full disk, a read-only folder): the batch
    /// stops, leaving the chunk's numbers reserved for the next run to finish.
    case aborted(FileBytes.Failure)
  }

  func render(_ candidates: [Candidate], _ slots: [BatchSlot], folder: String, options: BatchOptions) -> [Outcome] {
    let results = Locked<[Outcome?]>(Array(repeating: nil, count: candidates.count))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(options.jobs, max(candidates.count, 1))) { lane in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < candidates.count else { return }
        let outcome = renderOne(candidates[index], slots[index], folder: folder, options: options, lane: lane)
        results.withLock { $0[index] = outcome }
      }
    }
    return results.withLock { $0.map { $0 ?? .failed("not rendered") } }
  }

  func renderOne(_ candidate: Candidate, _ slot: BatchSlot, folder: String, options: BatchOptions, lane: Int) -> Outcome
  {
    if slot.state == .done { return .done }
    do {
      let ledger = candidate.ledger
      let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: templateRoots, cache: cache)
      let letter = try factory.render(candidate.prepared, number: slot.number, lane: lane)
      let report = Validator(policy: policy, ledger: ledger, receivables: candidate.receivables).validate(
        document: letter.document, bytes: letter.bytes, file: slot.number)
      if !report.valid && !options.output.force {
        return .failed(
          "failed validation: " + report.findings.map { "[\($0.rule)] \($0.message)" }.joined(separator: "; "))
      }
      var bytes = letter.bytes
      var name = [slot.number, options.kind.rawValue, candidate.customer].map(DocumentService.safeFileName)
        .joined(separator: "-")
      if !report.valid {
        bytes = Gate.markInvalid(bytes, findings: report.findings)
        name += "-INVALID"
      }
      let path = folder + "/" + name + ".html"
      // Flushed once per chunk (FileBytes.flush) before the register records the documents.
      do {
        try FileBytes.writeAtomically(bytes, to: path, sync: false)
      } catch {
        return .aborted(error)
      }
      let findings = report.findings + candidate.prepared.warnings.map(Finding.init(issuedDespite:))
      return .written(path: path, sha256: SHA256.hex(bytes), findings: findings, bytes: bytes)
    } catch {
      return .failed("\(error)")
    }
  }
}
