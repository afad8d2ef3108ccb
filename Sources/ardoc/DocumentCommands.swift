import ArgumentParser
import Basics
import Ledger
import LedgerStore
import Letters
import Vocabulary
import Workflows

/// Where and how documents are written: shared by the document commands and the batch.
struct OutputFlags: ParsableArguments {
  @Option(name: .long, help: "The documents' language.")
  var locale: Choice<DocumentLocale> = Choice(.standard)

  @Option(name: .long, help: "A folder with your own templates; any file there replaces the default one.")
  var templates: [String] = []

  @Option(name: .long, help: "The output folder.")
  var out: String = "Output"

  @Flag(name: .long, help: "Also print to PDF.")
  var pdf = false

  @Option(name: .long, help: "What prints the PDFs.")
  var pdfEngine: Choice<PDFEngine> = Choice(.chromium)

  @Flag(name: .long, help: "Write a document that fails validation anyway, named -INVALID and marked with a banner.")
  var force = false

  func options() throws -> OutputOptions {
    let engine = try pdfEngine.value("--pdf-engine")
    return OutputOptions(folder: out, pdf: pdf, pdfEngine: engine, force: force)
  }
}

/// Options every document command shares.
struct DocumentOptions: ParsableArguments {
  @OptionGroup var ledgerOptions: LedgerOptions

  @Option(name: .long, help: "The customer id.")
  var customer: String

  @Option(name: .long, help: "The account's currency, when the customer has two.")
  var currency: String?

  @Option(name: .long, help: "The date the figures are computed at, YYYY-MM-DD (default: today).")
  var asOf: String?

  @Option(name: .long, help: "The document's date, YYYY-MM-DD (default: the as-of date).")
  var date: String?

  @OptionGroup var output: OutputFlags

  @Flag(
    name: .long,
    help:
      "Issue a confirmation or dunning letter (same level) again although one stands for the customer, currency and month; the new one supersedes it."
  )
  var reissue = false

  func request(_ kind: DocumentKind) throws -> LetterRequest {
    let asOfDate = try parseDate(asOf, option: "--as-of")
    let documentDate = try date.map { text throws in try parseDate(text, option: "--date") } ?? asOfDate
    return LetterRequest(
      kind: kind, customer: customer, currency: currency, asOf: asOfDate, date: documentDate, locale: output.locale.text
    )
  }

  func issue(_ request: LetterRequest) throws {
    try issueDocument(request, ledgerOptions: ledgerOptions, output: output, reissue: reissue)
  }
}

/// Writes one document through ``Workflows/DocumentService`` and prints what it did: the file,
/// the PDF, what it supersedes, its warnings. Shared by every document command.
func issueDocument(_ request: LetterRequest, ledgerOptions: LedgerOptions, output: OutputFlags, reissue: Bool)
  throws
{
  let options = try output.options()
  let desk = DocumentDesk(
    source: ledgerOptions.source, storePath: ledgerOptions.store, policy: try ledgerOptions.loadPolicy(),
    templateRoots: try templateRoots(output.templates), encoding: try ledgerOptions.chosenEncoding(),
    maxBytes: try ledgerOptions.maxBytes())
  let issued: IssuedDocument
  do {
    issued = try desk.issue(request, output: options, reissue: reissue)
  } catch {
    throw Console.fail(error.description)
  }
  ledgerOptions.tellReadingNotes(nil)
  print(issued.path)
  if let pdf = issued.pdfPath { print(pdf) }
  if let old = issued.supersedes { print("\(issued.number) supersedes \(old)") }
  for note in issued.notes {
    if note.hasPrefix("warning: ") { Console.writeError(note) } else { print(note) }
  }
  let errors = issued.findings.filter { $0.severity == .error }
  let warnings = issued.findings.filter { $0.severity == .warning }
  if !errors.isEmpty {
    Console.writeError(
      "warning: \(issued.number) failed validation and was written marked INVALID:\n"
        + errors.map { "  [\($0.rule)] \($0.message)" }.joined(separator: "\n"))
  }
  for finding in warnings {
    Console.writeError("warning: \(issued.number): [\(finding.rule)] \(finding.message)")
  }
}

struct ConfirmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confirm", abstract: "Write a balance confirmation request (对账函) for one customer.")
  @OptionGroup var options: DocumentOptions
  @Flag(name: .long, help: "Add an explicit payment request with a deadline (a demand).")
  var collect = false

  func run() throws {
    var request = try options.request(.confirmation)
    request.collect = collect
    try options.issue(request)
  }
}

struct DunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dun", abstract: "Write a dunning letter (催款函); the policy picks the level unless --level.")
  @OptionGroup var options: DocumentOptions
  @Option(name: .long, help: "1 reminder, 2 firm, 3 final.")
  var level: Int?
  @Flag(
    name: .long,
    help: "Write it although the customer disputes the balance (their latest reply); the register records it.")
  var despiteDispute = false

  func run() throws {
    var request = try options.request(.dunning)
    request.level = level
    request.despiteDispute = despiteDispute
    try options.issue(request)
  }
}

struct ProposeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "propose", abstract: "Write a phased-payment proposal (分期回款方案).")
  @OptionGroup var options: DocumentOptions
  @Option(name: .long, help: "Number of installments.")
  var installments: Int = 3
  @Option(name: .long, help: "The first installment's share, in percent.")
  var firstPercent: String?
  @Option(name: .long, help: "The first due date, YYYY-MM-DD (default: the payment deadline).")
  var start: String?
  @Option(name: .long, help: "month, or a number of days between installments.")
  var every: String = "month"
  @Flag(
    name: .long,
    help:
      "Write it although the customer disputes the balance (their latest reply); the register records it.")
  var despiteDispute = false

  func run() throws {
    var request = try options.request(.installmentProposal)
    request.despiteDispute = despiteDispute
    var percent: ExactDecimal?
    if let firstPercent {
      guard let value = try? ExactDecimal(parsing: firstPercent) else {
        throw Console.fail("error: --first-percent '\(firstPercent)' is not a number")
      }
      percent = value
    }
    let startDate = try start.map { text throws in try parseDate(text, option: "--start") }
    request.installments = InstallmentOptions(
      count: installments, firstPercent: percent, start: startDate, every: every)
    try options.issue(request)
  }
}

struct NoticeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notice",
    abstract: "Write a penalty notice: stop supply, stop service, revoke license or a legal demand.")
  @OptionGroup var options: DocumentOptions
  @Option(name: .long, help: "The measure the notice announces.")
  var measure: Choice<PenaltyMeasure>
  @Option(
    name: .long,
    help:
      "The payment deadline, YYYY-MM-DD, after the notice's date (default: the policy's paymentDeadlineDays after it)."
  )
  var deadline: String?
  @Flag(
    name: .long,
    help:
      "Issue the notice although the account is below the policy's threshold (penalty, or legal for a demand); the register records it."
  )
  var despiteThreshold = false
  @Flag(
    name: .long,
    help: "Issue the notice although the customer disputes the balance (their latest reply); the register records it.")
  var despiteDispute = false

  func run() throws {
    let chosen = try measure.value("--measure")
    var request = try options.request(.penaltyNotice)
    request.measure = chosen
    request.deadline = try deadline.map { text throws in try parseDate(text, option: "--deadline") }
    request.despiteThreshold = despiteThreshold
    request.despiteDispute = despiteDispute
    try options.issue(request)
  }
}
