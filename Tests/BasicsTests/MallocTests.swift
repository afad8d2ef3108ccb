import Basics
import Foundation
import Testing

@Suite struct MallocTests {
  /// glibc takes the setting (it takes any count: this shows that `mallopt` was found and
  /// called; elsewhere there is nothing to check). The count is glibc's own default (eight per
  /// core), so the test process allocates as it would have.
  @Test func theCLibraryTakesTheArenaCap() {
    #if os(Linux)
      #expect(Malloc.limitArenas(to: 8 * ProcessInfo.processInfo.activeProcessorCount))
    #endif
  }

  /// Freed memory's pages go back: 64 MiB touched and freed in pieces below the mmap
  /// threshold stay in the heap until trimmed.
  @Test func freedPagesGoBack() {
    #if os(Linux)
      var pieces: [UnsafeMutableRawPointer] = []
      for _ in 0..<(64 << 20) / (64 << 10) {
        guard let piece = malloc(64 << 10) else { break }
        memset(piece, 1, 64 << 10)
        pieces.append(piece)
      }
      // All but the last: it keeps the heap's top in use, so only a trim that reaches inside
      // the heap gives the rest back.
      for piece in pieces.dropLast() { free(piece) }
      #expect(Malloc.releaseFreePages())
      if let last = pieces.last { free(last) }
    #endif
  }
}
