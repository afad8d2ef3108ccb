import Basics
import Foundation
import Testing

/// End-to-end: the built `ardoc` binary, as a user runs it.
@Suite struct RenderCommandTests {
  let root = CLI.root
  func run(_ arguments: [String], in folder: String = CLI.root) throws -> CLI.Result {
    try CLI.run(arguments, in: folder)
  }
  func temporaryFolder() throws -> String { try CLI.temporaryFolder() }

  @Test func rendersTheExampleLetterToStandardOutput() throws {
    let result = try run([
      "render", "--template", "Examples/templates/letter.xhtml", "--data", "Examples/templates/letter.json",
    ])
    #expect(result.status == 0)
    #expect(result.stderr == "")
    let golden = try FileBytes.text(CLI.root + "/Tests/TemplatingTests/Fixtures/golden/letter.html")
    #expect(result.stdout == golden)
  }

  @Test func writesTheOutputFileAndPrintsItsPath() throws {
    let folder = try temporaryFolder()
    let out = folder + "/letter.html"
    let result = try run([
      "render", "--template", "Examples/templates/letter.xhtml", "--data", "Examples/templates/letter.json", "--out",
      out,
    ])
    #expect(result.status == 0)
    #expect(result.stdout == out + "\n")
    #expect(try FileBytes.text(out).contains("伍拾贰万壹仟壹佰肆拾陆元壹角陆分"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["letter.html"])
  }

  @Test func templateErrorsExitWithStatus2AndAreAllListed() throws {
    let folder = try temporaryFolder()
    try """
    <html xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:ardoc:template">
      <p t:iff="x">${a +}</p>
    </html>
    """.write(toFile: folder + "/bad.xhtml", atomically: true, encoding: .utf8)
    try "{}".write(toFile: folder + "/data.json", atomically: true, encoding: .utf8)
    let result = try run(["render", "--template", "bad.xhtml", "--data", "data.json", "--out", "out.html"], in: folder)
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(
      result.stderr == """
        bad.xhtml:2:6: error: unknown directive 't:iff'; did you mean 't:if'?
          <p t:iff="x">${a +}</p>
             ^
        bad.xhtml:2:21: error: the expression ends too early
          <p t:iff="x">${a +}</p>
                            ^

        """)
    #expect(!FileManager.default.fileExists(atPath: folder + "/out.html"))
  }

  @Test func undefinedNamesWriteNothing() throws {
    let folder = try temporaryFolder()
    try "<letter xmlns:t=\"urn:ardoc:template\">${customer.name}</letter>".write(
      toFile: folder + "/t.xml", atomically: true, encoding: .utf8)
    try "{\"customer\": {\"nmae\": \"x\"}}".write(toFile: folder + "/d.json", atomically: true, encoding: .utf8)
    let result = try run(["render", "--template", "t.xml", "--data", "d.json", "--out", "out.xml"], in: folder)
    #expect(result.status == 2)
    #expect(
      result.stderr.hasPrefix(
        "t.xml:1:49: error: undefined name 'customer.name': 'customer' has no member 'name'; did you mean 'nmae'?"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/out.xml"))
  }

  @Test func badDataIsLocated() throws {
    let folder = try temporaryFolder()
    try "<x/>".write(toFile: folder + "/t.xml", atomically: true, encoding: .utf8)
    try "{\n  \"a\": 1,\n  \"a\": 2\n}".write(toFile: folder + "/d.json", atomically: true, encoding: .utf8)
    let result = try run(["render", "--template", "t.xml", "--data", "d.json"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr == "d.json:3:3: error: duplicate member name \"a\"\n")
  }

  @Test func missingFilesAreNamed() throws {
    let folder = try temporaryFolder()
    let result = try run(["render", "--template", "nothere.xhtml", "--data", "d.json"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr == "nothere.xhtml: error: cannot read template: no such file or folder\n")
  }

  @Test func helpListsTheCommand() throws {
    let result = try run(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("render"))
  }

  /// Closed sets of values are listed by --help; a value outside them is ardoc's own error.
  @Test func helpListsTheChoicesAndAWrongOneIsRefusedWithTheOptionsName() throws {
    let batch = try CLI.run(["batch", "--help"])
    #expect(batch.stdout.contains("(values: confirmation, dunning)"))
    #expect(batch.stdout.contains("(values: zh-CN, en; default:"))
    let notice = try CLI.run(["notice", "--help"])
    #expect(notice.stdout.contains("stop-supply, stop-service, revoke-license,"))
    let wrong = try CLI.run(["batch", "--kind", "penalty-notice", "--as-of", "2026-11-30"])
    #expect(wrong.status == 2)
    #expect(wrong.stderr == "error: --kind 'penalty-notice' is not confirmation or dunning\n")
    let format = try CLI.run(["validate", "x.html", "--format", "xml"])
    #expect(format.status == 2)
    #expect(format.stderr == "error: --format 'xml' is not text or json\n")
  }
}
