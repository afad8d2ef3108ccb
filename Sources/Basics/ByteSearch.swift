#if canImport(Glibc)
  import Glibc
#endif

/// Finding bytes in bytes.
public enum ByteSearch {
  /// The offset of the first `needle` in `hay` at or after `start`, or nil.
  public static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
    guard !needle.isEmpty, start >= 0, start <= hay.count, needle.count <= hay.count - start else { return nil }
    // Jumps between candidate first bytes with memchr: the whole letter is scanned for
    // `</body>`, and a byte loop in Swift was a visible part of the batch's serial stage.
    return hay.withUnsafeBytes { h in
      needle.withUnsafeBytes { n in
        guard let base = h.baseAddress, let first = n.first, let needleBase = n.baseAddress else { return nil }
        var at = start
        while at <= h.count - n.count {
          guard let hit = memchr(base + at, Int32(first), h.count - n.count + 1 - at) else { return nil }
          let offset = base.distance(to: UnsafeRawPointer(hit))
          if memcmp(base + offset, needleBase, n.count) == 0 { return offset }
          at = offset + 1
        }
        return nil
      }
    }
  }

  /// Whether one of `needles` occurs in `hay` overlapping the stretch of `length` bytes at
  /// `start`: not wholly before it, not wholly after it.
  public static func overlaps(_ needles: [[UInt8]], in hay: [UInt8], start: Int, length: Int) -> Bool {
    for needle in needles {
      var from = 0
      while let hit = find(needle, in: hay, from: from) {
        if hit + needle.count > start && hit < start + length { return true }
        from = hit + 1
      }
    }
    return false
  }
}
