import ArgumentParser
import Basics
import Foundation
import Ledger
import LedgerStore
import Letters
import Synchronization
import Vocabulary
import Workflows

struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Write every customer's confirmation or dunning letter for the month.",
    discussion: """
      Documents, manifest.csv, manifest.json and print.html go to OUT/<yyyy-mm>/<kind>/. Running the \
      same month and kind again issues nothing twice; an interrupted run is completed by running it again.
      """)

  @Option(name: .long, help: "The letters to write.")
  var kind: Choice<BatchKind>

  @OptionGroup var ledgerOptions: LedgerOptions

  @Option(name: .long, help: "The as-of date, YYYY-MM-DD (default: today).")
  var asOf: String?

  @Option(name: .long, help: "The documents' date (default: the as-of date).")
  var date: String?

  @Option(name: .long, help: "Only these customers, comma-separated.")
  var customers: String?

  @Option(name: .long, help: "Parallel jobs (default: all cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @OptionGroup var output: OutputFlags

  @Flag(name: .long, help: "Issue again documents already issued this month; the new ones supersede them.")
  var reissue = false

  @Flag(
    name: .long,
    help:
      "With --kind confirmation: a second notice (再次询证) for each of the month's letters without a reply, into OUT/<yyyy-mm>/confirmation/second-notice/."
  )
  var resend = false

  // Unconditional: '--older-than -1' reaches the range check rather than reading as an option.
  @Option(
    name: .long, parsing: .unconditional,
    help: "With --resend: only letters sent more than this many days before (default: the policy's replyDays).")
  var olderThan: Int?

  func run() throws {
    let chosen = try kind.value("--kind").kind
    if resend || olderThan != nil {
      guard resend, chosen == .confirmation, !reissue else {
        throw Console.fail(
          resend
            ? "error: --resend sends second notices of confirmation letters; use it with --kind confirmation and without --reissue"
            : "error: --older-than goes with --resend")
      }
      return try sendSecondNotices()
    }
    let outputOptions = try output.options()
    let roots = try templateRoots(output.templates)
    guard jobs >= 1 else { throw Console.fail("error: --jobs must be at least 1") }
    // As many malloc arenas as workers (two at least: one worker still hands letters to the
    // finisher): with glibc's default each stage's thread keeps a chunk's pages in its own.
    // Measured at 10,000 customers: 94 against 103 MiB, the same seconds; three or four
    // arenas on two cores keep most of the difference.
    MallocArenas.limit(to: max(jobs, 2))
    let asOfDate = try parseDate(asOf, option: "--as-of")
    let documentDate = try date.map { text throws in try parseDate(text, option: "--date") } ?? asOfDate
    let policy = try ledgerOptions.loadPolicy()
    let templates = Batch.compilingAhead(templateRoots: roots, kind: chosen, locale: output.locale.text)
    do {
      let (source, store, notes) = try ledgerOptions.source.batchSource(
        register: ledgerOptions.store, encoding: try ledgerOptions.chosenEncoding(),
        maxBytes: try ledgerOptions.maxBytes())
      for note in notes { Console.writeError(note) }
      let batch = Batch(source: source, policy: policy, store: store, templates: templates)
      let options = BatchOptions(
        kind: chosen, asOf: asOfDate, date: documentDate, locale: output.locale.text,
        customers: customers.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
        jobs: jobs, output: outputOptions, reissue: reissue)
      Interruption.say(
        "\nbatch: stopped; the letters recorded so far are issued, and the same command run again finishes the month without writing any twice\n"
      )
      let result = try batch.run(options, progress: TerminalProgress())
      print(
        "\(result.folder): \(result.issuedNow) written, \(result.alreadyIssued) already issued this month, \(result.skipped.count) skipped."
      )
      if let note = result.accountsNote { print(note) }
      if let note = result.listingNote { print(note) }
      print("\(result.folder)/manifest.csv")
      print("\(result.folder)/manifest.json")
      print("\(result.folder)/print.html")
      if !result.skipped.isEmpty && options.customers == nil { print("\(result.folder)/\(BatchSkip.fileName)") }
      for (new, old) in result.superseded { print("\(new) supersedes \(old)") }
      for (page, pdf) in result.printFiles {
        print(page)
        if let pdf { print(result.pdfsPrinted.contains(pdf) ? pdf : "\(pdf) (unchanged)") }
      }
      if !result.skipped.isEmpty {
        if options.customers == nil {
          print("\(BatchSkip.summary(result.skipped)); see \(result.folder)/\(BatchSkip.fileName)")
        } else {
          // A --customers run leaves the month's skipped.csv alone: its few are listed here,
          // each with the file's fix.
          print(BatchSkip.summary(result.skipped))
          for skip in result.skipped {
            print("skipped \(skip.label): \(skip.reason.rawValue): \(skip.message); \(skip.fix)")
          }
        }
      }
      for (number, message) in result.warnings { print("warning \(number): \(message)") }
    } catch let error as GenerateError {
      throw Console.fail(error.description)
    } catch let error as StoreError {
      throw Console.fail(error.description)
    } catch let error as LedgerError {
      throw Console.fail(error.description)
    }
  }
}

