import Basics
import Foundation

/// The PDFs the page prints on request: one print per file at a time (a second request for
/// the same file waits for the first and serves what it printed), and at most ``limit``
/// prints at once. Each print is a browser with its helper processes: without the limit, one
/// user asking for many letters' PDFs at once would start a browser for each and starve every
/// other request; without the per-file rule, requests for one PDF would print it again each.
/// A request waits suspended, holding no thread: waiting threads would take the workers the
/// other pages need (store reads, logins), and one user's fifty PDF links would stall everyone.
actor PrintDesk {
  private var printing: Set<String> = []
  private var waiting: [CheckedContinuation<Void, Never>] = []
  let limit: Int

  init(limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)) {
    self.limit = limit
  }

  /// Makes sure `target` exists: prints it with `print` (on a worker thread) when no file is
  /// there, after any print of the same file and within the limit.
  func ensure(_ target: String, print: @escaping @Sendable () throws -> Void) async throws {
    while printing.contains(target) || (printing.count >= limit && !FileBytes.exists(target)) {
      await withCheckedContinuation { waiting.append($0) }
    }
    if FileBytes.exists(target) { return }
    printing.insert(target)
    defer {
      printing.remove(target)
      // Everyone waiting looks again: the file may be there now, or a place free.
      let woken = waiting
      waiting = []
      for waiter in woken { waiter.resume() }
    }
    try await offloaded(print)
  }
}
