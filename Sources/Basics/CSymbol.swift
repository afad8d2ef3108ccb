#if canImport(Glibc)
  import Glibc
#endif

/// C library functions that Glibc's Swift module does not show (`syncfs`, `mallopt`,
/// `posix_spawn_file_actions_addchdir_np`): looked up by name in the running process.
public enum CSymbol {
  /// The function named `name` as `type`, or nil where the C library has none.
  ///
  /// ```swift
  /// let syncfs = CSymbol.lookup("syncfs", as: (@convention(c) (Int32) -> Int32).self)
  /// ```
  public static func lookup<Function>(_ name: String, as type: Function.Type) -> Function? {
    // RTLD_DEFAULT (a null handle): every object loaded into the process, in load order.
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(symbol, to: type)
  }
}
