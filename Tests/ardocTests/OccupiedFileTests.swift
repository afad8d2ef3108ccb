import Basics
import Foundation
import GRDB
import Testing

/// A document never replaces a file its register did not write: a second store writing into
/// the same folder, or a numbering pattern changed so that two numbers give one file name,
/// would otherwise put another letter under an issued one's name while the register still
/// lists the first (its SHA-256 no longer matching, its print bundle printing the other).
@Suite struct OccupiedFileTests {
  let month = ["--kind", "confirmation", "--as-of", "2026-11-30"]
  let first = "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html"
  let message =
    "a file is already there that this register did not write for DZ-202611-0001 (another store may write letters into the same folder, or the numbering pattern changed so that two numbers give one file name); it was left as it is. Move it away, or write into another folder, and run again\n"

  func bytes(_ folder: String, _ path: String) throws -> [UInt8] {
    try FileBytes.read(folder + "/" + path, limit: 1 << 20)
  }

  @Test func aSecondStoreWritingIntoTheSameFolderIsRefusedAndTheIssuedLetterKept() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["batch"] + month, in: folder).status == 0)
    let issued = try bytes(folder, first)
    let other = ["--db", "other.sqlite"]
    #expect(try CLI.run(["import", "--ledger", CLI.root + "/Examples/ledger.json"] + other, in: folder).status == 0)

    let batch = try CLI.run(["batch"] + month + other, in: folder)
    #expect(batch.status == 2)
    #expect(batch.stderr.hasSuffix("error: cannot write \(first): " + message), "\(batch.stderr)")
    #expect(try bytes(folder, first) == issued)

    // A single letter from a third store, whose first number is DZ-202611-0001 too.
    let third = ["--db", "third.sqlite"]
    #expect(try CLI.run(["import", "--ledger", CLI.root + "/Examples/ledger.json"] + third, in: folder).status == 0)
    let single = try CLI.run(["confirm", "--customer", "C001", "--as-of", "2026-11-30"] + third, in: folder)
    #expect(single.status == 2)
    #expect(single.stderr.hasSuffix(": " + message), "\(single.stderr)")
    #expect(try bytes(folder, first) == issued)
    // The first store's register still matches its files: a rerun finds the month done.
    let rerun = try CLI.run(["batch"] + month, in: folder)
    #expect(rerun.stdout.hasPrefix("Output/2026-11/confirmation: 0 written, 12 already issued this month,"))
  }

  /// A number a stopped run reserved is finished by the next run, which replaces the letter
  /// the stopped run had written under it (written after the number was reserved); a file
  /// older than the reservation is not that run's, and stays.
  @Test func aStoppedRunsOwnLetterIsReplacedAndAnOlderFileKept() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["batch"] + month, in: folder).status == 0)
    let store = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite")
    // What a run killed after writing the letter and before recording it leaves.
    try store.write { db in
      try db.execute(
        sql: """
          UPDATE documents SET status = 'reserved', sha256 = NULL, path = NULL, created_at = '2000-01-01T00:00:00Z'
          WHERE number = 'DZ-202611-0001'
          """)
    }
    try Data("the stopped run's letter, half-checked".utf8).write(to: URL(fileURLWithPath: folder + "/" + first))
    let resumed = try CLI.run(["batch"] + month, in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.hasPrefix("Output/2026-11/confirmation: 1 written, 11 already issued this month,"))
    let written = try bytes(folder, first)
    let recorded: String? = try store.read { db in
      try String.fetchOne(db, sql: "SELECT sha256 FROM documents WHERE number = 'DZ-202611-0001'")
    }
    #expect(recorded == SHA256.hex(written))

    // The same, but the file is from before the number was reserved.
    try store.write { db in
      try db.execute(
        sql: """
          UPDATE documents SET status = 'reserved', sha256 = NULL, path = NULL, created_at = '2999-01-01T00:00:00Z'
          WHERE number = 'DZ-202611-0001'
          """)
    }
    let refused = try CLI.run(["batch"] + month, in: folder)
    #expect(refused.status == 2)
    #expect(refused.stderr.hasSuffix("error: cannot write \(first): " + message), "\(refused.stderr)")
    #expect(try bytes(folder, first) == written)
  }

  /// A superseded letter moves into `superseded/` only where no file of its name is: one
  /// already there is not this register's to replace, so the letter stays and the user is told.
  @Test func aSupersededLetterDoesNotReplaceAFileInTheSupersededFolder() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(["batch"] + month, in: folder).status == 0)
    let target = "Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html"
    try FileManager.default.createDirectory(
      atPath: folder + "/Output/2026-11/confirmation/superseded", withIntermediateDirectories: true)
    try Data("another letter".utf8).write(to: URL(fileURLWithPath: folder + "/" + target))
    let reissue = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--reissue", "--date", "2026-11-30"], in: folder)
    #expect(reissue.status == 0, "\(reissue.stderr)")
    #expect(
      reissue.stderr.contains(
        "warning: DZ-202611-0001 is superseded but stays at \(first): \(target) is already there (not this register's file); move it away and run the command again\n"
      ), "\(reissue.stderr)")
    #expect(try bytes(folder, target) == Array("another letter".utf8))
    #expect(FileManager.default.fileExists(atPath: folder + "/" + first))
  }

  /// An output folder that is a file, or a link to nothing, is refused before a number is
  /// taken: the register keeps no void number for a letter that was never written.
  @Test func anOutputFolderThatCannotBeMadeTakesNoNumber() throws {
    let folder = try CLI.importedExample()
    try Data().write(to: URL(fileURLWithPath: folder + "/Letters"))
    try FileManager.default.createSymbolicLink(atPath: folder + "/Gone", withDestinationPath: folder + "/nowhere")
    let letter = ["confirm", "--customer", "C001", "--as-of", "2026-11-30"]
    let file = try CLI.run(letter + ["--out", "Letters"], in: folder)
    #expect(file.status == 2)
    #expect(
      file.stderr
        == "error: cannot write Letters: is a file, not a folder; choose another folder or move the file away\n")
    let link = try CLI.run(letter + ["--out", "Gone/2026"], in: folder)
    #expect(link.status == 2)
    #expect(
      link.stderr
        == "error: cannot write Gone: is a link to a folder that is not there; remove the link or make the folder\n")
    let listed = try CLI.run(["register", "list"], in: folder)
    #expect(listed.stdout.components(separatedBy: "\n").count == 3, "\(listed.stdout)")
    // The first number is still the first.
    let written = try CLI.run(letter, in: folder)
    #expect(written.stdout.hasPrefix("Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html\n"))
  }
}

