import Basics
import Dispatch
import Foundation
import Ledger
import LedgerStore
import Letters
import Synchronization
import Validation
import Vocabulary

/// The monthly batch: every customer's letter of one kind, numbered, validated, written
/// atomically, registered, listed in a manifest and bundled for printing.
///
/// Customers are taken in ledger order in chunks; for each chunk the numbers are taken (in
/// one transaction, in order), the documents rendered and validated on all cores and written;
/// then, on a finisher thread while the next chunk goes ahead, listed in the manifests and
/// bundle, flushed and recorded (``BatchFinisher``). Numbers and bytes therefore do not depend
/// on the number of jobs, and a run killed at any point resumes: reserved numbers are
/// finished, issued ones are not redone.
public struct Batch: Sendable {
  public let source: BatchSource
  public let policy: Policy
  public let store: LedgerStore
  /// One cache for the whole run: every template is found and compiled once per core (each
  /// rendering worker walks its own copy), and released with the batch.
  let templates: LetterTemplates
  public var templateRoots: [String] { templates.roots }
  /// Customers per chunk: how many letters each stage holds at once. The disk is flushed and
  /// the register written every ``BatchFinisher/recordEvery`` customers, whatever the chunk.
  public static let chunkSize = 125

  /// The template being compiled since before the batch was made, if any.
  let ahead: Templates.Ahead?

  public init(source: BatchSource, policy: Policy, store: LedgerStore, templateRoots: [String]) {
    self.init(source: source, policy: policy, store: store, templates: Templates(roots: templateRoots, ahead: nil))
  }

  /// A batch with templates whose compile started before its ledger was read
  /// (``compilingAhead(templateRoots:kind:locale:)``).
  public init(source: BatchSource, policy: Policy, store: LedgerStore, templates: Templates) {
    self.source = source
    self.policy = policy
    self.store = store
    self.templates = templates.letters
    self.ahead = templates.ahead
  }

  /// A class: a candidate's ledger, receivables and context travel through every stage, and a
  /// reference is one retain to copy; these fields as a struct are a dozen.
  final class Candidate: Sendable {
    let customer: String
    let name: String
    let currency: String
    let amount: ExactDecimal
    let detail: String?
    /// The customer's slice of the ledger, its receivables and the checked letter, kept for
    /// rendering and validation.
    let ledger: Ledger
    let receivables: Receivables
    let prepared: PreparedLetter
    let factory: LetterFactory

    init(
      customer: String, name: String, currency: String, amount: ExactDecimal, detail: String?, ledger: Ledger,
      receivables: Receivables, prepared: PreparedLetter, factory: LetterFactory
    ) {
      self.customer = customer
      self.name = name
      self.currency = currency
      self.amount = amount
      self.detail = detail
      self.ledger = ledger
      self.receivables = receivables
      self.prepared = prepared
      self.factory = factory
    }

    var listing: Listing {
      Listing(
        customer: customer, name: name, currency: currency, amount: amount, detail: detail,
        asOf: prepared.request.asOf, owner: prepared.paymentOwner)
    }
  }

  /// What the finisher lists of a candidate once its letter is written. The candidate's slice
  /// of the ledger, receivables and context are let go with its chunk's render, not held
  /// through the finisher's stage too: a third of the chunks in flight, each about 20 KB a
  /// letter.
  struct Listing: Sendable {
    let customer: String
    let name: String
    let currency: String
    let amount: ExactDecimal
    let detail: String?
    let asOf: CivilDate
    /// The confirmed payment owner the ledger gives now.
    let owner: String
  }

