import Basics
import Dispatch
import LedgerStore
import Letters
import Validation
import Vocabulary

/// The last stage of each batch chunk: manifest rows and print bundle, the flush of the
/// chunk's documents, then their register entries. It runs on its own thread while the
/// batch selects, numbers and renders the next chunk, so that this serial work does not leave
/// cores idle.
///
/// Chunks are finished one at a time and in order (the batch waits for one before it submits
/// the next), so manifests, bundle and register do not depend on timing. Documents are
/// recorded as issued only after they are flushed, and both happen once per
/// ``recordEvery`` customers, not per chunk: a chunk's size then decides only how many
/// letters are in memory at once, not how often the disk is flushed.
final class BatchFinisher: @unchecked Sendable {
  // Unchecked: the state below is touched only by the one chunk in flight, or by the batch
  // after `wait()` has returned (the dispatch group orders the two).
  private let outputs: BatchOutputs
  private let store: LedgerStore
  private let progress: (any BatchProgress)?
  private let total: Int
  private let queue = DispatchQueue(label: "ardoc.batch.finish")
  private let group = DispatchGroup()

  private(set) var failure: GenerateError?
  private(set) var skipped: [BatchSkip] = []
  /// Documents that stand this month for the finished chunks' customers but were not listed
  /// (a customer skipped now, after a letter earlier this month): listed after the run.
  private(set) var unlisted: [RegisterEntry] = []
  /// The kind and month whose standing documents are looked up per chunk (nil: not looked up).
  private let standing: (kind: DocumentKind, month: String)?
  /// The ledger version the run's letters come from, recorded with each.
  private let ledger: String?
  /// Warnings (number, message) as found, chunk by chunk: findings of documents issued now,
  /// and standing documents the ledger no longer agrees with (the result sorts them by number).
  private(set) var warnings: [(number: String, message: String)] = []
  private(set) var issuedNow = 0
  private(set) var alreadyIssued = 0
  /// Customers whose chunk is finished.
  private(set) var done = 0
  /// Written documents not yet flushed and recorded, with the customers of their chunks.
  private var pending: [BatchCompletion] = []
  private var pendingCustomers = 0
  private var folder: String?

  /// How many customers' documents are flushed and recorded together: one `syncfs` and one
  /// register transaction for each so many.
  static let recordEvery = 250

  /// One rendered chunk.
  struct Work: @unchecked Sendable {
    // Unchecked: handed over whole to the finisher; the batch keeps no reference to it.
    let customers: Int
    /// The chunk's customer ids.
    let ids: [String]
    /// The chunk's letters as the finisher lists them, one per slot.
    let letters: [Batch.Listing]
    /// Filled in when the chunk is numbered.
    var slots: [BatchSlot]
    /// Filled in when the chunk's render is done.
    var outcomes: [Batch.Outcome]
    /// Customers selection left out, in order, reported before the chunk's failures.
    let reasons: [BatchSkip]
    let folder: String
  }

  init(
    outputs: BatchOutputs, store: LedgerStore, progress: (any BatchProgress)?, total: Int,
    standing: (kind: DocumentKind, month: String)? = nil, ledger: String? = nil
  ) {
    self.outputs = outputs
    self.store = store
    self.standing = standing
    self.ledger = ledger
    self.progress = progress
    self.total = total
  }

  /// Starts finishing a chunk; call only after ``wait()`` has returned.
  func submit(_ work: Work) {
    queue.async(group: group) {
      do throws(GenerateError) {
        try self.finish(work)
      } catch {
        // The chunks before this one were written whole: they are recorded as they would
        // have been had this one not failed.
        try? self.record()
        self.failure = error
      }
    }
  }

  /// Flushes and records what is pending, after the last chunk (or a failure elsewhere), and
  /// reports the failure of any chunk.
  func close() throws(GenerateError) {
    closeQuietly()
    if let failure { throw failure }
  }

  /// ``close()``, leaving a failure in ``failure``.
  func closeQuietly() {
    queue.async(group: group) {
      guard self.failure == nil else { return }
      do throws(GenerateError) {
        try self.record()
      } catch {
        self.failure = error
      }
    }
    group.wait()
  }

  /// Flushes the pending documents to disk, then records them as issued (or void); with
  /// none pending (every customer skipped or already issued) there is nothing to flush.
  private func record() throws(GenerateError) {
    guard let folder, !pending.isEmpty else {
      pendingCustomers = 0
      return
    }
    do {
      try FileBytes.flush(folder: folder)
    } catch {
      // The pending documents may not be on disk, whatever a later flush says (Linux reports
      // a writeback error to one syncfs only): they are never recorded by this run, and stay
      // reserved for the next one to write again.
      pending.removeAll()
      pendingCustomers = 0
      throw .file(error)
    }
    do {
      try store.completeBatch(pending)
    } catch {
      throw .store(error)
    }
    pending.removeAll(keepingCapacity: true)
    pendingCustomers = 0
  }

  /// Waits for the chunk in flight and reports its failure.
  func wait() throws(GenerateError) {
    group.wait()
    if let failure { throw failure }
  }

  /// Waits for the chunk in flight, leaving its failure in ``failure``.
  func waitQuietly() {
    group.wait()
  }

