import Basics
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Two processes recording replies at once. The first process reads its evidence from a
/// named pipe, so it is held, deterministically, after it has read the letter's reply in
/// force and before it records its own, while the second one runs to the end.
@Suite struct ReplyConcurrencyTests {
  let scan = Array("%PDF-1.4\n% stamped reply\n".utf8)

  /// Starts `ardoc reply` with `--evidence pipe.pdf` and returns once it is reading the pipe.
  func startHeld(_ arguments: [String], in folder: String) throws -> (CLI.Running, FileHandle) {
    #expect(mkfifo(folder + "/pipe.pdf", 0o600) == 0)
    let running = try CLI.start(["reply"] + arguments + ["--evidence", "pipe.pdf"], in: folder)
    // Opening a pipe for writing waits until its reader opens it: the process is there now.
    let writer = try #require(FileHandle(forWritingAtPath: folder + "/pipe.pdf"))
    return (running, writer)
  }

  func release(_ writer: FileHandle) throws {
    try writer.write(contentsOf: Data(scan))
    try writer.close()
  }

  func letters() throws -> String {
    let folder = try CLI.importedExample()
    let batch = try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30"], in: folder)
    #expect(batch.status == 0, "\(batch.stderr)")
    return folder
  }

  @Test func repliesToDifferentLettersBothLand() throws {
    let folder = try letters()
    let (first, writer) = try startHeld(["DZ-202611-0001", "--agreed", "--received", "2026-12-02"], in: folder)
    let second = try CLI.run(
      ["reply", "DZ-202611-0002", "--disputed", "--received", "2026-12-03", "--their-balance", "1.00"], in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    try release(writer)
    let firstResult = first.wait()
    #expect(firstResult.status == 0, "\(firstResult.stderr)")
    let listed = try CLI.run(["replies", "--format", "csv"], in: folder).stdout.components(separatedBy: "\r\n")
    #expect(listed[1].hasPrefix("DZ-202611-0001,C001,CNY,380000.00,agreed,2026-12-02,"))
    #expect(listed[2].hasPrefix("DZ-202611-0002,C003,CNY,270000.00,disputed,2026-12-03,1.00,"))
    #expect(FileManager.default.fileExists(atPath: folder + "/Output/2026-11/confirmation/DZ-202611-0001-reply.pdf"))
  }

  @Test func toTheSameLetterOneWinsAndTheOtherIsTold() throws {
    let folder = try letters()
    let (first, writer) = try startHeld(["DZ-202611-0001", "--agreed", "--received", "2026-12-02"], in: folder)
    let second = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "300000.00"],
      in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    try release(writer)
    let firstResult = first.wait()
    #expect(firstResult.status == 2)
    #expect(
      firstResult.stderr.hasPrefix(
        "error: DZ-202611-0001's reply changed while this one was being recorded (now: disputed, received 2026-12-03, recorded "
      ))
    #expect(
      firstResult.stderr.hasSuffix(
        "); nothing was recorded: look at it with 'ardoc register show DZ-202611-0001', then record this reply again if it should replace that one\n"
      ))
    // The winner stands alone in the history, and the loser left no evidence behind.
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.components(separatedBy: "DZ-202611-0001: ").count == 2)
    #expect(shown.contains("DZ-202611-0001: disputed, received 2026-12-03: their balance 300,000.00"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/Output/2026-11/confirmation")
    #expect(!files.contains { $0.contains("-reply") })
  }
}
