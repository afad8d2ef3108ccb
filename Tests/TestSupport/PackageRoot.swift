import Foundation

/// The checkout's root folder (where `Package.swift` is), for tests that read the examples,
/// templates and fixtures in place: this file is `Tests/TestSupport/PackageRoot.swift`.
public let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()
