import ArgumentParser
import Basics
import Ledger
import LedgerStore
import Letters
import Vocabulary
import Workflows

struct ReplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reply",
    abstract:
      "Record the customer's reply to a confirmation letter: stamped as agreed, or disputed with their balance.",
    discussion: """
      Examples:
        ardoc reply DZ-202611-0001 --agreed --received 2026-12-08 --evidence scan.pdf
        ardoc reply DZ-202611-0001 --disputed --received 2026-12-09 --their-balance 96000.00 --differences d.csv
        ardoc reply DZ-202611-0001 --withdraw

      A differences file has the columns type,reference,amount,note. Each amount is the part of their balance \
      minus ours that the item accounts for, negative where their books show less. Write a negative balance \
      as --their-balance=-5000.00. A second notice's number stands for its letter. Today is the date in UTC+8.
      """)

  @Argument(help: "The confirmation letter's number, e.g. DZ-202611-0001.")
  var number: String
  @Flag(name: .long, help: "The customer stamped the letter as agreed (信息证明无误).")
  var agreed = false
  @Flag(name: .long, help: "The customer's books show another balance (信息不符).")
  var disputed = false
  @Flag(name: .long, help: "Withdraw the reply in force, recorded by mistake (it stays in the history).")
  var withdraw = false
  @Option(name: .long, help: "The day the reply arrived, YYYY-MM-DD (not before the letter, not after today).")
  var received: String?
  @Option(name: .long, help: "Who signed the reply for the customer.")
  var signedBy: String?
  @Option(name: .long, help: "With --disputed: the balance the customer's books show, e.g. 96000.00.")
  var theirBalance: String?
  @Option(name: .long, help: "With --disputed: a CSV file of reconciling items (type,reference,amount,note).")
  var differences: String?
  @Option(name: .long, help: "Text encoding of the differences file: utf-8 or gb18030 (default: detected).")
  var encoding: String?
  @Option(name: .long, help: "A note kept with the reply.")
  var note: String?
  @Option(name: .long, help: "A scan of the reply (PDF, JPEG or PNG, at most 20 MiB), copied beside the letter.")
  var evidence: String?
  @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?

  func run() throws {
    let answers = [agreed, disputed, withdraw].filter { $0 }.count
    guard answers == 1 else {
      throw Console.fail(
        answers == 0
          ? "error: say what the customer answered: --agreed, --disputed, or --withdraw to take back a reply"
          : "error: give one of --agreed, --disputed and --withdraw")
    }
    let store: LedgerStore
    do {
      store = try LedgerStore.existing(Inputs.storePath(db))
    } catch {
      throw Console.fail(error.description)
    }
    let service = ReplyService(store: store)
    if withdraw {
      let given = [received, signedBy, theirBalance, differences, note, evidence].compactMap { $0 }
      guard given.isEmpty else {
        throw Console.fail("error: --withdraw takes no other option; it only takes a reply back")
      }
      do {
        let withdrawn = try service.withdraw(number)
        print(
          "\(withdrawn.letter): the \(withdrawn.answer.rawValue) reply received \(withdrawn.receivedOn.iso) is withdrawn; the letter is pending again"
        )
      } catch {
        throw Console.fail(error.description)
      }
      return
    }
    guard let received else {
      throw Console.fail("error: --received is required: the day the reply arrived, YYYY-MM-DD")
    }
    let day = try parseDate(received, option: "--received")
    var chosenEncoding: TextEncoding?
    if let encoding {
      guard let known = TextEncoding(rawValue: encoding.lowercased()) else {
        throw Console.fail("error: --encoding '\(encoding)' is not utf-8 or gb18030")
      }
      chosenEncoding = known
    }
    let request = ReplyRequest(
      letter: number, answer: agreed ? .agreed : .disputed, receivedOn: day, signedBy: signedBy,
      theirBalance: theirBalance, differences: differences, encoding: chosenEncoding, note: note, evidence: evidence)
    do {
      let recorded = try service.record(request)
      if let via = recorded.via {
        print(
          via.kind == .reconciliation
            ? "\(via.number) is the reconciliation statement of \(recorded.reply.letter); its stamp is recorded as the customer's agreement to that letter"
            : "\(via.number) is a second notice of \(recorded.reply.letter); the reply is recorded for that letter")
      }
      print(ReplyCommand.describe(recorded.reply))
      if let old = recorded.replaced {
        print("supersedes the \(old.answer.rawValue) reply received \(old.receivedOn.iso)")
      }
      for note in recorded.notes { Console.writeError(note) }
    } catch {
      throw Console.fail(error.description)
    }
  }

  /// A reply in a line or two: what was answered, when, and for a dispute the figures.
  static func describe(_ reply: Reply) -> String {
    var text = "\(reply.letter): \(reply.answer.rawValue), received \(reply.receivedOn.iso)"
    if let signer = reply.signedBy { text += ", signed by \(signer)" }
    if reply.answer == .agreed {
      text += "; acknowledges \(reply.ourBalance.formatted(in: reply.currency)) \(reply.currency)"
      if !reply.invoices.isEmpty { text += " (invoices \(reply.invoices.joined(separator: ", ")))" }
    }
    if let theirs = reply.theirBalance {
      text +=
        ": their balance \(theirs.formatted(in: reply.currency)), ours \(reply.ourBalance.formatted(in: reply.currency)) \(reply.currency)"
      text += "; \(reply.items.count) reconciling item\(reply.items.count == 1 ? "" : "s")"
      text += ", unexplained \((reply.unexplained ?? .zero).formatted(in: reply.currency))"
    }
    if let evidence = reply.evidence {
      text += "\nevidence: \(evidence) (sha256 \(reply.evidenceSHA256 ?? ""))"
    }
    return text
  }
}

