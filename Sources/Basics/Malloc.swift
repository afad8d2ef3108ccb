#if canImport(Glibc)
  import Glibc
#endif

/// The C allocator's settings that a batch tunes. glibc gives each new thread that allocates
/// an arena of its own, up to eight per core, and keeps the pages of what is freed for the
/// next allocation: a batch whose stages pass letters from thread to thread would keep a
/// chunk's worth in each of four or five arenas, and the pages of a model it has let go.
public enum Malloc {
  /// Caps the arenas at `count` (glibc's `M_ARENA_MAX`) unless the environment already sets
  /// them (`MALLOC_ARENA_MAX`, or `arena_max` in `GLIBC_TUNABLES`): the operator's choice
  /// wins. Call it before the threads that allocate start. Returns whether the C library took
  /// the cap: false where it has no such setting or the environment set one.
  ///
  /// ```swift
  /// Malloc.limitArenas(to: ProcessInfo.processInfo.activeProcessorCount)
  /// ```
  @discardableResult
  public static func limitArenas(to count: Int) -> Bool {
    if getenv("MALLOC_ARENA_MAX") != nil { return false }
    if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("arena_max") { return false }
    return mallopt?(arenaMax, Int32(clamping: max(1, count))) == 1
  }

  /// Gives the pages of freed memory back to the system (glibc's `malloc_trim`, which also
  /// releases whole free pages inside the heap): after a large structure is let go, so that
  /// what comes next does not count on top of its pages. Returns whether any were released;
  /// false where the C library cannot.
  @discardableResult
  public static func releaseFreePages() -> Bool {
    (mallocTrim?(0) ?? 0) == 1
  }

  /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Glibc's Swift module does not include.
  static let arenaMax: Int32 = -8

  static let mallopt = CSymbol.lookup("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self)
  static let mallocTrim = CSymbol.lookup("malloc_trim", as: (@convention(c) (Int) -> Int32).self)
}
