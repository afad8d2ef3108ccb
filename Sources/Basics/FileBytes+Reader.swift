#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FileBytes {
  /// An open file that is read whole and then again in parts, at offsets: a large ledger is
  /// checked from its bytes, which are then let go, and each item is read again when the model
  /// needs it. The file is the one opened (its descriptor, not its name); ``unchanged`` says
  /// whether anything wrote to it since, so that a reader never mixes two versions.
  ///
  /// ```swift
  /// let file = try FileBytes.Reader("ledger.json")
  /// let all = try file.readAll(limit: 512 << 20)
  /// let part = file.bytes(at: 120, count: 40)  // nil if the file no longer has them
  /// ```
  public final class Reader: @unchecked Sendable {
    // Unchecked: `fd` and `opened` never change; pread and fstat are safe from any thread;
    // what is noted while reading is locked.
    public let path: String
    let fd: Int32
    let opened: stat
    private let differed = Locked(false)
    private let failure = Locked<String?>(nil)

    public init(_ path: String) throws(Failure) {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw Failure(path: path, reason: FileBytes.reason(errno)) }
      var info = stat()
      guard fstat(fd, &info) == 0 else {
        let code = errno
        close(fd)
        throw Failure(path: path, reason: FileBytes.reason(code))
      }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        close(fd)
        throw Failure(path: path, reason: FileBytes.reason(EISDIR))
      }
      self.path = path
      self.fd = fd
      self.opened = info
    }

    deinit { close(fd) }

    /// The size when the file was opened.
    public var size: Int { Int(opened.st_size) }

    /// Whether it is a regular file, which can be read again at an offset (a pipe, such as
    /// `<(command)` or `/dev/stdin`, cannot).
    public var isRegularFile: Bool { (opened.st_mode & S_IFMT) == S_IFREG }

    /// Every byte, from the start (read in order, so a pipe can be read too); refuses a
    /// file larger than `limit` without reading it.
    public func readAll(limit: Int) throws(Failure) -> [UInt8] {
      if size > limit { throw Failure(path: path, reason: "file is \(size) bytes; the limit is \(limit) bytes") }
      var result: [UInt8] = []
      result.reserveCapacity(size)
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR { continue }
          throw Failure(path: path, reason: FileBytes.reason(errno))
        }
        if count == 0 { break }
        result.append(contentsOf: chunk[0..<count])
        if result.count > limit {
          throw Failure(path: path, reason: "file is larger than the limit of \(limit) bytes")
        }
      }
      return result
    }

    /// `count` bytes from `offset`, or nil if they cannot all be read now: a file that ends
    /// before them is noted as changed, an error as ``readFailure``.
    public func bytes(at offset: Int, count: Int) -> [UInt8]? {
      var result = [UInt8](repeating: 0, count: count)
      var done = 0
      while done < count {
        let read = result.withUnsafeMutableBytes { buffer in
          pread(fd, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
        }
        if read < 0 {
          let code = errno
          if code == EINTR { continue }
          failure.withLock { $0 = $0 ?? FileBytes.reason(code) }
          return nil
        }
        guard read > 0 else {
          noteDifference()
          return nil
        }
        done += read
      }
      return result
    }

    /// Notes that what was read again is not what was read first.
    public func noteDifference() { differed.withLock { $0 = true } }

    /// Why a part could not be read again, if one could not.
    public var readFailure: String? { failure.withLock { $0 } }

    /// Whether the file is as it was when opened: same size, same modification and change
    /// times (a write or a truncation changes them), and nothing read again found different
    /// (a rewrite within the clock's tick keeps the times).
    public var unchanged: Bool {
      guard !differed.withLock({ $0 }) else { return false }
      var now = stat()
      guard fstat(fd, &now) == 0 else { return false }
      return now.st_size == opened.st_size && now.st_mtim.tv_sec == opened.st_mtim.tv_sec
        && now.st_mtim.tv_nsec == opened.st_mtim.tv_nsec && now.st_ctim.tv_sec == opened.st_ctim.tv_sec
        && now.st_ctim.tv_nsec == opened.st_ctim.tv_nsec
    }
  }
}
