import ArgumentParser
import Basics
import Ledger
import LedgerStore
import Vocabulary
import Workflows

/// Options shared by the commands that read a ledger.
struct LedgerOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "The ledger: a .json file, a folder of CSV files, or an ardoc .sqlite store (default: the store).")
  var ledger: String?

  @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?

  /// The store this command uses (see ``Inputs/storePath(_:)``).
  var store: String { Inputs.storePath(db) }

  /// Where the ledger comes from (see ``Workflows/LedgerSource``).
  var source: LedgerSource { LedgerSource(ledger: ledger, store: store) }

  @Option(name: .long, help: "Text encoding of CSV files: utf-8 or gb18030 (default: detected per file).")
  var encoding: String?

  @Option(name: .long, help: "A policy file (ardoc-policy/1); default: the documented defaults.")
  var policy: String?

  @Option(
    name: .long,
    help: "Refuse a ledger file or CSV folder larger than this: bytes, or with K, M or G, e.g. 2G (default: 512M).")
  var maxLedgerSize: String?

  /// The whole ledger; its reading notes go to standard error.
  func load() throws -> Ledger {
    let ledger = try read()
    tellReadingNotes(ledger)
    return ledger
  }

  /// The whole ledger, without its reading notes (the import prints them in its report).
  func read() throws -> Ledger {
    let chosen = try chosenEncoding()
    let limit = try maxBytes()
    do {
      return try source.wholeLedger(encoding: chosen, maxBytes: limit)
    } catch {
      throw Console.fail(error.description)
    }
  }

  /// Says on standard error what reading a ledger file or folder found that is not an error
  /// (a folder without `payments.csv`, see ``Workflows/LedgerSource/readingNotes(encoding:ledger:)``),
  /// so that standard output stays the command's own (an aging report piped as CSV).
  func tellReadingNotes(_ ledger: Ledger?) {
    for note in source.readingNotes(encoding: try? chosenEncoding(), ledger: ledger) { Console.writeError(note) }
  }

  /// The `--max-ledger-size` limit in bytes.
  func maxBytes() throws -> Int {
    do {
      return try Inputs.ledgerSize(maxLedgerSize)
    } catch {
      throw Console.fail(error.description)
    }
  }

  func chosenEncoding() throws -> TextEncoding? {
    guard let encoding else { return nil }
    guard let known = TextEncoding(rawValue: encoding.lowercased()) else {
      throw Console.fail("error: --encoding '\(encoding)' is not utf-8 or gb18030")
    }
    return known
  }

  func loadPolicy() throws -> Policy {
    do {
      return try Inputs.policy(policy)
    } catch {
      throw Console.fail(error.description)
    }
  }
}

/// The template folders, the user's first; a missing one is an error.
func templateRoots(_ user: [String]) throws -> [String] {
  do {
    return try Inputs.templateRoots(user: user)
  } catch {
    throw Console.fail(error.description)
  }
}

func parseDate(_ text: String?, option: String) throws -> CivilDate {
  do {
    return try Inputs.date(text, option: option)
  } catch {
    throw Console.fail(error.description)
  }
}

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Check a ledger and load it into the store, replacing the previous one.",
    discussion:
      "Nothing is loaded when the ledger has any problem; all problems are listed. Exit status 2 on bad input.")

  @Option(name: .long, help: "A .json ledger or a folder of CSV files.")
  var ledger: String

  @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?

  @Option(name: .long, help: "Text encoding of CSV files: utf-8 or gb18030 (default: detected per file).")
  var encoding: String?

  @Option(
    name: .long,
    help: "Refuse a ledger file or CSV folder larger than this: bytes, or with K, M or G, e.g. 2G (default: 512M).")
  var maxLedgerSize: String?

  func run() throws {
    let db = Inputs.storePath(self.db)
    // Values joined with '=': a separate value starting with '-' ('-1') reads as an option.
    let options = try LedgerOptions.parse(
      ["--ledger=\(ledger)", "--db=\(db)"] + (encoding.map { ["--encoding=\($0)"] } ?? [])
        + (maxLedgerSize.map { ["--max-ledger-size=\($0)"] } ?? []))
    let loaded = try options.read()
    let chosen = try options.chosenEncoding()
    do {
      let store = try LedgerStore(path: db)
      let summary = try store.importLedger(loaded, source: ledger)
      print(
        "Imported \(summary.customers) customers, \(summary.contracts) contracts, \(summary.invoices) invoices, "
          + "\(summary.payments) payments and \(summary.credits) credit notes from \(ledger) into \(db).")
      // A ledger without payments or credit notes states balances before them, which a missed
      // export also gives: say so, here with the import's own report.
      for note in options.source.readingNotes(encoding: chosen, ledger: loaded) { print(note) }
    } catch {
      throw Console.fail(error.description)
    }
  }
}

struct AgingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aging", abstract: "Open amounts per customer and currency by days overdue.")

  @OptionGroup var options: LedgerOptions

  @Option(name: .long, help: "The as-of date, YYYY-MM-DD (default: today).")
  var asOf: String?

  @Option(name: .long, help: "How the report is printed.")
  var format: Choice<ReportFormat> = Choice(.table)

  func run() throws {
    let chosen = try format.value("--format")
    let date = try parseDate(asOf, option: "--as-of")
    let ledger = try options.load()
    let policy = try options.loadPolicy()
    do {
      let lines = try Receivables(ledger, asOf: date).aging(policy)
      Console.writeOut(
        Array(try AgingReport.render(lines, ledger: ledger, asOf: date, policy: policy, format: chosen).utf8))
    } catch {
      throw Console.fail("error: the ledger's figures are too large to add up exactly (\(error)); check its amounts")
    }
  }
}

struct PreflightCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preflight",
    abstract: "Check that each customer is ready to be asked for payment.",
    discussion: "Exit status: 0 every customer ready, 1 some customer is not, 2 bad input.")

  @OptionGroup var options: LedgerOptions

  @Option(name: .long, help: "Only this customer.")
  var customer: String?

  @Option(name: .long, help: "The as-of date, YYYY-MM-DD (default: today).")
  var asOf: String?

  @Option(name: .long, help: "How the checklist is printed.")
  var format: Choice<TableOrJSON> = Choice(.table)

  func run() throws {
    let chosenFormat = try format.value("--format")
    let date = try parseDate(asOf, option: "--as-of")
    let ledger = try options.load()
    if let customer, ledger.customer(customer) == nil {
      throw Console.fail("error: --customer '\(customer)' is not in the ledger")
    }
    // The register's replies, where the store exists: a dispute makes a customer not ready,
    // and its entries say how the dispute ends.
    var replies: [Reply] = []
    var history: [RegisterEntry] = []
    if FileBytes.exists(options.store) {
      do throws(StoreError) {
        let store = try LedgerStore.existing(options.store)
        replies = try store.repliesInForce(customer: customer)
        if !replies.isEmpty { history = try store.entries(customer: customer) }
      } catch {
        throw Console.fail(error.description)
      }
    }
    let report = Preflight(ledger: ledger, asOf: date, only: customer, replies: replies, history: history)
    Console.writeOut(Array((chosenFormat == .json ? report.renderJSON() : report.renderTable()).utf8))
    if !report.allReady { throw ExitCode(1) }
  }
}
