import ArgumentParser
import Basics
import Ledger
import LedgerStore
import Validation
import Workflows

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check documents: payment owner, seals, figures, metadata, wording, leftovers.",
    discussion:
      "Folders are searched for .html, .xhtml and .htm files. Exit status: 0 all valid, 1 any invalid, 2 unreadable input."
  )

  @Argument(help: "Documents or folders.")
  var paths: [String]

  @Option(name: .long, help: "Cross-check owner and balance against this ledger (.json, CSV folder or .sqlite).")
  var ledger: String?

  @Flag(
    name: .long,
    help: "Also check that each document is, byte for byte, the file the register issued under its number (SHA-256).")
  var register = false

  @Option(
    name: .long, help: "The SQLite store whose register --register reads (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?

  @Option(name: .long, help: "A policy file (forbidden words); default: the documented defaults.")
  var policy: String?

  @Option(
    name: .long,
    help: "Refuse a ledger file or CSV folder larger than this: bytes, or with K, M or G, e.g. 2G (default: 512M).")
  var maxLedgerSize: String?

  @Option(name: .long, help: "How the findings are printed.")
  var format: Choice<TextOrJSON> = Choice(.text)

  func run() throws {
    if db != nil && !register {
      throw Console.fail("error: --db goes with --register (the store whose register the documents are held to)")
    }
    let chosenFormat = try format.value("--format")
    let limit: Int
    do {
      limit = try Inputs.ledgerSize(maxLedgerSize)
    } catch {
      throw Console.fail(error.description)
    }
    let rules: Policy
    var loaded: Ledger?
    do {
      rules = try Inputs.policy(policy)
      if let ledger {
        let source = LedgerSource(ledger: ledger, store: Inputs.storePath(nil))
        loaded = try source.wholeLedger(maxBytes: limit)
        for note in source.readingNotes(ledger: loaded) { Console.writeError(note) }
      }
    } catch {
      throw Console.fail(error.description)
    }
    var store: LedgerStore?
    if register {
      do {
        store = try LedgerStore.existing(Inputs.storePath(db))
      } catch {
        throw Console.fail(error.description)
      }
    }
    let outcome = ValidationRun.run(paths, validator: Validator(policy: rules, ledger: loaded), register: store)
    if chosenFormat == .json {
      Console.writeOut(Array(ValidationRun.json(outcome).utf8))
    } else {
      Console.writeOut(Array(outcome.reports.map(\.text).joined().utf8))
      Console.writeOut(Array(outcome.skipped.map { "\($0.file): skipped, \($0.reason)\n" }.joined().utf8))
      let invalid = outcome.reports.filter { !$0.valid }.count
      let skipped = outcome.skipped.isEmpty ? "" : ", \(outcome.skipped.count) skipped"
      Console.writeOut(Array("\(outcome.reports.count) document(s), \(invalid) invalid\(skipped).\n".utf8))
    }
    for path in outcome.unreadable {
      Console.writeError("error: \(path): \(outcome.reasons[path] ?? "cannot be read (missing or not a file)")")
    }
    if !outcome.unreadable.isEmpty { throw ExitCode(2) }
    if !outcome.allValid { throw ExitCode(1) }
  }
}
