import Foundation
import Testing

/// Runs the built `ardoc` binary as a user would.
enum CLI {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let binary: String = {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("ardoc").path
    if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
    return root + "/.build/debug/ardoc"
  }()

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// A started process whose output goes to files (pipes could fill up and block it).
  struct Running {
    let process: Process
    let out: String
    let err: String

    func wait() -> Result {
      process.waitUntilExit()
      return Result(
        status: process.terminationStatus,
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
  }

  static func start(_ arguments: [String], in folder: String = root, environment: [String: String] = [:]) throws
    -> Running
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let base = NSTemporaryDirectory() + "ardoc-run-" + UUID().uuidString
    FileManager.default.createFile(atPath: base + ".out", contents: nil)
    FileManager.default.createFile(atPath: base + ".err", contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
    try process.run()
    return Running(process: process, out: base + ".out", err: base + ".err")
  }

  static func run(_ arguments: [String], in folder: String = root, environment: [String: String] = [:]) throws
    -> Result
  {
    try start(arguments, in: folder, environment: environment).wait()
  }

  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "ardoc-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

}