  public func run(_ options: BatchOptions, progress: (any BatchProgress)? = nil) throws(GenerateError) -> BatchResult {
    guard options.kind == .confirmation || options.kind == .dunning else {
      throw .input("a batch writes confirmation or dunning letters, not \(options.kind.rawValue)")
    }
    // Once for the whole batch, before any number is taken (not as a reason for each customer).
    if let problem = LetterRequest.datesProblem(asOf: options.asOf, date: options.date)
      ?? LetterRequest.timeProblem(asOf: options.asOf, date: options.date, today: .today())
    {
      throw .input(problem)
    }
    guard let pattern = policy.numbering[options.kind] else {
      throw .input("the policy has no numbering pattern for \(options.kind.rawValue)")
    }
    try options.output.checkPDFEngine()
    if let problem = RegisterFolder.problem(store) { throw .input(problem) }
    // The kind's template compiles on another core while the store opens and the first
    // customers are read (or since before a ledger file was read, when the batch was made
    // with ``compilingAhead(templateRoots:kind:locale:)``), rather than alone with one core
    // idle before the first chunk. The first chunk's check waits for it: the cache does not
    // hold back a second compile of a template being compiled, it would compile it again. A
    // batch refused before then leaves the compile to finish on its own and let go.
    let compiling: DispatchGroup
    if let ahead, ahead.kind == options.kind, ahead.locale == options.locale {
      compiling = ahead.compiling
    } else {
      compiling = DispatchGroup()
      DispatchQueue.global().async(group: compiling) { [templates] in
        templates.compileAhead(options.kind, locale: options.locale)
      }
    }
    let reader = try source.open()
    var ids = try reader.customerIDs()
    if let only = options.customers {
      let known = Set(ids)
      if let unknown = only.first(where: { !known.contains($0) }) {
        throw .input("--customers: '\(unknown)' is not in the ledger")
      }
      let wanted = Set(only)
      ids = ids.filter { wanted.contains($0) }
    }
    let month = DocumentPath.month(options.asOf)
    let folder = DocumentPath.folder(options.output.folder, month: month, kind: options.kind)
    // The run owns the numbers it reserves; a second batch for the month and kind is refused
    // here, before it creates or touches anything.
    let run: Run
    do {
      run = try store.beginRun(
        kind: options.kind, month: month, folder: folder, batch: true,
        options: RunOptions(locale: options.locale, force: options.output.force, templates: templateRoots),
        ledger: reader.version)
    } catch {
      throw .store(error)
    }
    defer { store.endRun(run) }
    let monthFolder = String(folder[..<(folder.lastIndex(of: "/") ?? folder.endIndex)])
    let existed = (month: FileBytes.exists(monthFolder), kind: FileBytes.exists(folder))
    do {
      try FileBytes.createFolder(folder)
    } catch {
      throw .file(error)
    }
    Batch.removeStaleTemporaries(in: folder)
    do throws(GenerateError) {
      return try write(
        options, reader: reader, ids: ids, folder: folder, month: month, pattern: pattern, run: run,
        compiling: compiling, progress: progress)
    } catch {
      // A batch refused before its first document leaves no month folder behind (rmdir
      // removes only an empty folder, and the month's folder only when this run made it).
      if !existed.kind { rmdir(folder) }
      if !existed.month { rmdir(monthFolder) }
      throw error
    }
  }

  /// The batch's documents and outputs, in its folder, for its run.
  private func write(
    _ options: BatchOptions, reader: BatchReader, ids: [String], folder: String, month: String, pattern: String,
    run: Run, compiling: DispatchGroup, progress: (any BatchProgress)?
  ) throws(GenerateError) -> BatchResult {
    // On any error below, the manifest and bundle temporaries are removed (BatchOutputs
    // discards them when it goes away uncommitted): no partial file is left.
    // PDFs printed before stay true: a run without --pdf prints again the chunks that changed.
    let printing = options.output.pdf || FileBytes.exists(folder + "/" + PrintFiles.name(1) + ".pdf")
    let outputs = try BatchOutputs(
      folder: folder, title: "\(options.kind.rawValue) \(month)", stylesheet: try stylesheet(),
      keepPaths: printing)
    // The replies in force: a customer who disputes the balance gets no dunning letter.
    let replies: [String: [Reply]]
    do {
      replies = Dictionary(grouping: try store.repliesInForce(), by: \.customer)
    } catch {
      throw .store(error)
    }
    progress?.started(total: ids.count)
    let profile = PhaseProfile()
    let pipeline = ChunkPipeline(
      batch: self, options: options, folder: folder, pattern: pattern, run: run, ledger: reader.version,
      finisher: BatchFinisher(
        outputs: outputs, store: store, progress: progress, total: ids.count, standing: (options.kind, month),
        ledger: reader.version),
      profile: profile)
    let finisher = pipeline.finisher
    do throws(GenerateError) {
      for chunkStart in stride(from: 0, to: ids.count, by: Batch.chunkSize) {
        let chunk = Array(ids[chunkStart..<min(chunkStart + Batch.chunkSize, ids.count)])
        let (candidates, reasons) = try selectChunk(chunk, reader: reader, replies: replies, options)
        profile.lap("select")
        // A missing, unreadable or broken template stops the batch before this chunk takes a
        // number: it is the same error for every customer, not a reason to skip each.
        compiling.wait()
        var checked = Set<String>()
        for candidate in candidates where checked.insert(candidate.prepared.template).inserted {
          do {
            try candidate.factory.checkTemplate(candidate.prepared)
          } catch {
            throw .template(error)
          }
        }
        profile.lap("check")
        try pipeline.submit(ids: chunk, candidates: candidates, reasons: reasons)
      }
      try pipeline.drain()
    } catch {
      // Nothing is left running; the earlier chunk's failure, if any, is the one to report.
      let failure = pipeline.abandon(error)
      outputs.discard()
      throw failure
    }
    // The manifests and bundle are the month's: documents of this kind that stand from earlier
    // runs this month, for customers this run did not take (a --customers run, a customer whose
    // balance has since become zero), are listed too, after this run's: a partial run never
    // reduces the month's manifest to its own few rows.
    // Letters this run replaced leave the folder (the register now says superseded).
    // And those an earlier run recorded as replaced but was stopped before it moved them.
    var moved: [(number: String, message: String)] = []
    let replaced = pipeline.replacements.map(\.old)
    let left = ((try? store.supersededInPlace(kind: options.kind)) ?? []).filter { !replaced.contains($0) }
    for number in replaced + left {
      if let warning = SupersededFiles.archive(number, store: store) { moved.append((number, warning)) }
    }
    var gone = try listStanding(
      outputs, unlisted: finisher.unlisted, options: options, reader: reader, ids: ids, month: month)
    // A run over every customer has written every letter the ledger gives: what a stopped run
    // left reserved and this one did not finish no longer follows from the ledger.
    if options.customers == nil {
      do {
        gone += try store.voidAbandoned(kind: options.kind, month: month, run: run.id).map {
          (
            $0.number,
            "was left reserved by a stopped run, and the ledger no longer gives \($0.customer) this letter; the number is void"
          )
        }
      } catch {
        throw .store(error)
      }
    }
    progress?.finished(done: finisher.done, total: ids.count)
    try outputs.commit()
    // The month's skips come from a run over every customer; a --customers run (or a
    // rebuild) prints its own and leaves the month's list as it was.
    if options.customers == nil {
      do {
        try FileBytes.writeAtomically(BatchSkip.csv(finisher.skipped), to: folder + "/" + BatchSkip.fileName)
      } catch {
        throw .file(error)
      }
    }
    profile.report()
    var printed = PrintFiles.Outcome()
    if printing {
      printed = try PrintFiles(folder: folder, stylesheet: try stylesheet(), engine: options.output.pdfEngine)
        .print(outputs.letters, required: options.output.pdf, progress: progress)
    }
    return BatchResult(
      folder: folder, customers: ids.count, documents: outputs.count, issuedNow: finisher.issuedNow,
      alreadyIssued: finisher.alreadyIssued,
      skipped: finisher.skipped,
      warnings: Self.byNumber(finisher.warnings + gone) + outputs.unbundled + moved + printed.warnings,
      pdfs: printed.pdfs, pdfsPrinted: printed.printed, printPages: printed.pages, superseded: pipeline.replacements,
      ledger: reader.version)
  }