extension BatchCommand {
  /// `--resend`: second notices for the month's confirmation letters without a reply.
  func sendSecondNotices() throws {
    let asOfDate = try parseDate(asOf, option: "--as-of")
    // A second notice is dated when it is sent, not at the figures' date.
    let noticeDate = try parseDate(date, option: "--date")
    if let olderThan, olderThan < 0 { throw Console.fail("error: --older-than must be 0 or more days") }
    let outputOptions = try output.options()
    let roots = try templateRoots(output.templates)
    let policy = try ledgerOptions.loadPolicy()
    let month = DocumentPath.month(asOfDate)
    do {
      let store = try LedgerStore.existing(ledgerOptions.store)
      let notices = SecondNotices(
        desk: DocumentDesk(
          source: ledgerOptions.source, storePath: ledgerOptions.store, policy: policy, templateRoots: roots,
          encoding: try ledgerOptions.chosenEncoding(), maxBytes: try ledgerOptions.maxBytes()),
        store: store)
      let outcome = try notices.send(
        month: month, date: noticeDate, olderThan: olderThan,
        customers: customers.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
        locale: output.locale.text, output: outputOptions)
      for document in outcome.written {
        print(document.path)
        if let pdf = document.pdfPath { print(pdf) }
      }
      print(
        "\(DocumentPath.folder(output.out, month: month, kind: .confirmation))/\(DocumentPath.secondNoticeFolder): \(outcome.written.count) second notice(s) written, \(outcome.alreadySent.count) already sent, \(outcome.refused.count) refused."
      )
      if outcome.waiting > 0 {
        let days = olderThan ?? policy.replyDays
        print(
          "\(outcome.waiting) letter\(outcome.waiting == 1 ? "" : "s") without a reply \(outcome.waiting == 1 ? "was" : "were") sent \(days) days or less before \(noticeDate.iso): not due a second notice yet (see 'ardoc replies --month \(month)')"
        )
      }
      for (letter, notice) in outcome.alreadySent { print("\(letter): second notice \(notice) already sent") }
      for (letter, message) in outcome.refused { Console.writeError("\(letter): \(message)") }
    } catch let error as GenerateError {
      throw Console.fail(error.description)
    } catch let error as StoreError {
      throw Console.fail(error.description)
    }
  }
}

/// A progress bar on a terminal (count, rate, time left); plain log lines otherwise.
final class TerminalProgress: BatchProgress, Sendable {
  let start = ContinuousClock.now
  let isTerminal = isatty(2) == 1

  func started(total: Int) {
    if !isTerminal { Console.writeError("batch: \(total) customers") }
  }

  func advanced(done: Int, total: Int) {
    let elapsed = ContinuousClock.now - start
    let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 0.001)
    let rate = Double(done) / seconds
    let left = rate > 0 ? Double(total - done) / rate : 0
    if isTerminal {
      let width = 30
      let filled = total == 0 ? width : width * done / total
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      let text =
        "\r[\(bar)] \(done)/\(total)  \(Int(rate.rounded()))/s  \(Int(left) / 60):\((Int(left) % 60).zeroPadded(to: 2)) left "
      Console.write(Array(text.utf8), to: 2)
    } else {
      Console.writeError("batch: \(done)/\(total) customers, \(Int(rate.rounded()))/s")
    }
  }

  func finished(done: Int, total: Int) {
    if isTerminal { Console.write(Array("\n".utf8), to: 2) }
  }

  func printed(done: Int, total: Int) {
    if isTerminal {
      Console.write(Array("\rpdf: \(done)/\(total) print files\(done == total ? "\n" : "")".utf8), to: 2)
    } else if done > 0 {
      Console.writeError("pdf: \(done)/\(total) print files")
    } else {
      Console.writeError("pdf: printing \(total) print file(s)")
    }
  }
}
