import Basics
import Foundation
import GRDB
import Testing

/// One live letter per customer, currency and month, through the batch and the single
/// commands alike, and outputs that stay true after a reissue.
@Suite struct OneLiveLetterTests {
  let example = CLI.root + "/Examples/ledger.json"
  var month: [String] { ["--ledger", example, "--as-of", "2026-11-30"] }

  func pdfNumbers(_ pdf: String, in folder: String) throws -> [String] {
    let text = try CLI.run([pdf, "-"], in: folder, executable: "/usr/bin/pdftotext").stdout
    let pattern = try NSRegularExpression(pattern: "DZ-202611-[0-9]{4}")
    let found = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range, in: text).map { String(text[$0]) }
    }
    return Array(Set(found)).sorted()
  }

  /// After `batch --reissue --customers C003`, print-001.pdf shows DZ-202611-0013 and not the
  /// superseded DZ-202611-0002 (printed again although the run did not ask for PDFs), the old
  /// letter is in superseded/, and a run that changes nothing prints nothing.
  @Test func aReissueReprintsThePrintFileThatHeldTheOldLetter() throws {
    let folder = try CLI.temporaryFolder()
    let out = folder + "/Output/2026-11/confirmation"
    let first = try CLI.run(["batch", "--kind", "confirmation", "--pdf"] + month, in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("pdf: printing 1 print file(s)\npdf: 1/1 print files\n"))
    #expect(try pdfNumbers(out + "/print-001.pdf", in: folder).contains("DZ-202611-0002"))

    let reissue = try CLI.run(
      ["batch", "--kind", "confirmation", "--reissue", "--customers", "C003"] + month, in: folder)
    #expect(reissue.status == 0, "\(reissue.stderr)")
    #expect(reissue.stdout.contains("Output/2026-11/confirmation/print-001.pdf\n"))
    #expect(reissue.stdout.contains("DZ-202611-0013 supersedes DZ-202611-0002\n"))
    // The month's skipped.csv is the full run's; the --customers run leaves it alone.
    #expect(try FileBytes.text(out + "/skipped.csv").contains("\r\nC008,CNY,no-confirmed-owner,"))
    #expect(reissue.stderr.hasSuffix("pdf: printing 1 print file(s)\npdf: 1/1 print files\n"))
    let numbers = try pdfNumbers(out + "/print-001.pdf", in: folder)
    #expect(numbers.contains("DZ-202611-0013") && !numbers.contains("DZ-202611-0002"), "\(numbers)")
    #expect(!(try FileBytes.text(out + "/print-001.html")).contains(#"data-number="DZ-202611-0002""#))
    #expect(!FileManager.default.fileExists(atPath: out + "/DZ-202611-0002-confirmation-C003.html"))
    #expect(FileManager.default.fileExists(atPath: out + "/superseded/DZ-202611-0002-confirmation-C003.html"))

    let again = try CLI.run(
      ["batch", "--kind", "confirmation", "--reissue", "--customers", "C003"] + month, in: folder)
    #expect(again.status == 0)
    let twice = try CLI.run(["batch", "--kind", "confirmation", "--pdf"] + month, in: folder)
    let unchanged = try CLI.run(["batch", "--kind", "confirmation", "--pdf"] + month, in: folder)
    #expect(twice.status == 0 && unchanged.status == 0)
    #expect(unchanged.stdout.contains("Output/2026-11/confirmation/print-001.pdf (unchanged)\n"))
    #expect(!unchanged.stderr.contains("pdf:"))
  }

  /// Without the PDF engine a stale print PDF is removed, with a warning, rather than left
  /// showing a superseded letter.
  @Test func aStalePDFThatCannotBeReprintedIsRemoved() throws {
    let folder = try CLI.temporaryFolder()
    let out = folder + "/Output/2026-11/confirmation"
    #expect(try CLI.run(["batch", "--kind", "confirmation", "--pdf"] + month, in: folder).status == 0)
    let result = try CLI.run(
      ["batch", "--kind", "confirmation", "--reissue", "--customers", "C003"] + month, in: folder,
      environment: ["PATH": "/nonexistent", "ARDOC_CHROMIUM": "chromium"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasSuffix(
        "warning Output/2026-11/confirmation/print-001.pdf: removed: it showed letters that have since changed, and chromium is not installed to print it again; install it and run the batch with --pdf\n"
      ))
    #expect(!FileManager.default.fileExists(atPath: out + "/print-001.pdf"))
    #expect(FileManager.default.fileExists(atPath: out + "/print-001.html"))
  }

  /// A letter issued on its own counts for the batch, and is listed in its manifest.
  @Test func aLetterIssuedAloneCountsForTheBatch() throws {
    let folder = try CLI.temporaryFolder()
    let one = try CLI.run(["confirm", "--customer", "C001"] + month, in: folder)
    #expect(one.stdout == "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html\n", "\(one.stderr)")
    let batch = try CLI.run(["batch", "--kind", "confirmation"] + month, in: folder)
    #expect(
      batch.stdout.hasPrefix("Output/2026-11/confirmation: 11 written, 1 already issued this month, 2 skipped.\n"))
    let rows = try FileBytes.text(folder + "/Output/2026-11/confirmation/manifest.csv").components(separatedBy: "\r\n")
    #expect(rows[1].hasPrefix("DZ-202611-0001,C001,"))
    #expect(rows[1].contains(",Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html,"))
    let listed = try CLI.run(["register", "list", "--customer", "C001"], in: folder)
    #expect(listed.stdout.components(separatedBy: "\n").filter { $0.contains(" issued ") }.count == 1)
  }

  /// A letter registered where single letters were filed before the one path rule
  /// (`Output/2026-11/<name>`) keeps its stored path: it is found, listed and superseded from
  /// there, and its reissue is written under the rule.
  @Test func aLetterAtAnEarlierPathIsStillItsRegistersFile() throws {
    let folder = try CLI.temporaryFolder()
    let one = try CLI.run(["confirm", "--customer", "C001"] + month, in: folder)
    #expect(one.status == 0, "\(one.stderr)")
    let old = "Output/2026-11/DZ-202611-0001-confirmation-C001.html"
    #expect(rename(folder + "/" + one.stdout.dropLast(), folder + "/" + old) == 0)
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(sql: "UPDATE documents SET path = ? WHERE number = 'DZ-202611-0001'", arguments: [old])
    }
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder)
    #expect(shown.stdout.contains("file: \(old)\n"), "\(shown.stdout)")
    let again = try CLI.run(["confirm", "--customer", "C001", "--reissue"] + month, in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      again.stdout
        == """
        Output/2026-11/confirmation/DZ-202611-0002-confirmation-C001.html
        DZ-202611-0002 supersedes DZ-202611-0001
        DZ-202611-0001 is superseded; its file is now Output/2026-11/superseded/DZ-202611-0001-confirmation-C001.html

        """)
    #expect(
      FileManager.default.fileExists(
        atPath: folder + "/Output/2026-11/superseded/DZ-202611-0001-confirmation-C001.html"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/" + old))
  }

  /// A dunning letter is one per level: the same level again is refused, another level is not.
  @Test func aDunningLetterStandsPerLevel() throws {
    let folder = try CLI.temporaryFolder()
    let dun = ["dun", "--customer", "C001"] + month
    let first = try CLI.run(dun + ["--level", "2"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let same = try CLI.run(dun + ["--level", "2"], in: folder)
    #expect(same.status == 2)
    #expect(
      same.stderr.hasPrefix(
        "error: C001 already has dunning letter (level-2) CK-202611-0001 for CNY as of 2026-11, issued on 2026-11-30"))
    let other = try CLI.run(dun + ["--level", "3"], in: folder)
    #expect(other.status == 0, "\(other.stderr)")
    #expect(other.stdout == "Output/2026-11/dunning/CK-202611-0002-dunning-C001.html\n")
  }

  /// A customer whose name is `${customer.name}` is data: the letter is written and valid.
  @Test func aCustomerNamedLikeAnExpressionGetsItsLetter() throws {
    let folder = try CLI.temporaryFolder()
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: example))) as? [String: Any])
    var customers = try #require(root["customers"] as? [[String: Any]])
    let index = try #require(customers.firstIndex { $0["id"] as? String == "C003" })
    customers[index]["name"] = "${customer.name}"
    root["customers"] = customers
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/odd.json"))
    let batch = try CLI.run(
      ["batch", "--kind", "confirmation", "--ledger", "odd.json", "--as-of", "2026-11-30"], in: folder)
    #expect(
      batch.stdout.hasPrefix("Output/2026-11/confirmation: 12 written, 0 already issued this month, 2 skipped.\n"))
    let letter = try FileBytes.text(folder + "/Output/2026-11/confirmation/DZ-202611-0002-confirmation-C003.html")
    #expect(letter.contains(#"<span data-field="customer">${customer.name}</span>"#))
    let valid = try CLI.run(["validate", "Output", "--ledger", "odd.json"], in: folder)
    #expect(valid.status == 0, "\(valid.stdout)")
  }
}
