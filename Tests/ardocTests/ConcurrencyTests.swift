import Basics
import Foundation
import GRDB
import Testing

/// Two batches, a batch and an import, and reruns on one store, as operators run them: on
/// the built binary, the first batch stopped (SIGSTOP) in the middle of its run while the other
/// command goes, so "at once" does not depend on timing.
@Suite(.serialized) struct ConcurrencyTests {
  let month = ["--kind", "confirmation", "--as-of", "2026-11-30"]
  let out = "Output/2026-11/confirmation"

  /// A folder whose store holds a generated ledger of `count` customers.
  func imported(_ count: Int, _ change: (String) -> String = { $0 }) throws -> String {
    let folder = try CLI.temporaryFolder()
    try change(generatedLedger(count)).write(toFile: folder + "/ledger.json", atomically: true, encoding: .utf8)
    let result = try CLI.run(["import", "--ledger", "ledger.json"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    return folder
  }

  func letters(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + out)) ?? []).filter { $0.hasPrefix("DZ-") }
      .sorted()
  }

  /// Starts a batch and stops it once it has written `letters` letters.
  func startedAndStopped(_ arguments: [String], in folder: String, after count: Int) throws -> CLI.Running {
    let running = try CLI.start(arguments, in: folder)
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, letters(folder).count < count { usleep(5_000) }
    running.child.signal(SIGSTOP)
    return running
  }

  /// The register's issued entries: number, file and SHA-256.
  func issued(_ folder: String) throws -> [(number: String, path: String, sha256: String)] {
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try Row.fetchAll(db, sql: "SELECT number, path, sha256 FROM documents WHERE status = 'issued' ORDER BY number")
        .map { ($0["number"], $0["path"], $0["sha256"]) }
    }
  }

  func written(_ stdout: String) -> Int {
    Int(stdout.components(separatedBy: ": ").dropFirst().first?.components(separatedBy: " written").first ?? "") ?? -1
  }

  @Test func aSecondBatchIsRefusedWhileTheFirstRunsAndNoLetterIsReplaced() throws {
    let folder = try imported(1000)
    let first = try startedAndStopped(["batch"] + month, in: folder, after: 50)
    let second = try CLI.run(["batch", "--locale", "en"] + month, in: folder)
    first.child.signal(SIGCONT)
    let finished = first.wait()
    #expect(second.status == 2)
    #expect(
      second.stderr.hasPrefix(
        "Output/ardoc.sqlite: error: a batch for 2026-11 confirmation is running (pid \(first.child.pid), started 20"))
    #expect(second.stderr.hasSuffix(", writing to \(out)); wait for it to finish, then run this one\n"))
    #expect(finished.status == 0, "\(finished.stderr)")
    let entries = try issued(folder)
    #expect(written(finished.stdout) == entries.count)
    #expect(entries.count == letters(folder).count)
    for entry in entries {
      #expect(
        SHA256.hex(try FileBytes.read(folder + "/" + entry.path, limit: 1 << 20)) == entry.sha256, "\(entry.number)")
    }
    // Run again in English once it is done: nothing is written over.
    let again = try CLI.run(["batch", "--locale", "en"] + month, in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.hasPrefix("\(out): 0 written, \(entries.count) already issued this month,"))
    #expect(try issued(folder).map(\.sha256) == entries.map(\.sha256))
  }

  /// A reissue while a batch of the month runs rebuilds the month's outputs once that batch
  /// is done, rather than leaving them to it: the batch listed the letter the reissue replaced.
  @Test func aReissueDuringABatchRebuildsTheOutputsAfterIt() throws {
    let folder = try imported(1000)
    #expect(try CLI.run(["batch"] + month + ["--customers", "G00001"], in: folder).status == 0)
    let running = try startedAndStopped(["batch"] + month, in: folder, after: 50)
    DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { running.child.signal(SIGCONT) }
    let reissue = try CLI.run(
      ["confirm", "--customer", "G00001", "--as-of", "2026-11-30", "--reissue"], in: folder,
      environment: ["ARDOC_LOCK_TIMEOUT": "60"])
    let finished = running.wait()
    #expect(finished.status == 0, "\(finished.stderr)")
    #expect(reissue.status == 0, "\(reissue.stderr)")
    #expect(
      reissue.stdout.contains("\(out): manifest.csv, manifest.json and print.html rebuilt\n"), "\(reissue.stdout)")
    let manifest = try String(contentsOfFile: folder + "/" + out + "/manifest.csv", encoding: .utf8)
    let new = try #require(
      reissue.stdout.components(separatedBy: " supersedes ").first?.components(separatedBy: "\n").last)
    #expect(manifest.contains(new + ","), "\(new)")
    #expect(!manifest.contains("DZ-202611-0001,"))
  }

  /// Ctrl-C (SIGINT) stops a batch as the signal does (exit 130), saying what that leaves;
  /// running it again finishes the month.
  @Test func aBatchStoppedWithControlCSaysHowToFinish() throws {
    let folder = try imported(1000)
    let running = try CLI.start(["batch"] + month, in: folder)
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, letters(folder).count < 50 { usleep(5_000) }
    running.child.signal(SIGINT)
    let stopped = running.wait()
    #expect(stopped.status == 130)
    #expect(
      stopped.stderr.hasSuffix(
        "\nbatch: stopped; the letters recorded so far are issued, and the same command run again finishes the month without writing any twice\n"
      ), "\(stopped.stderr)")
    let again = try CLI.run(["batch"] + month, in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try issued(folder).count == letters(folder).count)
  }

  @Test func aBatchFinishesOnTheLedgerItStartedWithWhileAnImportCommits() throws {
    let folder = try imported(1000)
    let before = try digest(folder)
    let first = try startedAndStopped(["batch"] + month, in: folder, after: 50)
    try generatedLedger(1000).replacingOccurrences(of: "生成客户", with: "改名客户").write(
      toFile: folder + "/renamed.json", atomically: true, encoding: .utf8)
    let importing = try CLI.start(["import", "--ledger", "renamed.json"], in: folder)
    usleep(300_000)
    first.child.signal(SIGCONT)
    let finished = first.wait()
    let imported = importing.wait()
    #expect(finished.status == 0, "\(finished.stderr)")
    #expect(imported.status == 0, "\(imported.stderr)")
    let after = try digest(folder)
    #expect(after != before)
    // Every letter from the ledger the batch started with, and the manifest says which.
    let manifest = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + out + "/manifest.json")))
    let rows = try #require(manifest as? [[String: Any]])
    #expect(rows.count == letters(folder).count)
    #expect(Set(rows.compactMap { $0["ledger"] as? String }) == [before])
    let renamed = try letters(folder).filter { try FileBytes.text(folder + "/" + out + "/" + $0).contains("改名客户") }
    #expect(renamed == [])
    let versions = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT ledger FROM documents")
    }
    #expect(versions == [before])
  }

  func digest(_ folder: String) throws -> String {
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try String.fetchOne(db, sql: "SELECT digest FROM ledger_snapshot") ?? ""
    }
  }

  @Test func aRerunOfAFinishedMonthWithFailingCustomersTakesNoNumber() throws {
    let folder = try imported(300)
    // A user's template that leaves out the reply block (the counterparty seal) for two customers.
    let mine = folder + "/mine/zh-CN"
    try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
    let template = try FileBytes.text(CLI.root + "/Templates/zh-CN/confirmation.xhtml").replacingOccurrences(
      of: #"<div t:replace="partials/letter.xhtml :: reply-block()">回函部分</div>"#,
      with:
        #"<div t:if="customer.id != 'G00003'" t:remove="tag"><div t:if="customer.id != 'G00011'" t:remove="tag"><div t:replace="partials/letter.xhtml :: reply-block()">回函部分</div></div></div>"#
    )
    try template.write(toFile: mine + "/confirmation.xhtml", atomically: true, encoding: .utf8)
    let arguments = ["batch", "--templates", "mine"] + month
    let first = try CLI.run(arguments, in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let skipped = try FileBytes.text(folder + "/" + out + "/skipped.csv")
    #expect(skipped.contains("G00003,CNY,failed-validation,"))
    #expect(skipped.contains("failed validation: [seals] the counterparty seal block is missing"))
    #expect(skipped.contains("G00011,CNY,failed-validation,"))
    let numbers = try issued(folder).map(\.number)
    // Consecutive: the two failures took no number.
    #expect(numbers == (1...numbers.count).map { String(format: "DZ-202611-%04d", $0) })
    for _ in 0..<2 {
      let rerun = try CLI.run(arguments, in: folder)
      #expect(rerun.status == 0, "\(rerun.stderr)")
      #expect(rerun.stdout.hasPrefix("\(out): 0 written, \(numbers.count) already issued this month,"))
    }
    let register = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try String.fetchAll(db, sql: "SELECT status FROM documents")
    }
    #expect(register.count == numbers.count)
    #expect(Set(register) == ["issued"])
  }

  /// The import that ran away (a 70-million-character issuer address copied into every
  /// customer's slice): refused at once now, and the store as it was.
  @Test func aTenMegabyteIssuerAddressIsRefusedInSecondsAndTheStoreIsUnchanged() throws {
    let folder = try imported(50)
    let before = try FileBytes.read(folder + "/Output/ardoc.sqlite", limit: 1 << 30).count
    let huge = String(repeating: "路", count: 10 << 20 / 3)
    try generatedLedger(5000).replacingOccurrences(
      of: #""name": "上海澄明工业软件有限公司""#, with: #""name": "上海澄明工业软件有限公司", "address": "\#(huge)""#
    ).write(toFile: folder + "/huge.json", atomically: true, encoding: .utf8)
    let start = Date()
    let result = try CLI.run(["import", "--ledger", "huge.json"], in: folder)
    let seconds = Date().timeIntervalSince(start)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "huge.json:1:76: error: issuer.address: \((huge.utf8.count).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) bytes is over the 4,096-byte limit for a ledger text field; shorten it\n1 problem found; nothing was loaded.\n"
    )
    // Not a timing assertion (benchmarks measure speed): a bound that only a runaway breaks.
    #expect(seconds < 60, "\(seconds) s")
    #expect(try digest(folder) != "")
    #expect(try FileBytes.read(folder + "/Output/ardoc.sqlite", limit: 1 << 30).count == before)
  }
}

