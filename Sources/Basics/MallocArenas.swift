#if canImport(Glibc)
  import Glibc
#endif

/// The C allocator's arenas. glibc gives a thread that meets contention an arena of its own,
/// up to eight per core, and an arena keeps the pages it has used; a batch's few workers, each
/// passing letters to the next stage, would otherwise spread its memory over several arenas
/// that each keep a chunk's worth.
public enum MallocArenas {
  /// Caps the arenas at `count` (glibc's `M_ARENA_MAX`). Call it before the threads that
  /// allocate start; where the C library has no such setting it does nothing and returns false.
  ///
  /// ```swift
  /// MallocArenas.limit(to: ProcessInfo.processInfo.activeProcessorCount)
  /// ```
  @discardableResult
  public static func limit(to count: Int) -> Bool {
    mallopt?(arenaMax, Int32(clamping: max(1, count))) == 1
  }

  /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Glibc's Swift module does not include.
  static let arenaMax: Int32 = -8

  /// glibc's `mallopt`, found at run time (see ``FileBytes/syncfs``); nil elsewhere.
  static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
    #if os(Linux)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    #else
      return nil
    #endif
  }()
}
