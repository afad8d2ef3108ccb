import Basics
import Foundation
import Testing

@Suite struct MallocArenasTests {
  /// glibc takes the setting (it takes any count: this shows that `mallopt` was found and
  /// called; elsewhere there is nothing to check). The count is glibc's own default (eight per
  /// core), so the test process allocates as it would have.
  @Test func theCLibraryTakesTheCap() {
    #if os(Linux)
      #expect(MallocArenas.limit(to: 8 * ProcessInfo.processInfo.activeProcessorCount))
    #endif
  }
}