/// A run stopped after the register recorded that its reissues replaced letters, but before
/// it moved their files: the next run of the kind moves them, so no replaced letter stays
/// beside the ones that stand (to be printed or mailed from the folder).
@Suite struct StoppedReissueTests {
  @Test func theNextRunMovesWhatAStoppedReissueLeft() throws {
    let folder = try CLI.importedExample()
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"]
    #expect(try CLI.run(month, in: folder).status == 0)
    // What a reissue killed at that moment leaves: the letter superseded, its file in place.
    let path = "Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html"
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(sql: "UPDATE documents SET status = 'superseded' WHERE number = 'DZ-202611-0001'")
    }
    let rerun = try CLI.run(month, in: folder)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/" + path))
    #expect(
      FileManager.default.fileExists(
        atPath: folder + "/Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html"))
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(
      shown.contains("file: Output/2026-11/confirmation/superseded/DZ-202611-0001-confirmation-C001.html\n"), "\(shown)"
    )
  }
}

/// A reissue batch that stopped part-way is completed by running it again: the letters it
/// wrote stand, the rest are reissued; a reissue after it has been completed, or from another
/// ledger, reissues every letter again.
@Suite struct StoppedReissueRerunTests {
  let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"]

  func stopLastRun(_ folder: String) throws {
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(sql: "UPDATE runs SET state = 'running' WHERE id = (SELECT MAX(id) FROM runs)")
    }
  }

  @Test func runningTheReissueAgainCompletesIt() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(month, in: folder).status == 0)
    // What a reissue killed after two letters leaves (its run still marked running; its pid
    // holds no lock, so the next run takes it for stopped).
    #expect(try CLI.run(month + ["--reissue", "--customers", "C001,C003"], in: folder).status == 0)
    try stopLastRun(folder)
    let completed = try CLI.run(month + ["--reissue"], in: folder)
    #expect(completed.status == 0, "\(completed.stderr)")
    #expect(completed.stdout.hasPrefix("Output/2026-11/confirmation: 10 written, 2 already issued this month,"))
    // Completed: a reissue now is a new one.
    let again = try CLI.run(month + ["--reissue"], in: folder)
    #expect(again.stdout.hasPrefix("Output/2026-11/confirmation: 12 written, 0 already issued this month,"))
  }

  @Test func aReissueFromAnotherLedgerReissuesWhatTheStoppedRunWrote() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(month, in: folder).status == 0)
    #expect(try CLI.run(month + ["--reissue", "--customers", "C001,C003"], in: folder).status == 0)
    try stopLastRun(folder)
    let ledger = try String(contentsOfFile: CLI.root + "/Examples/ledger.json", encoding: .utf8)
    let changed = ledger.replacingOccurrences(of: "上海澄明工业软件有限公司", with: "上海澄明工业软件股份有限公司")
    #expect(changed != ledger)
    try changed.write(toFile: folder + "/changed.json", atomically: true, encoding: .utf8)
    #expect(try CLI.run(["import", "--ledger", "changed.json"], in: folder).status == 0)
    let reissued = try CLI.run(month + ["--reissue"], in: folder)
    #expect(reissued.stdout.hasPrefix("Output/2026-11/confirmation: 12 written, 0 already issued this month,"))
  }
}

