#if canImport(Glibc)
  import Glibc
#endif

/// The C allocator's arenas. glibc gives each new thread that allocates an arena of its own,
/// up to eight per core, and an arena keeps the pages it has used: a batch whose stages pass
/// letters from thread to thread would keep a chunk's worth in each of four or five arenas.
public enum MallocArenas {
  /// Caps the arenas at `count` (glibc's `M_ARENA_MAX`) unless the environment already sets
  /// them (`MALLOC_ARENA_MAX`, or `arena_max` in `GLIBC_TUNABLES`): the operator's choice
  /// wins. Call it before the threads that allocate start. Returns whether the C library took
  /// the cap: false where it has no such setting or the environment set one.
  ///
  /// ```swift
  /// MallocArenas.limit(to: ProcessInfo.processInfo.activeProcessorCount)
  /// ```
  @discardableResult
  public static func limit(to count: Int) -> Bool {
    if getenv("MALLOC_ARENA_MAX") != nil { return false }
    if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("arena_max") { return false }
    return mallopt?(arenaMax, Int32(clamping: max(1, count))) == 1
  }

  /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Glibc's Swift module does not include.
  static let arenaMax: Int32 = -8

  static let mallopt = CSymbol.lookup("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self)
}
