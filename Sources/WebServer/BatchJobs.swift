import Basics
import Dispatch
import Foundation
import LedgerStore
import Vocabulary
import Workflows

/// The month's batches started from the page, run in the background one at a time per month
/// and kind (the store refuses a second one), with their progress for the progress page.
actor BatchJobs {
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
    let files: [String]
  }

  private var jobs: [Int: Job] = [:]
  private var next = 1

  func start(kind: DocumentKind, month: String, by user: String) -> Int {
    let id = next
    next += 1
    jobs[id] = Job(id: id, kind: kind, month: month, startedBy: user)
    return id
  }

  func job(_ id: Int) -> Job? { jobs[id] }

  func progress(_ id: Int, done: Int, total: Int) {
    jobs[id]?.done = done
    jobs[id]?.total = total
  }

  func finish(_ id: Int, result: Summary?, error: String?) {
    jobs[id]?.finished = true
    jobs[id]?.result = result
    jobs[id]?.error = error
  }
}

/// Reports a batch's progress to its job.
struct JobProgress: BatchProgress {
  let jobs: BatchJobs
  let id: Int

  func started(total: Int) { report(0, total) }
  func advanced(done: Int, total: Int) { report(done, total) }
  func finished(done: Int, total: Int) { report(done, total) }

  private func report(_ done: Int, _ total: Int) {
    let jobs = self.jobs
    let id = self.id
    Task { await jobs.progress(id, done: done, total: total) }
  }
}