/// A reply to a letter whose reissue is being written is refused: the reissue found no reply
/// when it took its number, and would supersede the letter, reply and all, a moment later.
/// Once that run has stopped, its reservation gives way: it is voided, the reply recorded.
@Suite struct ReplyDuringReissueTests {
  @Test func aReplyWaitsForTheReissueBeingWrittenNotForAStoppedOne() throws {
    let folder = try CLI.importedExample()
    #expect(
      try CLI.run(["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--customers", "C001"], in: folder)
        .status == 0)
    // What a reissue holds while it writes: its number reserved by its run, superseding the letter.
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(
        sql: """
          INSERT INTO runs (id, pid, started_at, kind, month, folder, batch, locale, force, templates, state)
          VALUES (999, 1, 'x', 'confirmation', '2026-11', 'Output/2026-11/confirmation', 0, 'zh-CN', 0, '', 'running');
          INSERT INTO documents (number, kind, customer, document_date, as_of, currency, amount, status, created_at, supersedes, run)
          VALUES ('DZ-202611-0002', 'confirmation', 'C001', '2026-11-30', '2026-11-30', 'CNY', '380000.00', 'reserved', 'x', 'DZ-202611-0001', 999)
          """)
    }
    // The run is alive while its byte of the run lock file is held (an open-file-description
    // lock). Close-on-exec: a process another test starts meanwhile would inherit the
    // descriptor, and with it the lock, past the close below.
    let descriptor = open(folder + "/Output/ardoc.sqlite-runs.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    var lock = flock()
    lock.l_type = Int16(F_WRLCK)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = 999
    lock.l_len = 1
    #expect(fcntl(descriptor, 37, &lock) == 0)
    let reply = ["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03"]
    let refused = try CLI.run(reply, in: folder)
    #expect(refused.status == 2)
    #expect(
      refused.stderr
        == "error: DZ-202611-0001 is being replaced by a reissue (DZ-202611-0002 is being written); nothing was recorded: wait until that run finishes, then record the reply to the letter that stands\n"
    )
    close(descriptor)
    let recorded = try CLI.run(reply, in: folder)
    #expect(recorded.status == 0, "\(recorded.stderr)")
    #expect(try CLI.run(["register", "show", "DZ-202611-0002"], in: folder).stdout.contains("status: void\n"))
  }
}

