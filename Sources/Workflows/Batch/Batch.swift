import Basics
import Dispatch
import Foundation
import Ledger
import LedgerStore
import Letters
import Synchronization
import Validation
import Vocabulary

public struct BatchOptions: Sendable {
  public var kind: DocumentKind
  public var asOf: CivilDate
  public var date: CivilDate
  public var locale: String
  /// Only these customers (nil: all).
  public var customers: [String]?
  public var jobs: Int
  public var output: OutputOptions
  public var reissue: Bool

  public init(
    kind: DocumentKind, asOf: CivilDate, date: CivilDate? = nil, locale: String = DocumentLocale.standard.rawValue,
    customers: [String]? = nil,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, output: OutputOptions = OutputOptions(),
    reissue: Bool = false
  ) {
    self.kind = kind
    self.asOf = asOf
    self.date = date ?? asOf
    self.locale = locale
    self.customers = customers
    self.jobs = max(1, jobs)
    self.output = output
    self.reissue = reissue
  }
}

/// One line of the manifest.
public struct ManifestRow: Sendable, Equatable {
  public let number: String
  public let customer: String
  public let name: String
  public let currency: String
  public let amount: ExactDecimal
  public let detail: String
  public let file: String
  public let sha256: String
  public let status: String
  /// The ledger version the document was written from (``LedgerVersion``); empty for one
  /// registered before versions were kept.
  public let ledger: String
}

public struct BatchResult: Sendable {
  public let folder: String
  /// Documents in the manifest: issued now or earlier this month.
  public let documents: Int
  public let issuedNow: Int
  public let alreadyIssued: Int
  /// The customers (and currencies) that got no document, and why; also in `skipped.csv`.
  public let skipped: [BatchSkip]
  /// Documents issued now with a validator warning (a contract overrun), and earlier ones
  /// whose file the print bundle could not show: number, finding.
  public let warnings: [(number: String, message: String)]
  /// Every print PDF of the folder, and those of them printed by this run (the others had
  /// not changed).
  public let pdfs: [String]
  public var pdfsPrinted: [String] = []
  /// Reissued now: the new number and the one it superseded.
  public var superseded: [(new: String, old: String)] = []
  /// The ledger version the letters written now come from (``LedgerVersion``).
  public var ledger: String = ""
}

/// Reports progress: called from one thread at a time.
public protocol BatchProgress: Sendable {
  func started(total: Int)
  func advanced(done: Int, total: Int)
  func finished(done: Int, total: Int)
  /// The PDF phase: `done` of `total` print files printed (0 of them when it starts).
  func printed(done: Int, total: Int)
}