  /// Why a letter that already stands no longer agrees with the ledger, or nil when it does:
  /// its amount against the one the ledger now gives.
  static func outdated(_ entry: RegisterEntry, now amount: ExactDecimal, asOf: CivilDate) -> String? {
    guard entry.amount != amount else { return nil }
    return
      "stands for \(entry.customer) at \(entry.amount.formatted(places: 2)) \(entry.currency) as of \(entry.asOf.iso), but the ledger now gives \(amount.formatted(places: 2)) as of \(asOf.iso); check it before it is sent (a reissue writes a new one)"
  }

  private func finish(_ work: Work) throws(GenerateError) {
    skipped += work.reasons
    var completions: [BatchCompletion] = []
    var listedHere = Set<String>()
    for (index, outcome) in work.outcomes.enumerated() {
      let candidate = work.letters[index]
      let slot = work.slots[index]
      switch outcome {
      case .done:
        alreadyIssued += 1
        if let entry = try? store.entry(slot.number) {
          let bytes = try outputs.addRegistered(
            entry, name: candidate.name, detail: candidate.detail ?? "", store: store)
          listedHere.insert(slot.number)
          if let changed = Self.outdated(entry, now: candidate.amount, asOf: candidate.asOf) {
            warnings.append((entry.number, changed))
          }
          if let bytes, let named = DocumentMeta.value(.paymentOwner, in: bytes), named != candidate.owner {
            warnings.append(
              (
                entry.number,
                "is addressed to \(named) as \(entry.customer)'s payment owner, but the ledger's confirmed payment owner is now \(candidate.owner); check it before it is sent (a reissue writes a new one)"
              ))
          }
          if let reply = slot.answered {
            // Read only for the warning: a register that cannot be read leaves the advice out.
            var advice: DisputeAdvice?
            if let dispute = try? store.replyInForce(letter: entry.number), dispute.answer == .disputed,
              let history = try? store.entries(customer: entry.customer)
            {
              advice = DisputeAdvice(dispute, history: history)
            }
            warnings.append(
              (
                entry.number,
                "not reissued: " + GenerateError.answered(entry, reply: reply, advice: advice)
                  + "; if the reply was recorded by mistake, withdraw it ('ardoc reply \(entry.number) --withdraw') and reissue"
              ))
          }
        }
      case .written(let letter):
        issuedNow += 1
        listedHere.insert(slot.number)
        // The letter it replaces is superseded when this one is recorded, which may be after
        // the standing documents are looked up below: it is not listed as standing.
        if let replaced = slot.supersedes { listedHere.insert(replaced) }
        // Warnings alone (a contract overrun) leave the document issued; they are recorded.
        let document = letter.document
        for finding in document.findings where finding.severity == .warning {
          warnings.append((slot.number, "[\(finding.rule)] \(finding.message)"))
        }
        completions.append(document.completion(ledger: ledger, amount: letter.amount))
        try outputs.add(
          ManifestRow(
            number: slot.number, customer: candidate.customer, name: candidate.name, currency: candidate.currency,
            amount: letter.amount, detail: letter.detail ?? "", file: document.path, sha256: document.sha256,
            status: document.status.rawValue, ledger: ledger ?? ""),
          document: document.bytes)
      case .aborted(let failure):
        throw .file(failure)
      case .failed(let message):
        completions.append(
          BatchCompletion(number: slot.number, status: .void, sha256: nil, path: nil, findings: message))
        skipped.append(
          BatchSkip(
            customer: candidate.customer, currency: candidate.currency, reason: .failedValidation,
            message: slot.state == .resume
              ? "\(message) (\(slot.number), reserved by a run that stopped, is void)"
              : "\(message) (\(slot.number) is void)"))
      case .unnumbered(let message):
        skipped.append(
          BatchSkip(
            customer: candidate.customer, currency: candidate.currency, reason: .failedValidation, message: message))
      case .busy(let message):
        skipped.append(
          BatchSkip(
            customer: candidate.customer, currency: candidate.currency, reason: .inProgress,
            message: "\(slot.number): \(message)"))
      }
    }
    folder = work.folder
    pending += completions
    pendingCustomers += work.customers
    if pendingCustomers >= Self.recordEvery { try record() }
    if let standing, !work.ids.isEmpty {
      let found: [RegisterEntry]
      do {
        // A number reserved by hand has no file of ardoc's: a document written by hand is not
        // the batch's to list (it has no amount or file of ardoc's to show).
        found = try store.standing(
          kind: standing.kind, month: standing.month, customers: .these(work.ids), excluding: listedHere
        ).filter { $0.path != nil }
      } catch {
        throw .store(error)
      }
      unlisted += found
      // A letter that stands for a customer this run writes nothing to no longer follows from
      // the ledger (paid since, say): it stays listed, and is said.
      // So does one in a currency the customer no longer has an account in (moved to another).
      for entry in found {
        let stands =
          "stands for \(entry.customer) at \(entry.amount.formatted(places: 2)) \(entry.currency) as of \(entry.asOf.iso)"
        if let reason = work.reasons.first(where: { $0.customer == entry.customer && $0.currency == entry.currency }) {
          warnings.append(
            (
              entry.number,
              "\(stands), but this run writes it no letter (\(reason.message)); check it before it is sent"
            ))
        } else if !work.letters.contains(where: { $0.customer == entry.customer && $0.currency == entry.currency }) {
          warnings.append(
            (
              entry.number,
              "\(stands), but the ledger no longer gives \(entry.customer) an account in \(entry.currency); check it before it is sent"
            ))
        }
      }
    }
    done += work.customers
    progress?.advanced(done: done, total: total)
  }
}
