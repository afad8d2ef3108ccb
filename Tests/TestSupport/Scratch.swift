import Foundation

/// The folder this test process writes its files in, under the system's temporary folder,
/// removed with everything in it when the process exits: a run of the suite leaves nothing
/// behind, however many folders and stores its tests made.
public let scratchFolder: String = {
  let path = NSTemporaryDirectory() + "ardoc-tests-\(getpid())-" + UUID().uuidString.prefix(8)
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  atexit { try? FileManager.default.removeItem(atPath: scratchFolder) }
  return path
}()

/// A new path in ``scratchFolder``: `prefix`, a unique part, then `suffix` (`.json`). Nothing
/// is created there.
///
/// ```swift
/// let store = scratchPath("store", suffix: ".sqlite")
/// ```
public func scratchPath(_ prefix: String, suffix: String = "") -> String {
  scratchFolder + "/" + prefix + "-" + UUID().uuidString + suffix
}
