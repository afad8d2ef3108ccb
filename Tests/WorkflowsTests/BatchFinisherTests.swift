import Basics
import Foundation
import Ledger
import LedgerStore
import Letters
import TestSupport
import Testing
import Vocabulary

@testable import Workflows

/// The batch's last stage, on its own thread: chunks finished in order, failures kept and
/// reported to the batch, nothing recorded for a chunk that failed.
@Suite struct BatchFinisherTests {
  struct Setup {
    let folder: String
    let store: LedgerStore
    let outputs: BatchOutputs
    let candidates: [Batch.Candidate]
    let slots: [BatchSlot]
  }

  /// Two example customers' confirmations, numbered in a fresh register.
  func setup() throws -> Setup {
    let folder = scratchPath("finisher")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let policy = try Policy.load(packageRoot + "/Examples/policy.json")
    let asOf = try CivilDate(iso: "2026-11-30")
    let receivables = try Receivables(ledger, asOf: asOf)
    let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: [packageRoot + "/Templates"])
    let candidates = try ["C001", "C002"].map { id in
      let prepared = try factory.prepare(LetterRequest(kind: .confirmation, customer: id, asOf: asOf))
      return Batch.Candidate(
        customer: id, name: id, currency: prepared.currency, amount: prepared.amount, detail: nil, ledger: ledger,
        receivables: receivables, prepared: prepared, factory: factory)
    }
    let store = try LedgerStore(path: folder + "/ardoc.sqlite")
    let run = try store.beginRun(
      kind: .confirmation, month: "2026-11", folder: folder, batch: true,
      options: RunOptions(locale: "zh-CN", force: false, templates: []), ledger: nil)
    let slots = try store.planBatch(
      candidates.map {
        RegisterEntry(
          number: "", kind: .confirmation, customer: $0.customer, documentDate: asOf, asOf: asOf,
          currency: $0.currency, amount: $0.amount, detail: nil)
      }, pattern: "T-{seq:3}", reissue: false, run: run.id)
    let outputs = try BatchOutputs(folder: folder, title: "t", stylesheet: "", keepPaths: false)
    return Setup(folder: folder, store: store, outputs: outputs, candidates: candidates, slots: slots)
  }

  func written(_ path: String, _ sha: String, _ bytes: [UInt8]) -> Batch.Outcome {
    .written(
      Batch.WrittenLetter(
        document: WrittenDocument(number: "T-001", path: path, sha256: sha, bytes: bytes, findings: []),
        amount: ExactDecimal(12), detail: nil))
  }

  @Test func chunksAreRecordedInOrderWithTheirSkips() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let finisher = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: 3)
    let letter = Array("<html><body><p>1</p></body></html>".utf8)
    finisher.submit(
      BatchFinisher.Work(
        customers: 2, ids: [], letters: s.candidates.map(\.listing), slots: s.slots,
        outcomes: [
          written(s.folder + "/a.html", "aa", letter),
          .failed("failed validation: x"),
        ],
        reasons: [
          BatchSkip(
            customer: "C000", currency: "CNY", reason: .zeroBalance, message: "nothing to confirm: the balance is 0.00")
        ], folder: s.folder))
    try finisher.wait()
    #expect(finisher.issuedNow == 1 && finisher.alreadyIssued == 0 && finisher.done == 2)
    #expect(
      finisher.skipped.map { "\($0.label): \($0.reason.rawValue): \($0.message)" } == [
        "C000 CNY: zero-balance: nothing to confirm: the balance is 0.00",
        "C002 CNY: failed-validation: failed validation: x (T-002 is void)",
      ])
    // Two customers are fewer than one flush's worth: recorded when the finisher is closed.
    #expect(try s.store.entry("T-001")?.status == .reserved)
    try finisher.close()
    #expect(try s.store.entry("T-001")?.status == .issued)
    #expect(try s.store.entry("T-001")?.amount == ExactDecimal(12))
    #expect(try s.store.entry("T-001")?.sha256 == "aa")
    #expect(try s.store.entry("T-002")?.status == .void)
    #expect(s.outputs.count == 1)
  }

  @Test func aFailedChunkIsReportedAndRecordsNothing() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let finisher = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: 2)
    finisher.submit(
      BatchFinisher.Work(
        customers: 2, ids: [], letters: s.candidates.map(\.listing), slots: s.slots,
        outcomes: [
          written(s.folder + "/a.html", "aa", []),
          .aborted(
            FileBytes.Failure(
              path: s.folder + "/b.html", reason: "no space left on the device; free space and run the command again")),
        ],
        reasons: [], folder: s.folder))
    #expect(throws: GenerateError.self) { try finisher.wait() }
    #expect(
      finisher.failure?.description
        == "error: cannot write \(s.folder)/b.html: no space left on the device; free space and run the command again")
    // Still reported at the next wait, and the register still says reserved.
    #expect(throws: GenerateError.self) { try finisher.wait() }
    #expect(try s.store.entry("T-001")?.status == .reserved)
    #expect(try s.store.entry("T-002")?.status == .reserved)
  }

  @Test func aLetterThatFailedBeforeItsNumberIsSkippedAndRecordsNothing() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let finisher = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: 2)
    finisher.submit(
      BatchFinisher.Work(
        customers: 2, ids: [], letters: s.candidates.map(\.listing), slots: s.slots,
        outcomes: [.unnumbered("failed validation: [seals] y"), .busy("its letter is being written by run 9")],
        reasons: [], folder: s.folder))
    try finisher.wait()
    #expect(
      finisher.skipped.map { "\($0.label): \($0.reason.rawValue): \($0.message)" } == [
        "C001 CNY: failed-validation: failed validation: [seals] y",
        "C002 CNY: in-progress: T-002: its letter is being written by run 9",
      ])
    #expect(finisher.issuedNow == 0 && s.outputs.count == 0)
  }

  @Test func aFlushsWorthOfCustomersIsRecordedWithoutWaitingForTheEnd() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let finisher = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: BatchFinisher.recordEvery)
    finisher.submit(
      BatchFinisher.Work(
        customers: BatchFinisher.recordEvery, ids: [], letters: s.candidates.map(\.listing), slots: s.slots,
        outcomes: [written(s.folder + "/a.html", "aa", []), .failed("failed validation: x")], reasons: [],
        folder: s.folder))
    try finisher.wait()
    #expect(try s.store.entry("T-001")?.status == .issued)
    #expect(try s.store.entry("T-002")?.status == .void)
  }

  @Test func aFailedChunkStillRecordsTheChunksFinishedBeforeIt() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let finisher = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: 2)
    finisher.submit(
      BatchFinisher.Work(
        customers: 1, ids: [], letters: [s.candidates[0].listing], slots: [s.slots[0]],
        outcomes: [written(s.folder + "/a.html", "aa", [])], reasons: [], folder: s.folder))
    try finisher.wait()
    #expect(try s.store.entry("T-001")?.status == .reserved)
    finisher.submit(
      BatchFinisher.Work(
        customers: 1, ids: [], letters: [s.candidates[1].listing], slots: [s.slots[1]],
        outcomes: [.aborted(FileBytes.Failure(path: s.folder + "/b.html", reason: "no space left on the device"))],
        reasons: [], folder: s.folder))
    #expect(throws: GenerateError.self) { try finisher.wait() }
    #expect(try s.store.entry("T-001")?.status == .issued)
    #expect(try s.store.entry("T-002")?.status == .reserved)
    // Closing after the failure records nothing more and reports it again.
    #expect(throws: GenerateError.self) { try finisher.close() }
    #expect(try s.store.entry("T-002")?.status == .reserved)
  }
}

