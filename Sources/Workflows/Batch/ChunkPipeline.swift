import Basics
import Dispatch
import Foundation
import LedgerStore
import Vocabulary

/// The batch's middle stage, as named state rather than captured variables: each chunk is
/// drafted under the run's provisional number (a letter that fails takes no number), numbered
/// in one transaction, filled in and written, on a worker while the caller selects the next
/// chunk; then handed to the ``BatchFinisher``, which lists, flushes and records it while the
/// chunk after is written. Each stage takes the chunks in order, so numbers, files and
/// outputs are the same as one chunk at a time.
final class ChunkPipeline: @unchecked Sendable {
  // Unchecked: `inFlight` and `replacements` are touched only by the caller's thread; the
  // worker writes its result through `numbered` (locked), and the dispatch group orders the
  // caller's read after it.
  let batch: Batch
  let options: BatchOptions
  let folder: String
  let pattern: String
  let run: Run
  /// The ledger version every letter of the run comes from.
  let ledger: String
  let finisher: BatchFinisher
  /// The stand-in number the run's letters are drafted under.
  let provisional = ProvisionalNumber()
  /// Per template and locale: whether filling the number into a letter drafted under the
  /// stand-in gives the letter rendered under the number (checked on its first letter).
  private let fillable = Locked<[String: Bool]>([:])
  private let writing = DispatchGroup()
  /// What the worker made of the chunk in flight.
  private let numbered = Locked<Result<NumberedChunk, GenerateError>?>(nil)
  /// The chunk being numbered and written, for the finisher once it is.
  private var inFlight: BatchFinisher.Work?
  /// Documents issued now that superseded a standing one: the new number and the old.
  private(set) var replacements: [(new: String, old: String)] = []
  let profile: PhaseProfile

  /// A chunk's register slots and what became of each candidate's letter.
  struct NumberedChunk: Sendable {
    let slots: [BatchSlot]
    let outcomes: [Batch.Outcome]
  }

  init(
    batch: Batch, options: BatchOptions, folder: String, pattern: String, run: Run, ledger: String,
    finisher: BatchFinisher, profile: PhaseProfile
  ) {
    self.batch = batch
    self.options = options
    self.folder = folder
    self.pattern = pattern
    self.run = run
    self.ledger = ledger
    self.finisher = finisher
    self.profile = profile
  }

  /// Hands the chunk before to the finisher, then starts numbering and writing this one.
  func submit(ids: [String], candidates: [Batch.Candidate], reasons: [BatchSkip]) throws(GenerateError) {
    try handOver()
    inFlight = BatchFinisher.Work(
      customers: ids.count, ids: ids, letters: candidates.map(\.listing), slots: [], outcomes: [], reasons: reasons,
      folder: folder)
    let entries = candidates.map {
      RegisterEntry(
        number: "", kind: options.kind, customer: $0.customer, documentDate: options.date, asOf: options.asOf,
        currency: $0.currency, amount: $0.amount, detail: $0.detail, ledger: ledger)
    }
    // After the chunk before (handOver waited for it), so numbers follow the ledger.
    DispatchQueue.global().async(group: writing) {
      let result = self.number(candidates, entries)
      self.numbered.withLock { $0 = result }
    }
  }

  /// Hands the last chunk over and waits until the finisher has recorded it.
  func drain() throws(GenerateError) {
    try handOver()
    try finisher.wait()
    try finisher.close()
  }

  /// After a failure: waits until nothing runs, and gives the failure to report, the earlier
  /// chunk's if it had one.
  func abandon(_ error: GenerateError) -> GenerateError {
    writing.wait()
    finisher.waitQuietly()
    finisher.closeQuietly()
    return finisher.failure ?? error
  }

  /// The worker's part: drafts, numbers and writes one chunk.
  private func number(_ candidates: [Batch.Candidate], _ entries: [RegisterEntry]) -> Result<
    NumberedChunk, GenerateError
  > {
    let drafts = batch.draft(candidates, provisional: provisional, options: options)
    for (index, candidate) in candidates.enumerated()
    where fillable.withLock({ $0[Batch.templateKey(candidate)] }) == nil {
      guard case .passed(let letter) = drafts[index] else { continue }
      let fills = batch.fills(candidate, letter, provisional: provisional)
      fillable.withLock { $0[Batch.templateKey(candidate)] = fills }
    }
    do throws(StoreError) {
      let slots = try batch.store.planBatch(
        entries, wanted: drafts.map(\.passed), pattern: pattern, reissue: options.reissue, run: run.id)
      let outcomes = batch.finish(
        candidates, drafts, slots, provisional: provisional, fillable: fillable.withLock { $0 }, folder: folder,
        options: options)
      return .success(NumberedChunk(slots: slots, outcomes: outcomes))
    } catch {
      return .failure(.store(error))
    }
  }

  /// Waits for the chunk being numbered and written and hands it to the finisher, once the
  /// chunk before it is finished (and any failure of it reported).
  private func handOver() throws(GenerateError) {
    guard var work = inFlight else { return }
    inFlight = nil
    writing.wait()
    profile.lap("wait for write")
    let chunk = try numbered.withLock { $0 }?.get() ?? NumberedChunk(slots: [], outcomes: [])
    (work.slots, work.outcomes) = (chunk.slots, chunk.outcomes)
    replacements += chunk.slots.compactMap { slot in slot.supersedes.map { (slot.number, $0) } }
    try finisher.wait()
    profile.lap("wait for finisher")
    for case .aborted(let failure) in work.outcomes { throw .file(failure) }
    finisher.submit(work)
  }
}

/// Where a batch's time goes, by phase, when `ARDOC_PROFILE=1`: printed to standard error at
/// the end of the run. Laps are taken on the batch's own thread.
final class PhaseProfile: @unchecked Sendable {
  // Unchecked: laps are taken on one thread (the batch's).
  let enabled: Bool
  private var phases: [String: Duration] = [:]
  private var mark = ContinuousClock.now

  init(enabled: Bool = ProcessInfo.processInfo.environment["ARDOC_PROFILE"] == "1") {
    self.enabled = enabled
  }

  /// Adds the time since the last lap to `phase`.
  func lap(_ phase: String) {
    guard enabled else { return }
    let now = ContinuousClock.now
    phases[phase, default: .zero] += now - mark
    mark = now
  }

  /// Writes the phases, one line each, to standard error.
  func report() {
    guard enabled else { return }
    FileHandle.standardError.write(
      Data(phases.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined().utf8))
  }
}
