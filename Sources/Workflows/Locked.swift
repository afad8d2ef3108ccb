import Foundation

/// A value shared by the workers of one `concurrentPerform`, behind a pthread mutex
/// (`NSLock`). Not `Synchronization.Mutex`: on Linux it waits on a futex that
/// ThreadSanitizer cannot see, so every guarded access was reported as a race.
final class Locked<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
