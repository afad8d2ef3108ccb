import Basics
import Foundation
import Testing

@Suite struct ValidateCommandTests {
  let example = CLI.root + "/Examples/ledger.json"
  let goldens = CLI.root + "/Tests/LettersTests/Fixtures/golden"

  @Test func goldensAreValidAndExitCodesFollowTheRules() throws {
    let all = try CLI.run(["validate", goldens, "--ledger", example, "--policy", CLI.root + "/Examples/policy.json"])
    #expect(all.status == 0, "\(all.stdout)")
    #expect(all.stdout.hasSuffix("28 document(s), 0 invalid.\n"))
    let handEdited = try CLI.run([
      "validate", CLI.root + "/Tests/ValidationTests/Fixtures/hand-edited.html", "--format", "json",
    ])
    #expect(handEdited.status == 1)
    #expect(
      handEdited.stdout.contains(
        #""rule":"seals","severity":"error","message":"the counterparty seal block is missing (an element with data-seal=\"counterparty\")","line":13,"xpath":"/html/body""#
      ))
    let missing = try CLI.run(["validate", "/nonexistent.html"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "error: /nonexistent.html: cannot be read (missing or not a file)\n")
  }

  /// The rules read what a letter says; `--register` also holds each file to the one issued
  /// under its number: a payee's bank account changed by hand, a number never issued and a
  /// superseded letter all pass the rules and fail here.
  @Test func theRegisterVouchesOnlyForTheFilesItIssued() throws {
    let folder = try CLI.importedExample()
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--customers", "C001,C003"]
    #expect(try CLI.run(month, in: folder).status == 0)
    let out = folder + "/Output/2026-11/confirmation/"
    let issued = try FileBytes.text(out + "DZ-202611-0001-confirmation-C001.html")
    #expect(
      try CLI.run(["validate", "Output", "--register"], in: folder).stdout.hasSuffix(
        "2 document(s), 0 invalid, 1 skipped.\n"))
    let account = try #require(issued.firstMatch(of: /data-field="bank-account">([^<]*)</)?.1)
    try Data(issued.replacingOccurrences(of: String(account), with: "6222 0000 9999 888").utf8)
      .write(to: URL(fileURLWithPath: folder + "/bank.html"))
    try Data(issued.replacingOccurrences(of: "DZ-202611-0001", with: "DZ-202611-0099").utf8)
      .write(to: URL(fileURLWithPath: folder + "/number.html"))
    #expect(try CLI.run(["validate", "bank.html", "number.html"], in: folder).status == 0)
    let checked = try CLI.run(["validate", "bank.html", "number.html", "--register"], in: folder)
    #expect(checked.status == 1)
    let sha = SHA256.hex(Array(try FileBytes.read(folder + "/bank.html")))
    let registered = try #require(
      try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout.firstMatch(of: /sha256: ([0-9a-f]+)/)?.1)
    #expect(
      checked.stdout.contains(
        "bank.html:-: error [register] is not DZ-202611-0001 as issued: its SHA-256 is \(sha), the register's \(registered); it was changed after it was issued\n"
      ), "\(checked.stdout)")
    #expect(
      checked.stdout.contains(
        "number.html:-: error [register] DZ-202611-0099 is not in the register: no document was issued under it\n"))
    #expect(
      try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--reissue"], in: folder).status == 0)
    let old = try CLI.run(
      ["validate", "Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html", "--register"],
      in: folder)
    #expect(old.status == 1)
    #expect(
      old.stdout.contains(
        "error [register] DZ-202611-0001 was superseded by a reissue; the letter that stands replaces it (register show DZ-202611-0001)"
      ), "\(old.stdout)")
    let elsewhere = try CLI.run(["validate", "bank.html", "--register", "--db", "none.sqlite"], in: folder)
    #expect(elsewhere.status == 2)
    #expect(
      elsewhere.stderr
        == "none.sqlite: error: no store here; run 'ardoc import --ledger FILE' first, or pass --db PATH\n")
  }

  /// A company's partial that hides the seal blocks: the letter shows no seal, so the gate
  /// refuses it and takes no number (it was issued, the marks being there though unseen).
  @Test func theGateRefusesALetterWhoseSealsAreHidden() throws {
    let folder = try CLI.temporaryFolder()
    #expect(try CLI.run(["import", "--ledger", example], in: folder).status == 0)
    let mine = folder + "/mine/partials"
    try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
    let partial = try FileBytes.text(CLI.root + "/Templates/partials/letter.xhtml").replacingOccurrences(
      of: #"<div class="seal" t:fragment="seal(role, party, label, signature, dated)""#,
      with: #"<div class="seal" style="display: none" t:fragment="seal(role, party, label, signature, dated)""#)
    try partial.write(toFile: mine + "/letter.xhtml", atomically: true, encoding: .utf8)
    let refused = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", folder + "/mine"], in: folder)
    #expect(refused.status == 2)
    #expect(
      refused.stderr.contains(
        "  [hidden] the issuer seal block is hidden from a reader, in whole or in part (by its own attributes, style or kind); what a reader does not see does not count"
      ), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
  }

  @Test func theGateRefusesAnInvalidDocumentAndForceMarksIt() throws {
    let folder = try CLI.temporaryFolder()
    #expect(try CLI.run(["import", "--ledger", example], in: folder).status == 0)
    // A user's template that forgets the reply block: no counterparty seal.
    let mine = folder + "/mine/zh-CN"
    try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
    var template = try FileBytes.text(CLI.root + "/Templates/zh-CN/confirmation.xhtml")
    template = template.replacingOccurrences(
      of: #"<div t:replace="partials/letter.xhtml :: reply-block()">回函部分</div>"#, with: "")
    try template.write(toFile: mine + "/confirmation.xhtml", atomically: true, encoding: .utf8)
    let refused = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", folder + "/mine"], in: folder)
    #expect(refused.status == 2)
    #expect(
      refused.stderr.hasPrefix(
        "error: the confirmation for C001 (CNY) failed validation; it was not written and took no number (use --force to write it marked INVALID):\n  [seals] the counterparty seal block is missing"
      ))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    #expect(try CLI.run(["register", "list"], in: folder).stdout.contains("DZ-202611") == false)
    let forced = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--templates", folder + "/mine", "--force"], in: folder
    )
    #expect(forced.status == 0)
    #expect(forced.stdout == "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001-INVALID.html\n")
    #expect(forced.stderr.hasPrefix("warning: DZ-202611-0001 failed validation and was written marked INVALID"))
    let html = try FileBytes.text(folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001-INVALID.html")
    #expect(html.contains("INVALID — 未通过校验，不得寄出"))
    let register = try CLI.run(["register", "list"], in: folder)
    #expect(!register.stdout.contains("void"))
    #expect(
      register.stdout.contains(
        "DZ-202611-0001  confirmation  C001      2026-11-30  2026-11-30  CNY       380,000.00  invalid"))
    let check = try CLI.run(["validate", folder + "/Output"], in: folder)
    #expect(check.status == 1)
  }
}
