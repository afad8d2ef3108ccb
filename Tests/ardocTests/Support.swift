import Basics
import Foundation
import GRDB
import TestSupport
import Testing

/// Runs the built `ardoc` binary as a user would.
enum CLI {
  static let root = packageRoot

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
    let child: Subprocess
    let out: String
    let err: String

    /// How it ended: its exit status, or 128 + the signal that ended it (as a shell says).
    func wait() -> Result {
      let status: Int32
      switch child.wait() {
      case .exited(let code): status = code
      case .signaled(let signal): status = 128 + signal
      }
      return Result(
        status: status,
        stdout: (try? FileBytes.text(out)) ?? "",
        stderr: (try? FileBytes.text(err)) ?? "")
    }
  }

  /// Starts `ardoc` (or `executable`) in `folder`; `environment` adds to this process's, and
  /// a nil value removes a variable.
  static func start(
    _ arguments: [String], in folder: String = root, environment: [String: String?] = [:],
    executable: String = CLI.binary, stdin: String = "/dev/null"
  ) throws -> Running {
    var variables = ProcessInfo.processInfo.environment
    // The tester's own store is not the test's: every command finds the store of its folder.
    variables["ARDOC_DB"] = nil
    for (name, value) in environment { variables[name] = value }
    let base = scratchPath("run")
    let child = try Subprocess.start(
      executable, arguments, environment: variables, folder: folder, input: stdin, output: base + ".out",
      errors: base + ".err")
    return Running(child: child, out: base + ".out", err: base + ".err")
  }

  static func run(
    _ arguments: [String], in folder: String = root, environment: [String: String?] = [:],
    executable: String = CLI.binary, stdin: String = "/dev/null"
  ) throws -> Result {
    try start(arguments, in: folder, environment: environment, executable: executable, stdin: stdin).wait()
  }

  /// A new folder with the example ledger imported into its store (`./ardoc.sqlite`).
  static func importedExample() throws -> String {
    let folder = try temporaryFolder()
    let imported = try run(["import", "--ledger", root + "/Examples/ledger.json"], in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")
    return folder
  }

  /// Imports into `folder`'s store the example ledger with one more payment (written as
  /// `paid.json`): what a customer paid after its letter was written.
  static func importExample(paying payment: [String: Any], in folder: String) throws {
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/Examples/ledger.json")))
        as? [String: Any])
    root["payments"] = try #require(root["payments"] as? [[String: Any]]) + [payment]
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/paid.json"))
    let imported = try run(["import", "--ledger", "paid.json"], in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")
  }

  /// Imports into `folder`'s store the example ledger with `customers`' contracts and
  /// payments in `currency` (written as `<currency>.json`, e.g. `JPY.json`), the amounts as
  /// they are: the example's are whole yuan, so they are whole yen too.
  static func importExample(in currency: String, for customers: Set<String>, in folder: String) throws {
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/Examples/ledger.json")))
        as? [String: Any])
    for (list, owner) in [("contracts", "customer"), ("payments", "customer")] {
      root[list] = try #require(root[list] as? [[String: Any]]).map { row in
        var row = row
        if customers.contains(row[owner] as? String ?? "") { row["currency"] = currency }
        return row
      }
    }
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/\(currency).json"))
    let imported = try run(["import", "--ledger", "\(currency).json"], in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")
  }

  /// Sets every register entry of `folder`'s store as recorded at 09:00 (UTC+8) on its own
  /// date, as a run on that day would have: a test that cites letters it wrote a moment ago,
  /// dated months back, would otherwise see them recorded late (and more so each year).
  static func recordOnTheirDates(in folder: String) throws {
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(sql: "UPDATE documents SET created_at = document_date || 'T01:00:00Z'")
    }
  }

  /// The names in `folder`, sorted; none when it cannot be read.
  static func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  static func temporaryFolder() throws -> String {
    let path = scratchPath("e2e")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

}
