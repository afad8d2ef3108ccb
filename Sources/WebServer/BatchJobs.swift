import Basics
import Foundation
import LedgerStore
import Vocabulary
import Workflows

/// The month's batches started from the page, run in the background (the store refuses a
/// second one for the same month and kind), with their progress for the progress page. Kept
/// while the server runs; the batch's own files and register are what last.
final class BatchJobs: Sendable {
  struct Job: Sendable {
    let id: Int
    let kind: DocumentKind
    let month: String
    let startedBy: String
    var done = 0
    var total = 0
    var finished = false
    var error: String?
    var result: Summary?
  }

  /// What a finished batch wrote: the counts and the files it may serve.
  struct Summary: Sendable {
    let folder: String
    let written: Int
    let alreadyIssued: Int
    let skipped: Int
    /// ``BatchResult/accountsNote``: when the counts are not one per customer.
    let accounts: String?
    /// ``BatchResult/listingNote``: when the manifests list more than the counts.
    let listing: String?
    let files: [String]
    /// ``BatchResult/warnings``: "number: message".
    let warnings: [String]
  }

  private let state = Locked<(jobs: [Int: Job], next: Int)>(([:], 1))

  func start(kind: DocumentKind, month: String, by user: String) -> Int {
    state.withLock { state in
      let id = state.next
      state.next += 1
      state.jobs[id] = Job(id: id, kind: kind, month: month, startedBy: user)
      return id
    }
  }

  func job(_ id: Int) -> Job? { state.withLock { $0.jobs[id] } }

  func progress(_ id: Int, done: Int, total: Int) {
    state.withLock { state in
      guard state.jobs[id]?.finished == false else { return }
      state.jobs[id]?.done = done
      state.jobs[id]?.total = total
    }
  }

  func finish(_ id: Int, result: Summary?, error: String?) {
    state.withLock { state in
      state.jobs[id]?.finished = true
      state.jobs[id]?.result = result
      state.jobs[id]?.error = error
    }
  }
}

/// Reports a batch's progress to its job, in order (the batch calls from one thread at a time).
struct JobProgress: BatchProgress {
  let jobs: BatchJobs
  let id: Int

  func started(total: Int) { jobs.progress(id, done: 0, total: total) }
  func advanced(done: Int, total: Int) { jobs.progress(id, done: done, total: total) }
  func finished(done: Int, total: Int) { jobs.progress(id, done: done, total: total) }
}
