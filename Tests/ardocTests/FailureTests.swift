import Foundation
import GRDB
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Broken environments: a clear error, exit status 2, no partial file, and the register
/// either unchanged or (once a number is taken) recording why it was not used.
@Suite struct FailureTests {
  let example = CLI.root + "/Examples/ledger.json"

  func prepared() throws -> String { try CLI.importedExample() }

  /// Every file under `folder`, relative, hidden ones included.
  func files(_ folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
    }.sorted()
  }

  func statuses(_ folder: String, db: String = "Output/ardoc.sqlite") throws -> [String] {
    try CLI.run(["register", "list", "--db", db], in: folder).stdout.split(separator: "\n").dropFirst(2).map {
      String($0.split(separator: " ", omittingEmptySubsequences: true)[7])
    }
  }

  /// Another program holds the store's write lock (here: an open EXCLUSIVE transaction).
  /// Writing commands wait ARDOC_LOCK_TIMEOUT seconds, then stop with exit 2 and write
  /// nothing; reading commands go on; once the lock is gone, nothing was lost or used up.
  @Test func aLockedDatabaseStopsWritersCleanlyAndReadersGoOn() throws {
    let folder = try prepared()
    let holder = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite")
    let locked =
      "Output/ardoc.sqlite: error: the database is locked by another process (waited 1 s); try again when it has finished, or set ARDOC_LOCK_TIMEOUT to wait longer\n"
    try holder.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      defer { try? db.execute(sql: "ROLLBACK") }
      for arguments in [
        ["confirm", "--customer", "C001", "--as-of", "2026-11-30"],
        ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"],
        ["import", "--ledger", example],
      ] {
        let result = try CLI.run(arguments, in: folder, environment: ["ARDOC_LOCK_TIMEOUT": "1"])
        #expect(result.status == 2, "\(arguments[0])")
        #expect(result.stderr == locked, "\(arguments[0])")
      }
      #expect(files(folder + "/Output").filter { !$0.hasPrefix("ardoc.sqlite") } == [])
      let aging = try CLI.run(["aging", "--as-of", "2026-11-30"], in: folder, environment: ["ARDOC_LOCK_TIMEOUT": "1"])
      #expect(aging.status == 0)
      #expect(aging.stdout.contains("C001"))
    }

    let after = try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"], in: folder)
    #expect(after.stdout == "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html\n")
    #expect(try statuses(folder) == ["issued"])
  }

  /// A template that cannot be read (here a folder where the file should be) or that does
  /// not compile is reported before any number is taken: the register stays empty.
  @Test func anUnreadableOrBrokenTemplateStopsBeforeANumberIsTaken() throws {
    let folder = try prepared()
    let template = folder + "/custom/zh-CN/confirmation.xhtml"
    try FileManager.default.createDirectory(atPath: template, withIntermediateDirectories: true)
    let confirm = ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", "custom"]
    let batch = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--templates", "custom"]
    let unreadable = "custom/zh-CN/confirmation.xhtml: error: cannot read template: is a folder, not a file\n"
    for (arguments, progress) in [(confirm, ""), (batch, "batch: 13 customers\n")] {
      let result = try CLI.run(arguments, in: folder)
      #expect(result.status == 2)
      #expect(result.stderr == progress + unreadable)
    }
    try FileManager.default.removeItem(atPath: template)
    try Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>${nope</p></body></html>\n".utf8).write(
      to: URL(fileURLWithPath: template))
    let broken = """
      custom/zh-CN/confirmation.xhtml:1:53: error: '${' is not closed by '}'; write '$${' for a literal '${'
      <html xmlns="http://www.w3.org/1999/xhtml"><body><p>${nope</p></body></html>
                                                          ^

      """
    for (arguments, progress) in [(confirm, ""), (batch, "batch: 13 customers\n")] {
      let result = try CLI.run(arguments, in: folder)
      #expect(result.status == 2)
      #expect(result.stderr == progress + broken)
    }
    #expect(try statuses(folder) == [])
    // The store and its companions (the run locks); no month folder.
    #expect(files(folder + "/Output").filter { !$0.hasPrefix("ardoc.sqlite") } == [])
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
  }

  @Test func aMissingPDFEngineIsReportedBeforeANumberIsTaken() throws {
    let folder = try prepared()
    let noChromium = ["PATH": "/nonexistent", "ARDOC_CHROMIUM": "chromium"]
    for arguments in [
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--pdf"],
      ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--pdf"],
    ] {
      let result = try CLI.run(arguments, in: folder, environment: noChromium)
      #expect(result.status == 2)
      #expect(
        result.stderr
          == "error: chromium is not installed; install it (apt-get install chromium fonts-noto-cjk) or leave out --pdf\n"
      )
    }
    #expect(files(folder) == ["Output/ardoc.sqlite"])
    #expect(try statuses(folder) == [])
  }

  @Test func aCrashingPDFEngineLeavesNoDocumentAndVoidsTheNumber() throws {
    let folder = try prepared()
    let script = folder + "/crash.sh"
    try "#!/bin/sh\nkill -SEGV $$\n".write(toFile: script, atomically: true, encoding: .utf8)
    chmod(script, 0o755)
    let result = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--pdf"], in: folder,
      environment: ["ARDOC_CHROMIUM": script])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "error: chromium failed to print Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html (it crashed with signal 11); no PDF was written\n"
    )
    #expect(files(folder).filter { $0.hasPrefix("Output/2026") } == [])
    // The number was taken: it stays in the register as void, with the reason, never reused.
    #expect(try statuses(folder) == ["void"])
  }

  @Test func aDamagedDatabaseIsNamedAndLeftAlone() throws {
    let folder = try CLI.temporaryFolder()
    let garbage = Array("this is not a database, it is a note about one\n".utf8)
    _ = FileManager.default.createFile(atPath: folder + "/bad.sqlite", contents: Data(garbage))
    let result = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", example, "--as-of", "2026-11-30", "--db", "bad.sqlite"],
      in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "bad.sqlite: error: is not an ardoc database or is damaged; restore it from a backup or choose another --db\n"
    )
    #expect(FileManager.default.contents(atPath: folder + "/bad.sqlite") == Data(garbage))
    #expect(files(folder) == ["bad.sqlite"])
  }

  /// A small file system of its own (tmpfs; needs root, as CI has): full, then read-only.
  @Test(.enabled(if: getuid() == 0)) func aFullOrReadOnlyDiskStopsTheBatchAndTheNextRunFinishesIt() throws {
    let folder = try prepared()
    let disk = folder + "/disk"
    try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
    func sh(_ command: String) -> Int32 {
      (try? CLI.run(["-c", command], in: folder, executable: "/bin/sh").status) ?? -1
    }
    guard sh("mount -t tmpfs -o size=40k tmpfs '\(disk)'") == 0 else {
      Issue.record("cannot mount a tmpfs at \(disk)")
      return
    }
    defer { _ = sh("umount '\(disk)'") }
    let batch = [
      "batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--out", "disk/Output", "--db", "Output/ardoc.sqlite",
    ]
    let full = try CLI.run(batch, in: folder)
    #expect(full.status == 2)
    #expect(full.stderr.hasSuffix(": no space left on the device; free space and run the command again\n"))
    #expect(full.stderr.contains("error: cannot write disk/Output/2026-11/confirmation/DZ-202611-"))
    // Whole documents only, no temporaries, no manifest; the numbers wait, reserved.
    let written = files(disk)
    #expect(!written.isEmpty && written.allSatisfy { !$0.contains("/.") && $0.hasSuffix(".html") })
    #expect(try statuses(folder) == Array(repeating: "reserved", count: 12))

    #expect(sh("mount -o remount,ro '\(disk)'") == 0)
    let readOnly = try CLI.run(batch, in: folder)
    #expect(readOnly.status == 2)
    #expect(readOnly.stderr.hasSuffix(": the file system is read-only\n"))
    #expect(files(disk) == written)

    #expect(sh("mount -o remount,rw,size=10m '\(disk)'") == 0)
    let resumed = try CLI.run(batch, in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try statuses(folder) == Array(repeating: "issued", count: 12))
    #expect(files(disk).count == 16)  // 12 letters, manifest.csv and .json, print.html, skipped.csv
  }
}
