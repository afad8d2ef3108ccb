import Synchronization

/// A value shared by the workers of one `concurrentPerform`: a `Mutex` held by a class, so
/// the closures capture a reference. (A local `Mutex` captured by the closures is reported
/// by ThreadSanitizer as unsynchronised access to the variable that holds it.)
final class Locked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) { mutex = Mutex(value) }

  func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
    mutex.withLock { value in body(&value) }
  }
}
