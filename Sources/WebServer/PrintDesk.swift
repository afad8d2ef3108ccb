import Basics
import Foundation

/// The PDFs the page prints on request: one print per file at a time (a second request for
/// the same file waits for the first and serves what it printed), and at most ``limit``
/// prints at once. Each print is a browser with its helper processes: without the limit, one
/// user asking for many letters' PDFs at once started a browser for each and starved every
/// other request; without the per-file rule, requests for one PDF printed it again each.
final class PrintDesk: @unchecked Sendable {
  // Unchecked: `printing` is touched only under `condition`.
  private let condition = NSCondition()
  private var printing: Set<String> = []
  let limit: Int

  init(limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)) {
    self.limit = limit
  }

  /// Makes sure `target` exists: prints it with `print` when no file is there, after any print
  /// of the same file and within the limit. Blocks the calling thread while it waits.
  func ensure<E: Error>(_ target: String, print: () throws(E) -> Void) throws(E) {
    condition.lock()
    while printing.contains(target) || (printing.count >= limit && !FileBytes.exists(target)) {
      condition.wait()
    }
    if FileBytes.exists(target) {
      condition.unlock()
      return
    }
    printing.insert(target)
    condition.unlock()
    defer {
      condition.lock()
      printing.remove(target)
      condition.broadcast()
      condition.unlock()
    }
    try print()
  }
}