struct RepliesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replies",
    abstract: "Confirmation letters and their replies: pending, agreed or disputed; whom to call for the pending ones.")

  @Option(name: .long, help: "Only letters of this as-of month, YYYY-MM.")
  var month: String?
  @Option(name: .long, help: "Only this customer's letters.")
  var customer: String?
  @Option(name: .long, help: "Only letters with this reply status.")
  var status: Choice<ReplyStatus>?
  @Flag(name: .long, help: "Only letters without a reply in force (the same as --status pending).")
  var pending = false
  // Unconditional: '--older-than -1' reaches the range check rather than reading as an option.
  @Option(name: .long, parsing: .unconditional, help: "Only letters sent more than this many days ago.")
  var olderThan: Int?
  @Option(name: .long, help: "How to print the listing.")
  var format: Choice<ReportFormat> = Choice(.table)
  @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?

  func run() throws {
    let chosen = try format.value("--format")
    var wanted = try status?.value("--status")
    if pending {
      if let wanted, wanted != .pending {
        throw Console.fail("error: --pending and --status \(wanted.rawValue) ask for different letters; give one")
      }
      wanted = .pending
    }
    if let month, !(month.count == 7 && (try? CivilDate(iso: month + "-01")) != nil) {
      throw Console.fail("error: --month '\(month)' is not a month; write it as YYYY-MM, e.g. 2026-11")
    }
    if let olderThan, olderThan < 0 { throw Console.fail("error: --older-than must be 0 or more days") }
    do {
      let store = try LedgerStore.existing(Inputs.storePath(db))
      // A customer the register has no document of is most likely a mistyped id: an empty
      // list would say they have no letter to chase.
      if let customer, try store.entries(customer: customer).isEmpty {
        throw Console.fail(
          "error: --customer '\(customer)' has no document in the register of \(store.path); check the id with 'ardoc register list'"
        )
      }
      let rows = try ReplyListing.rows(
        store, filter: ReplyListing.Filter(month: month, customer: customer, status: wanted, olderThan: olderThan),
        today: CivilDate.today())
      Console.writeOut(Array(ReplyListing.render(rows, format: chosen).utf8))
    } catch let error as StoreError {
      throw Console.fail(error.description)
    } catch let error as ReplyError {
      throw Console.fail(error.description)
    }
  }
}

struct ReconcileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reconcile",
    abstract:
      "Write a reconciliation statement (余额调节表) answering a disputed reply: our balance, each item, their balance.")

  @Argument(help: "The confirmation letter whose disputed reply it answers, e.g. DZ-202611-0001.")
  var number: String
  @OptionGroup var ledgerOptions: LedgerOptions
  @Option(name: .long, help: "The statement's date, YYYY-MM-DD (default: today).")
  var date: String?
  @OptionGroup var output: OutputFlags
  @Flag(
    name: .long,
    help:
      "Write a statement again although one stands for the letter (the customer's word changed); the new one supersedes it."
  )
  var reissue = false

  func run() throws {
    // The letter itself, or the one a second notice asked about again.
    let letter: RegisterEntry
    do {
      letter = try ReplyService(store: try LedgerStore.existing(ledgerOptions.store)).letter(answering: number).letter
    } catch let error as StoreError {
      throw Console.fail(error.description)
    } catch let error as ReplyError {
      throw Console.fail(error.description)
    }
    let day = try parseDate(date, option: "--date")
    // The statement's figures are the letter's: as of its as-of date, in its currency.
    var request = LetterRequest(
      kind: .reconciliation, customer: letter.customer, currency: letter.currency, asOf: letter.asOf, date: day,
      locale: output.locale.text)
    request.letter = letter.number
    try issueDocument(request, ledgerOptions: ledgerOptions, output: output, reissue: reissue)
  }
}
