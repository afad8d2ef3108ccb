#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program run as a child process, without a shell: started with `posix_spawn`, its
/// output sent to files, and its end read with `waitpid`.
///
/// Foundation's `Process` is not used: on Linux each one stays allocated after its child has
/// ended (a reference cycle inside swift-corelibs-foundation, issue 3260, which
/// LeakSanitizer reports), and its status mixes exit codes with signal numbers.
///
/// ```swift
/// let child = try Subprocess.start("/usr/bin/pdfinfo", ["letter.pdf"], output: "/tmp/info.txt")
/// if child.wait() == .exited(0) { print(try FileBytes.text("/tmp/info.txt")) }
/// ```
public struct Subprocess: Sendable {
  /// How a child ended.
  public enum Ending: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var description: String {
      switch self {
      case .exited(let code): return "exit status \(code)"
      case .signaled(let signal): return "it crashed with signal \(signal)"
      }
    }
  }

  /// A program that could not be started.
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public let executable: String
    public let reason: String
    public init(executable: String, reason: String) {
      self.executable = executable
      self.reason = reason
    }
    public var description: String { "cannot start \(executable): \(reason)" }
  }

  public let pid: pid_t

  /// Starts `executable` (a path; no search of PATH) with `arguments`.
  ///
  /// - Parameters:
  ///   - environment: the child's whole environment; nil passes this process's on.
  ///   - folder: the child's working folder; nil keeps this process's. The paths of `input`,
  ///     `output` and `errors` are opened before the child changes folder.
  ///   - output, errors: files the child writes to, created or emptied first (the same path
  ///     for both gives one file with both, in order).
  public static func start(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, folder: String? = nil,
    input: String = "/dev/null", output: String = "/dev/null", errors: String = "/dev/null"
  ) throws(Failure) -> Subprocess {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if errors == output {
      posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    if let folder {
      guard let addChdir = Self.addChdir else {
        throw Failure(executable: executable, reason: "this C library cannot start a program in another folder")
      }
      _ = addChdir(&actions, folder)
    }

    // The child starts with default signal handling and nothing blocked, whatever this
    // process has set up (a runtime may ignore SIGPIPE).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp ?? [] { free(pointer) }
    }
    var pid: pid_t = 0
    var result: Int32 = 0
    // ETXTBSY: a program just written (copied, built) can still be open for writing in a
    // child that another thread is starting; that passes within milliseconds.
    for attempt in 0..<50 {
      result =
        if let envp {
          posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        } else {
          posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        }
      guard result == ETXTBSY else { break }
      usleep(UInt32(2_000 * (attempt + 1)))
    }
    guard result == 0 else { throw Failure(executable: executable, reason: FileBytes.reason(result)) }
    return Subprocess(pid: pid)
  }

  /// Waits for the child to end. Call once (or until ``wait(seconds:)`` returns non-nil).
  public func wait() -> Ending {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .exited(-1) }
    }
    return Self.ending(status)
  }

  /// Waits at most `seconds`; nil when the child is still running then.
  public func wait(seconds: Double) -> Ending? {
    var status: Int32 = 0
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while true {
      let found = waitpid(pid, &status, WNOHANG)
      if found == pid { return Self.ending(status) }
      if found < 0, errno != EINTR { return .exited(-1) }
      if ContinuousClock.now >= deadline { return nil }
      usleep(10_000)
    }
  }

  /// Sends `signal` (SIGTERM unless told) to the child.
  public func signal(_ signal: Int32 = SIGTERM) { _ = kill(pid, signal) }

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which its Swift module
  /// does not show; looked up once.
  static let addChdir = CSymbol.lookup(
    "posix_spawn_file_actions_addchdir_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)

  /// Decodes a `waitpid` status (the W* macros are not visible to Swift).
  static func ending(_ status: Int32) -> Ending {
    let low = status & 0x7f
    if low == 0 { return .exited((status >> 8) & 0xff) }
    return .signaled(low)
  }
}
