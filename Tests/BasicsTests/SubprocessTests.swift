import Basics
import Foundation
import TestSupport
import Testing

@Suite struct SubprocessTests {
  let folder: String = {
    let path = scratchPath("subprocess")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  @Test func exitStatusOutputEnvironmentAndFolder() throws {
    let out = folder + "/out.txt"
    let child = try Subprocess.start(
      "/bin/sh", ["-c", "pwd; echo \"$GREETING\"; echo oops >&2; exit 3"], environment: ["GREETING": "你好 world"],
      folder: "/tmp", output: out, errors: folder + "/err.txt")
    #expect(child.wait() == .exited(3))
    #expect(try FileBytes.text(out) == "/tmp\n你好 world\n")
    #expect(try FileBytes.text(folder + "/err.txt") == "oops\n")
  }

  @Test func outputAndErrorsToOneFileKeepTheirOrder() throws {
    let out = folder + "/both.txt"
    let child = try Subprocess.start("/bin/sh", ["-c", "echo one; echo two >&2; echo three"], output: out, errors: out)
    #expect(child.wait() == .exited(0))
    #expect(try FileBytes.text(out) == "one\ntwo\nthree\n")
  }

  @Test func aSignalIsReportedAsACrashWithItsNumber() throws {
    let child = try Subprocess.start("/bin/sh", ["-c", "kill -SEGV $$"])
    let ending = child.wait()
    #expect(ending == .signaled(11))
    #expect(ending.description == "it crashed with signal 11")
  }

  @Test func aChildStillRunningAtTheTimeoutCanBeKilled() throws {
    let child = try Subprocess.start("/bin/sleep", ["30"])
    #expect(child.wait(seconds: 0.05) == nil)
    child.signal(SIGKILL)
    #expect(child.wait() == .signaled(SIGKILL))
  }

  @Test func aMissingProgramOrFolderIsAClearError() throws {
    #expect(throws: Subprocess.Failure(executable: "/nonexistent/tool", reason: "no such file or folder")) {
      _ = try Subprocess.start("/nonexistent/tool", [])
    }
    #expect(throws: Subprocess.Failure(executable: "/bin/sh", reason: "no such file or folder")) {
      _ = try Subprocess.start("/bin/sh", ["-c", "true"], folder: "/nonexistent/folder")
    }
    let error = Subprocess.Failure(executable: "/nonexistent/tool", reason: "no such file or folder")
    #expect(error.description == "cannot start /nonexistent/tool: no such file or folder")
  }
}
