import ArgumentParser
import Basics
import Ledger
import LedgerStore
import Vocabulary
import Workflows

struct RegisterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register",
    abstract: "The register of issued documents.",
    subcommands: [List.self, Show.self, Reserve.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List register entries.")

    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?
    @Option(name: .long, help: "Only this customer.")
    var customer: String?
    @Option(name: .long, help: "Only this kind.")
    var kind: Choice<DocumentKind>?
    @Option(name: .long, help: "How the list is printed.")
    var format: Choice<ReportFormat> = Choice(.table)

    func run() throws {
      let only = try kind?.value("--kind")
      let chosen = try format.value("--format")
      do {
        let store = try LedgerStore.existing(Inputs.storePath(db))
        let entries = try store.entries(customer: customer, kind: only)
        // An empty list for a customer reads as "nothing written"; an id in another case is
        // more likely (ids are case-sensitive).
        if entries.isEmpty, let customer {
          let near = try store.entries(kind: only).map(\.customer).first { $0.lowercased() == customer.lowercased() }
          Console.writeError(
            "note: the register holds no \(only.map { "\($0.rawValue) " } ?? "")document for customer '\(customer)'"
              + (near.map { " (ids are case-sensitive: did you mean '\($0)'?)" } ?? ""))
        }
        Console.writeOut(Array(RegisterListing.render(entries, format: chosen).utf8))
      } catch {
        throw Console.fail(error.description)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "One register entry in full: its file's SHA-256, what it supersedes, the validator's findings.")

    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?
    @Argument(help: "The document number, e.g. DZ-202611-0001.")
    var number: String

    func run() throws {
      let found: RegisterEntry?
      let replies: [Reply]
      do {
        let store = try LedgerStore.existing(Inputs.storePath(db))
        found = try store.entry(number)
        replies = try store.replyHistory(letter: number)
      } catch {
        throw Console.fail(error.description)
      }
      guard let entry = found else {
        throw Console.fail(
          "error: \(number) is not in the register of \(Inputs.storePath(db)); see 'ardoc register list'")
      }
      // What a second notice asks about again, or a statement answers: the letter it names.
      var letter = DocumentMeta.letter(of: entry).map { "letter: \($0)\n" } ?? ""
      if letter.isEmpty, entry.kind == .reconciliation || entry.detail == ConfirmationDetail.secondNotice.rawValue {
        letter = "letter: not known (\(entry.path ?? "its file") cannot be read here, or names none)\n"
      }
      print(RegisterCommand.describe(entry) + letter + RegisterCommand.describe(replies), terminator: "")
    }
  }

  /// An entry as `name: value` lines; the findings, one per line, indented.
  static func describe(_ entry: RegisterEntry) -> String {
    var lines: [(String, String)] = [
      ("number", entry.number), ("kind", entry.kind.rawValue), ("customer", entry.customer),
      ("date", entry.documentDate.iso), ("as of", entry.asOf.iso), ("currency", entry.currency),
      ("amount", entry.amount.formatted(in: entry.currency)), ("status", entry.status.rawValue),
    ]
    if let detail = entry.detail { lines.append(("detail", detail)) }
    if let path = entry.path { lines.append(("file", path)) }
    if let sha = entry.sha256 { lines.append(("sha256", sha)) }
    if let supersedes = entry.supersedes { lines.append(("supersedes", supersedes)) }
    if let run = entry.run { lines.append(("run", String(run))) }
    if let ledger = entry.ledger { lines.append(("ledger", ledger)) }
    var out = lines.map { "\($0.0): \($0.1)\n" }.joined()
    if let findings = entry.findings, !findings.isEmpty {
      out += "findings:\n" + findings.split(separator: "\n").map { "  \($0)\n" }.joined()
    }
    return out
  }

  /// A confirmation letter's replies, oldest first, the one in force marked: `replies:` then
  /// one indented block each; nothing for a document without any.
  static func describe(_ replies: [Reply]) -> String {
    guard !replies.isEmpty else { return "" }
    var out = "replies:\n"
    for reply in replies {
      var state = reply.state.rawValue
      if let ended = reply.endedAt { state += " \(ended)" }
      out += "  \(ReplyCommand.describe(reply).replacingOccurrences(of: "\n", with: "\n    "))\n"
      out += "    recorded \(reply.recordedAt); \(state)\n"
      for item in reply.items {
        out +=
          "    item: \(item.kind.rawValue) \(item.reference) \(item.amount.formatted(places: 2))\(item.note.isEmpty ? "" : " (\(item.note))")\n"
      }
      if let note = reply.note { out += "    note: \(note)\n" }
    }
    return out
  }

  struct Reserve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reserve",
      abstract: "Take document numbers for documents written by hand; they are never given again.")

    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?
    @Option(name: .long, help: "The kind of document the numbers are for.")
    var kind: Choice<DocumentKind>
    @Option(name: .long, help: "How many numbers.")
    var count: Int = 1
    @Option(name: .long, help: "The document date, YYYY-MM-DD (default: today).")
    var date: String?
    @Option(name: .long, help: "The customer the documents are for.")
    var customer: String = ""
    @Option(name: .long, help: "A policy file with the numbering patterns.")
    var policy: String?

    func run() throws {
      let kind = try self.kind.value("--kind")
      let day = try parseDate(date, option: "--date")
      let rules: Policy
      do {
        rules = try Inputs.policy(policy)
      } catch {
        throw Console.fail(error.description)
      }
      guard let pattern = rules.numbering[kind] else {
        throw Console.fail(
          "error: --kind '\(kind.rawValue)' has no numbering pattern; add one to the policy's numbering"
        )
      }
      guard (1...10_000).contains(count) else { throw Console.fail("error: --count must be from 1 to 10000") }
      do {
        let store = try LedgerStore(path: Inputs.storePath(db))
        for _ in 0..<count {
          let number = try store.reserve(
            RegisterEntry(
              number: "", kind: kind, customer: customer, documentDate: day, asOf: day, currency: "", amount: .zero),
            pattern: pattern)
          // The document is written by hand: the number is issued as soon as it is taken.
          try store.complete(number: number, status: .issued, sha256: nil, path: nil)
          print(number)
        }
      } catch {
        throw Console.fail(error.description)
      }
    }
  }
}