/// Run from another folder with `--db` (or `$ARDOC_DB`) naming the store, the register's
/// files (named from the folder they were written in) would all look missing: a batch would
/// write a second month folder and advise reissuing good letters. Commands that write say
/// where to run instead, and write nothing.
@Suite struct WrongFolderTests {
  @Test func commandsRunFromAnotherFolderSayWhereTheLettersAre() throws {
    let folder = try CLI.importedExample()
    let month = ["--kind", "confirmation", "--as-of", "2026-11-30"]
    #expect(try CLI.run(["batch"] + month, in: folder).status == 0)
    let elsewhere = try CLI.temporaryFolder()
    let store = ["--db", folder + "/Output/ardoc.sqlite"]
    let root = (folder as NSString).standardizingPath
    let message =
      "error: the register's files are named from \(root) (Output/2026-11/confirmation/DZ-202611-0012-confirmation-C013.html is there, not in \((elsewhere as NSString).standardizingPath)); run ardoc from \(root), where its letters are\n"
    let batch = try CLI.run(["batch"] + month + store, in: elsewhere)
    #expect(batch.status == 2)
    #expect(batch.stderr.hasSuffix(message), "\(batch.stderr)")
    let reissue = try CLI.run(
      ["confirm", "--customer", "C001", "--as-of", "2026-11-30", "--reissue"] + store, in: elsewhere)
    #expect(reissue.status == 2)
    #expect(reissue.stderr == message)
    let reply = try CLI.run(
      ["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03", "--signed-by", "李静"] + store, in: elsewhere)
    #expect(reply.status == 2)
    #expect(reply.stderr == message)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == [])
    // From the right folder the store is as it was: nothing reissued, no reply.
    let rerun = try CLI.run(["batch"] + month, in: folder)
    #expect(rerun.stdout.hasPrefix("Output/2026-11/confirmation: 0 written, 12 already issued this month,"))
  }
}

/// A batch written with `--out Letters`, and a letter of it reissued without `--out`: the
/// month's outputs in `Letters/` are rebuilt too, not left listing the replaced letter.
@Suite struct ReissueElsewhereTests {
  @Test func theBatchFolderOfTheReplacedLetterIsRebuilt() throws {
    let folder = try CLI.importedExample()
    #expect(
      try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--out", "Letters"], in: folder).status
        == 0)
    let reissue = try CLI.run(["confirm", "--customer", "C003", "--as-of", "2026-11-30", "--reissue"], in: folder)
    #expect(reissue.status == 0, "\(reissue.stderr)")
    #expect(
      reissue.stdout == """
        Output/2026-11/confirmation/DZ-202611-0013-confirmation-C003.html
        DZ-202611-0013 supersedes DZ-202611-0002
        DZ-202611-0002 is superseded; its file is now Letters/2026-11/confirmation/superseded/DZ-202611-0002-confirmation-C003.html
        Letters/2026-11/confirmation: manifest.csv, manifest.json and print.html rebuilt

        """)
    let manifest = try String(contentsOfFile: folder + "/Letters/2026-11/confirmation/manifest.csv", encoding: .utf8)
    #expect(!manifest.contains("DZ-202611-0002,"))
    #expect(manifest.contains("DZ-202611-0013,C003,"))
  }
}