  /// Warnings in number order, those of one number in the order they were found.
  static func byNumber(_ warnings: [(number: String, message: String)]) -> [(number: String, message: String)] {
    warnings.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(\.element)
  }

  /// Lists the month's standing documents of the kind that this run did not: those of its own
  /// customers it skipped (`unlisted`, found chunk by chunk), and those of customers outside the
  /// run (not selected by --customers, or no longer in the ledger); by number, after the run's.
  /// Returns a warning for each letter that stands for a customer no longer in the ledger.
  func listStanding(
    _ outputs: BatchOutputs, unlisted: [RegisterEntry], options: BatchOptions, reader: BatchReader, ids: [String],
    month: String
  ) throws(GenerateError) -> [(number: String, message: String)] {
    var gone: [(number: String, message: String)] = []
    // The run's customers: those --customers picked, or all the ledger's.
    let taken = Set(options.customers ?? ids)
    let outside = LedgerStore.StandingCustomers.accepted(by: { !taken.contains($0) })
    var missing = unlisted
    do {
      missing += try store.standing(kind: options.kind, month: month, customers: outside).filter { $0.path != nil }
    } catch {
      throw .store(error)
    }
    missing.sort { NumberOrder.precedes($0.number, $1.number) }
    // Customer names from the ledger, read a chunk at a time as the batch reads its own.
    for start in stride(from: 0, to: missing.count, by: Batch.chunkSize) {
      let part = Array(missing[start..<min(start + Batch.chunkSize, missing.count)])
      var wanted: [String] = []
      for entry in part where !wanted.contains(entry.customer) { wanted.append(entry.customer) }
      let read = try reader.prefetch(wanted)
      for entry in part {
        let name = (try? read.slice(entry.customer))?.customers.first?.name
        if name == nil, !entry.customer.isEmpty {
          gone.append(
            (
              entry.number,
              "stands for \(entry.customer) at \(entry.amount.formatted(places: 2)) \(entry.currency) as of \(entry.asOf.iso), but \(entry.customer) is no longer in the ledger; check it before it is sent"
            ))
        }
        try outputs.addRegistered(entry, name: name ?? "", detail: entry.detail ?? "", store: store)
      }
    }
    return gone
  }

  func stylesheet() throws(GenerateError) -> String {
    do {
      return try templates.cache.stylesheet(roots: templateRoots)
    } catch {
      throw .template(error)
    }
  }

  /// Temporary files of an interrupted run (`.<name>.tmp-XXXXXX`).
  static func removeStaleTemporaries(in folder: String) {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    where name.hasPrefix(".") && name.contains(".tmp-") {
      try? FileManager.default.removeItem(atPath: folder + "/" + name)
    }
  }
}