extension BatchProgress {
  public func printed(done: Int, total: Int) {}
}

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
  public let templateRoots: [String]
  /// One for the whole run: every template is compiled once per core (each rendering
  /// worker walks its own copy), and released with the batch.
  let cache = TemplateCache(replicas: min(ProcessInfo.processInfo.activeProcessorCount, 8))
  public static let chunkSize = 250

  public init(source: BatchSource, policy: Policy, store: LedgerStore, templateRoots: [String]) {
    self.source = source
    self.policy = policy
    self.store = store
    self.templateRoots = templateRoots
  }

  struct Candidate: Sendable {
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
  }

  public func run(_ options: BatchOptions, progress: (any BatchProgress)? = nil) throws(GenerateError) -> BatchResult {
    guard options.kind == .confirmation || options.kind == .dunning else {
      throw .input("a batch writes confirmation or dunning letters, not \(options.kind.rawValue)")
    }
    // Once for the whole batch, before any number is taken (not as a reason for each customer).
    if let problem = LetterRequest.datesProblem(asOf: options.asOf, date: options.date) {
      throw .input(problem)
    }
    guard let pattern = policy.numbering[options.kind] else {
      throw .input("the policy has no numbering pattern for \(options.kind.rawValue)")
    }
    try options.output.checkPDFEngine()
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
        progress: progress)
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
    run: Run, progress: (any BatchProgress)?
  ) throws(GenerateError) -> BatchResult {
    // On any error below, the manifest and bundle temporaries are removed (BatchOutputs
    // discards them when it goes away uncommitted): no partial file is left.
    // PDFs printed before stay true: a run without --pdf prints again the chunks that changed.
    let printing = options.output.pdf || FileBytes.exists(folder + "/" + PrintFiles.name(1) + ".pdf")
    let outputs = try BatchOutputs(
      folder: folder, title: "\(options.kind.rawValue) \(month)", stylesheet: try stylesheet(),
      keepPaths: printing)
    progress?.started(total: ids.count)
    let profiling = ProcessInfo.processInfo.environment["ARDOC_PROFILE"] == "1"
    var phases: [String: Duration] = [:]
    var mark = ContinuousClock.now
    func lap(_ name: String) {
      guard profiling else { return }
      let now = ContinuousClock.now
      phases[name, default: .zero] += now - mark
      mark = now
    }
    // Per chunk: select; then, while the next chunk is selected, render and validate under a
    // provisional number (so that a letter that fails takes none), take the numbers of those
    // that pass, fill them in and write the letters (``finish``); the finisher lists, flushes
    // and records the chunk before. Each stage takes the chunks in order, so numbers, files and
    // outputs are the same as one chunk at a time.
    let finisher = BatchFinisher(
      outputs: outputs, store: store, progress: progress, total: ids.count,
      standing: (options.kind, month), ledger: reader.version)
    let writing = DispatchGroup()
    let written = Locked<Result<(slots: [BatchSlot], outcomes: [Outcome]), GenerateError>?>(nil)
    var pending: BatchFinisher.Work?
    var superseding: [String] = []
    var replacements: [(new: String, old: String)] = []
    let provisional = ProvisionalNumber()
    // Per template and locale: whether filling the number into a letter drafted under the
    // stand-in gives the letter rendered under the number (checked on its first letter).
    let fillable = Locked<[String: Bool]>([:])
    /// Waits for the chunk being numbered and written and hands it to the finisher.
    func handOver() throws(GenerateError) {
      guard var work = pending else { return }
      pending = nil
      writing.wait()
      lap("wait for write")
      let (slots, outcomes) = try written.withLock { $0 }?.get() ?? ([], [])
      (work.slots, work.outcomes) = (slots, outcomes)
      superseding += slots.compactMap(\.supersedes)
      replacements += slots.compactMap { slot in slot.supersedes.map { (slot.number, $0) } }
      // The previous chunk is finished (and any failure of it reported) before this one.
      try finisher.wait()
      lap("wait for finisher")
      for case .aborted(let failure) in work.outcomes { throw .file(failure) }
      finisher.submit(work)
    }
    do throws(GenerateError) {
      for chunkStart in stride(from: 0, to: ids.count, by: Batch.chunkSize) {
        let chunk = Array(ids[chunkStart..<min(chunkStart + Batch.chunkSize, ids.count)])
        let (candidates, reasons) = try selectChunk(chunk, reader: reader, options)
        lap("select")
        // A missing, unreadable or broken template stops the batch before this chunk takes a
        // number: it is the same error for every customer, not a reason to skip each.
        var checked = Set<String>()
        for candidate in candidates where checked.insert(candidate.prepared.template).inserted {
          do {
            try candidate.factory.checkTemplate(candidate.prepared)
          } catch {
            throw .template(error)
          }
        }
        lap("check")
        try handOver()
        pending = BatchFinisher.Work(
          customers: chunk.count, ids: chunk, candidates: candidates, slots: [], outcomes: [], reasons: reasons,
          folder: folder)
        let entries = candidates.map {
          RegisterEntry(
            number: "", kind: options.kind, customer: $0.customer, documentDate: options.date,
            asOf: options.asOf, currency: $0.currency, amount: $0.amount, detail: $0.detail, ledger: reader.version)
        }
        // After the chunk before (handOver waited for it), so numbers follow the ledger, while
        // the next chunk is selected.
        DispatchQueue.global().async(group: writing) {
          let drafts = draft(candidates, provisional: provisional, options: options)
          for (index, candidate) in candidates.enumerated()
          where fillable.withLock({ $0[Batch.templateKey(candidate)] }) == nil {
            guard case .passed(let letter) = drafts[index] else { continue }
            let fills = fills(candidate, letter, provisional: provisional)
            fillable.withLock { $0[Batch.templateKey(candidate)] = fills }
          }
          let result: Result<(slots: [BatchSlot], outcomes: [Outcome]), GenerateError>
          do throws(StoreError) {
            let slots = try store.planBatch(
              entries, wanted: drafts.map(\.passed), pattern: pattern, reissue: options.reissue, run: run.id)
            result = .success(
              (
                slots,
                finish(
                  candidates, drafts, slots, provisional: provisional, fillable: fillable.withLock { $0 },
                  folder: folder, options: options)
              ))
          } catch {
            result = .failure(.store(error))
          }
          written.withLock { $0 = result }
        }
      }
      try handOver()
      try finisher.wait()
    } catch {
      // Nothing is left running; the earlier chunk's failure, if any, is the one to report.
      writing.wait()
      finisher.waitQuietly()
      outputs.discard()
      throw finisher.failure ?? error
    }
    // The manifests and bundle are the month's: documents of this kind that stand from earlier
    // runs this month, for customers this run did not take (a --customers run, a customer whose
    // balance has since become zero), are listed too, after this run's: a partial run never
    // reduces the month's manifest to its own few rows.
    // Letters this run replaced leave the folder (the register now says superseded).
    var moved: [(number: String, message: String)] = []
    for number in superseding {
      if let warning = SupersededFiles.archive(number, store: store) { moved.append((number, warning)) }
    }
    try listStanding(outputs, unlisted: finisher.unlisted, options: options, reader: reader, ids: ids, month: month)
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
    if profiling {
      FileHandle.standardError.write(
        Data(phases.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined().utf8))
    }
    var printed = PrintFiles.Outcome()
    if printing {
      printed = try PrintFiles(folder: folder, stylesheet: try stylesheet(), engine: options.output.pdfEngine)
        .print(outputs.letters, required: options.output.pdf, progress: progress)
    }
    return BatchResult(
      folder: folder, documents: outputs.count, issuedNow: finisher.issuedNow, alreadyIssued: finisher.alreadyIssued,
      skipped: finisher.skipped, warnings: finisher.warnings + outputs.unbundled + moved + printed.warnings,
      pdfs: printed.pdfs, pdfsPrinted: printed.printed, superseded: replacements, ledger: reader.version)
  }

  /// Lists the month's standing documents of the kind that this run did not: those of its own
  /// customers it skipped (`unlisted`, found chunk by chunk), and those of customers outside the
  /// run (not selected by --customers, or no longer in the ledger); by number, after the run's.
  func listStanding(
    _ outputs: BatchOutputs, unlisted: [RegisterEntry], options: BatchOptions, reader: BatchReader, ids: [String],
    month: String
  ) throws(GenerateError) {
    // The run's customers: those --customers picked, or all the ledger's.
    let taken = Set(options.customers ?? ids)
    let outside = LedgerStore.StandingCustomers.accepted(by: { !taken.contains($0) })
    var missing = unlisted
    do {
      missing += try store.standing(kind: options.kind, month: month, customers: outside)
    } catch {
      throw .store(error)
    }
    missing.sort { $0.number < $1.number }
    // Customer names from the ledger, read a chunk at a time as the batch reads its own.
    for start in stride(from: 0, to: missing.count, by: Batch.chunkSize) {
      let part = Array(missing[start..<min(start + Batch.chunkSize, missing.count)])
      var wanted: [String] = []
      for entry in part where !wanted.contains(entry.customer) { wanted.append(entry.customer) }
      let read = try reader.prefetch(wanted)
      for entry in part {
        let name = (try? read.slice(entry.customer))?.customers.first?.name ?? ""
        try outputs.addRegistered(entry, name: name, detail: entry.detail ?? "")
      }
    }
  }

  func stylesheet() throws(GenerateError) -> String {
    do {
      return try cache.stylesheet(roots: templateRoots)
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
