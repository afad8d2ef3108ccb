extension String {
  /// Calls `body` with the string's UTF-8 bytes: in place for a native string, without the
  /// mutable copy `withUTF8` needs (a retain and a release on every call, and a render writes
  /// some hundred and fifty texts a letter); made contiguous first for any other.
  ///
  /// ```swift
  /// let count = "对账函".withUTF8Bytes { $0.count }  // 9
  /// ```
  @inlinable
  public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return try copy.withUTF8(body)
  }
}
