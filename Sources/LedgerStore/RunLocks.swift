import Basics

#if canImport(Glibc)
  import Glibc
#endif

/// The locks that say which runs are alive: one byte of the file `<store>-runs.lock` per run
/// id, write-locked by the process doing the run for as long as it runs.
///
/// The locks are Linux open-file-description locks (`F_OFD_SETLK`): the kernel releases them
/// when the process ends, however it ends (kill -9 included), so "its lock is free" is proof
/// that a run is dead, and nothing has to be cleaned up after a crash. Unlike classic POSIX
/// record locks, they also conflict between two descriptors of one process, so tests can run
/// two owners in one process, and closing some other descriptor of the file does not drop them.
final class RunLocks: Sendable {
  let path: String
  private let descriptor: Int32

  // From <bits/fcntl-linux.h>; Swift's Glibc module does not export the GNU names.
  private static let getLock: Int32 = 36
  private static let setLock: Int32 = 37

  init(store: String) throws(StoreError) {
    path = store + "-runs.lock"
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw StoreError(
        path: path,
        message: "cannot open the run lock file (\(String(cString: strerror(errno)))); check the folder's permissions")
    }
  }

  deinit { close(descriptor) }

  private func request(_ type: Int32, run: Int64) -> flock {
    var lock = flock()
    lock.l_type = Int16(type)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = off_t(run)
    lock.l_len = 1
    lock.l_pid = 0
    return lock
  }

  /// Takes the lock of `run`; false when another owner holds it.
  func hold(run: Int64) -> Bool {
    var lock = request(F_WRLCK, run: run)
    return fcntl(descriptor, RunLocks.setLock, &lock) == 0
  }

  /// Gives up the lock of `run` (the run has ended).
  func release(run: Int64) {
    var lock = request(F_UNLCK, run: run)
    _ = fcntl(descriptor, RunLocks.setLock, &lock)
  }

  /// Whether some other owner (another process, or another ``RunLocks`` of this one) holds the
  /// lock of `run`: the run is alive.
  func heldElsewhere(run: Int64) -> Bool {
    var lock = request(F_WRLCK, run: run)
    guard fcntl(descriptor, RunLocks.getLock, &lock) == 0 else { return false }
    return lock.l_type != Int16(F_UNLCK)
  }
}