extension BatchFinisherTests {
  /// A reissue recorded after the chunk's standing documents are looked up (fewer customers
  /// than a flush's worth): the letter it replaces is not listed as standing beside it.
  @Test func aLetterReplacedByOneNotYetRecordedIsNotListedAsStanding() throws {
    let s = try setup()
    defer { try? FileManager.default.removeItem(atPath: s.folder) }
    let first = BatchFinisher(outputs: s.outputs, store: s.store, progress: nil, total: 1)
    first.submit(
      BatchFinisher.Work(
        customers: 1, ids: [], letters: [s.candidates[0].listing], slots: [s.slots[0]],
        outcomes: [written(s.folder + "/a.html", "aa", [])], reasons: [], folder: s.folder))
    try first.close()
    #expect(try s.store.entry("T-001")?.status == .issued)
    let asOf = try CivilDate(iso: "2026-11-30")
    // Another month's run: setup's run for 2026-11 still holds that month.
    let run = try s.store.beginRun(
      kind: .confirmation, month: "2026-12", folder: s.folder, batch: true,
      options: RunOptions(locale: "zh-CN", force: false, templates: []), ledger: nil)
    let candidate = s.candidates[0]
    let slots = try s.store.planBatch(
      [
        RegisterEntry(
          number: "", kind: .confirmation, customer: candidate.customer, documentDate: asOf, asOf: asOf,
          currency: candidate.currency, amount: candidate.amount, detail: nil)
      ], pattern: "T-{seq:3}", reissue: true, run: run.id)
    #expect(slots.first?.supersedes == "T-001")
    let number = try #require(slots.first?.number)
    let outputs = try BatchOutputs(folder: s.folder, title: "t", stylesheet: "", keepPaths: false)
    let finisher = BatchFinisher(
      outputs: outputs, store: s.store, progress: nil, total: 1, standing: (.confirmation, "2026-11"))
    finisher.submit(
      BatchFinisher.Work(
        customers: 1, ids: [candidate.customer], letters: [candidate.listing], slots: slots,
        outcomes: [
          .written(
            Batch.WrittenLetter(
              document: WrittenDocument(
                number: number, path: s.folder + "/b.html", sha256: "bb", bytes: [], findings: []),
              amount: ExactDecimal(12), detail: nil))
        ], reasons: [], folder: s.folder))
    try finisher.wait()
    #expect(finisher.unlisted.map(\.number) == [])
    try finisher.close()
    #expect(try s.store.entry("T-001")?.status == .superseded)
  }
}