/// A number a stopped run left reserved for a letter the ledger no longer gives (the customer
/// left it after a new import) is voided by the next run over every customer, with a warning;
/// a run over some customers leaves it, since a later full run may still write it.
@Suite struct AbandonedReservationTests {
  @Test func theNextFullRunVoidsWhatAStoppedRunLeftReserved() throws {
    let folder = try CLI.importedExample()
    try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").write { db in
      try db.execute(
        sql: """
          INSERT INTO runs (id, pid, started_at, kind, month, folder, batch, locale, force, templates, state)
          VALUES (999, 1, 'x', 'confirmation', '2026-11', 'Output/2026-11/confirmation', 1, 'zh-CN', 0, '', 'running');
          INSERT INTO documents (number, kind, customer, document_date, as_of, currency, amount, status, created_at, run)
          VALUES ('DZ-202611-0001', 'confirmation', 'C099', '2026-11-30', '2026-11-30', 'CNY', '1000.00', 'reserved', 'x', 999)
          """)
    }
    let month = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30"]
    let some = try CLI.run(month + ["--customers", "C001"], in: folder)
    #expect(some.status == 0, "\(some.stderr)")
    #expect(try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout.contains("status: reserved\n"))
    let all = try CLI.run(month, in: folder)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(
      all.stdout.contains(
        "warning DZ-202611-0001: was left reserved by a stopped run, and the ledger no longer gives C099 this letter; the number is void\n"
      ), "\(all.stdout)")
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.contains("status: void\n"), "\(shown)")
  }
}
