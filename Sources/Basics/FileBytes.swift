#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing whole files with POSIX calls: errors name the file and the reason,
/// writes are atomic (a temporary file in the same folder, then `rename`).
public enum FileBytes {
  /// Why a file could not be read or written.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
  }

  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file or folder"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a folder, not a file"
    case ENOSPC: return "no space left on the device; free space and run the command again"
    case EROFS: return "the file system is read-only"
    default: return String(cString: strerror(code))
    }
  }

  /// The file's text, as UTF-8 (an invalid sequence becomes U+FFFD); see ``read(_:limit:)``.
  ///
  /// ```swift
  /// let css = try FileBytes.text("Templates/print.css")
  /// ```
  public static func text(_ path: String, limit: Int = 1 << 30) throws(Failure) -> String {
    String(decoding: try read(path, limit: limit), as: UTF8.self)
  }

  /// The file's bytes; refuses files larger than `limit` without reading them.
  public static func read(_ path: String, limit: Int = 1 << 30) throws(Failure) -> [UInt8] {
    try Reader(path).readAll(limit: limit)
  }

  /// Whether atomic writes flush to disk before the rename (`ARDOC_FSYNC=0` turns it off).
  public static let durable: Bool = getenv("ARDOC_FSYNC").map { String(cString: $0) != "0" } ?? true

  /// Writes `bytes` to `path` atomically: readers see the old file or the whole new one.
  /// With `sync: false` the data is not flushed before the rename; the caller must then call
  /// ``flush(folder:)`` before relying on the files (a batch flushes once per chunk).
  public static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(Failure) {
    let stream = try Stream(path)
    try stream.writeThrough(bytes)
    try stream.finish(sync: sync)
    try stream.publish()
  }

  /// Writes `bytes` to `path` atomically and only where nothing is: false, with nothing
  /// written, when the name is taken (by another process a moment before, say). For files
  /// that must never replace one another, such as a reply's evidence.
  public static func writeNew(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(Failure) -> Bool {
    let stream = try Stream(path)
    try stream.writeThrough(bytes)
    try stream.finish(sync: sync)
    return try stream.publishNew()
  }

  /// When whatever is at `path` (a file, or a link itself, not followed) was last changed, in
  /// seconds since 1970; nil when nothing is there.
  public static func modified(_ path: String) -> Int? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    #if canImport(Glibc)
      return Int(info.st_mtim.tv_sec)
    #else
      return Int(info.st_mtimespec.tv_sec)
    #endif
  }

  /// A file written piece by piece out of sight (an unnamed file on Linux, else a hidden
  /// temporary `.<name>.tmp-XXXXXX`) and put into place by ``commit()``: readers never see
  /// half of it. Writes are buffered (256 KiB); every error, including one the file system
  /// reports only at close (a full disk), is thrown with the file's name. ``discard()``
  /// removes the temporary.
  public final class Stream {
    public let path: String
    /// The hidden temporary name, or "" for an unnamed file (see ``init(_:)``).
    let temporary: String
    let folder: String
    var fd: Int32
    var buffer: [UInt8] = []
    var finished = false
    static let bufferSize = 1 << 18

    /// On Linux the file starts unnamed (`O_TMPFILE`) and is linked into place: the folder
    /// is locked once per file instead of twice (create, rename), and the file system
    /// allocates its inode without holding the folder, so parallel writers into one folder
    /// do not queue behind each other; a killed process leaves nothing behind. Elsewhere, or
    /// where the file system cannot, a hidden temporary is created and renamed.
    ///
    /// - Parameter unnamed: false forces the hidden temporary (tests use it).
    public init(_ path: String, unnamed: Bool = FileBytes.unnamedFiles) throws(Failure) {
      self.path = path
      let folderEnd = path.lastIndex(of: "/")
      let folder = folderEnd.map { String(path[..<$0]) } ?? "."
      self.folder = folder.isEmpty ? "/" : folder
      if unnamed {
        let fd = open(self.folder, FileBytes.openUnnamed | O_WRONLY | O_CLOEXEC, 0o644)
        if fd >= 0 {
          self.fd = fd
          temporary = ""
          return
        }
        // EISDIR, EOPNOTSUPP, EINVAL: this file system has no unnamed files; other errors
        // (no folder, no permission, no space) come again below with the same reason.
      }
      let base = folderEnd.map { String(path[path.index(after: $0)...]) } ?? path
      var template = Array("\(self.folder)/.\(base).tmp-XXXXXX".utf8CString)
      let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
      guard fd >= 0 else { throw Failure(path: path, reason: FileBytes.reason(errno)) }
      self.fd = fd
      temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var isUnnamed: Bool { temporary.isEmpty }

    deinit {
      if fd >= 0 { close(fd) }
      if !isUnnamed, fd >= 0 || finished { unlink(temporary) }
    }

    public func write(_ text: String) throws(Failure) {
      try take(text.utf8.count) { $0.append(contentsOf: text.utf8) }
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
      try take(bytes.count) { $0.append(contentsOf: bytes) }
    }

    /// Appends `count` bytes to the buffer, draining it first when they would take it past
    /// ``bufferSize``: the buffer keeps the capacity it was given and never doubles (a batch
    /// holds three streams open for its whole run). Only a piece larger than the buffer
    /// enlarges it, and is written at once.
    private func take(_ count: Int, _ append: (inout [UInt8]) -> Void) throws(Failure) {
      if buffer.count + count > Stream.bufferSize, !buffer.isEmpty { try drain() }
      if buffer.capacity == 0 { buffer.reserveCapacity(Stream.bufferSize) }
      append(&buffer)
      if buffer.count >= Stream.bufferSize { try drain() }
    }

    func drain() throws(Failure) {
      // Written from the buffer itself, then emptied: a copy taken first would leave the
      // emptied buffer shared, and keeping its capacity would then allocate a new one.
      try writeThrough(buffer)
      buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the file now, past the buffer (which must be empty or drained).
    func writeThrough(_ bytes: [UInt8]) throws(Failure) {
      guard fd >= 0 else { throw Failure(path: path, reason: "already closed") }
      var offset = 0
      let failure: Int32? = bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return nil }
        while offset < raw.count {
          let written = Glibc.write(fd, base + offset, raw.count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            return errno
          }
          offset += written
        }
        return nil
      }
      if let failure {
        discard()
        throw Failure(path: path, reason: FileBytes.reason(failure))
      }
    }

    /// Writes what is buffered, flushes it to disk and moves the file into place.
    public func commit() throws(Failure) {
      try finish()
      try publish()
    }

    /// Writes what is buffered, flushes it to disk (unless `sync` is false: see
    /// ``FileBytes/flush(folder:)``) and closes it, still under its temporary name: several
    /// files can be finished first and published together.
    public func finish(sync: Bool = true) throws(Failure) {
      try drain()
      var code: Int32 = 0
      if sync, FileBytes.durable, fsync(fd) != 0 { code = errno }
      if code == 0, fchmod(fd, 0o644) != 0 { code = errno }
      // An unnamed file stays open until it is linked: its descriptor is its only name.
      if !isUnnamed {
        if close(fd) != 0, code == 0 { code = errno }
        fd = -1
      }
      if code != 0 {
        if fd >= 0 { close(fd) }
        fd = -1
        if !isUnnamed { unlink(temporary) }
        throw Failure(path: path, reason: FileBytes.reason(code))
      }
      finished = true
    }

    /// Moves a finished file into place.
    public func publish() throws(Failure) {
      guard finished else { throw Failure(path: path, reason: "not finished") }
      finished = false
      if isUnnamed {
        defer {
          close(fd)
          fd = -1
        }
        if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else { throw Failure(path: path, reason: FileBytes.reason(errno)) }
        // Replacing a file: link under a hidden name, then rename over it (atomic).
        let hidden = folder + "/.ardoc-\(getpid())-\(fd)-\(UInt64.random(in: 0...UInt64.max)).tmp"
        guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, hidden, AT_SYMLINK_FOLLOW) == 0 else {
          throw Failure(path: path, reason: FileBytes.reason(errno))
        }
        if rename(hidden, path) != 0 {
          let code = errno
          unlink(hidden)
          throw Failure(path: path, reason: FileBytes.reason(code))
        }
        return
      }
      if rename(temporary, path) != 0 {
        let code = errno
        unlink(temporary)
        throw Failure(path: path, reason: FileBytes.reason(code))
      }
    }

    /// Puts a finished file into place only if nothing is at `path`; false when something is
    /// (the temporary is then removed).
    public func publishNew() throws(Failure) -> Bool {
      guard finished else { throw Failure(path: path, reason: "not finished") }
      finished = false
      if isUnnamed {
        defer {
          close(fd)
          fd = -1
        }
        if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return true }
        if errno == EEXIST { return false }
        throw Failure(path: path, reason: FileBytes.reason(errno))
      }
      defer { unlink(temporary) }
      if link(temporary, path) == 0 { return true }
      if errno == EEXIST { return false }
      throw Failure(path: path, reason: FileBytes.reason(errno))
    }

    /// Abandons the file: the temporary is removed, any earlier file at `path` stays.
    public func discard() {
      if fd >= 0 { close(fd) }
      if !isUnnamed, fd >= 0 || finished { unlink(temporary) }
      fd = -1
      finished = false
    }
  }

  /// Whether streams start as unnamed files: Linux with /proc mounted (linking an unnamed
  /// file into place goes through /proc/self/fd). `ARDOC_UNNAMED_FILES=0` turns it off.
  public static let unnamedFiles: Bool = {
    #if os(Linux)
      if let setting = getenv("ARDOC_UNNAMED_FILES"), String(cString: setting) == "0" { return false }
      return access("/proc/self/fd", X_OK) == 0
    #else
      return false
    #endif
  }()

  /// Linux's O_TMPFILE (`__O_TMPFILE | O_DIRECTORY`), which Glibc's Swift module does not show.
  static let openUnnamed: Int32 = 0o20000000 | O_DIRECTORY

  /// Flushes written files to disk, then the folder's entries (fsync of the folder). The
  /// files are flushed with syncfs(2), which waits only for the folder's file system, not
  /// for every disk of the machine as sync(2) does.
  public static func flush(folder: String) throws(Failure) {
    guard durable else { return }
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: folder, reason: reason(errno)) }
    defer { close(fd) }
    if let syncfs = Self.syncfs {
      if syncfs(fd) != 0 { throw Failure(path: folder, reason: reason(errno)) }
    } else {
      sync()
    }
    if fsync(fd) != 0 { throw Failure(path: folder, reason: reason(errno)) }
  }

  /// Linux's `syncfs`, which Glibc's Swift module does not show; nil elsewhere.
  static let syncfs = CSymbol.lookup("syncfs", as: (@convention(c) (Int32) -> Int32).self)

  /// Creates a folder and its parents (like `mkdir -p`).
  public static func createFolder(_ path: String) throws(Failure) {
    var current = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      current += (current.isEmpty || current == "/" ? "" : "/") + component
      guard mkdir(current, 0o755) != 0 else { continue }
      guard errno == EEXIST else { throw Failure(path: current, reason: reason(errno)) }
      if !isFolder(current) {
        var info = stat()
        let link = lstat(current, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
        throw Failure(
          path: current,
          reason: link
            ? "is a link to a folder that is not there; remove the link or make the folder"
            : "is a file, not a folder; choose another folder or move the file away")
      }
    }
  }

  /// The size in bytes of the file at `path`, or nil when there is none (or it is a folder).
  public static func size(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
    return Int(info.st_size)
  }

  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  public static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}
