import Basics
import Dispatch
import Foundation
import Ledger
import LedgerStore
import Letters
import Synchronization
import Validation

/// Rendering, validating and writing one chunk's letters on all cores: first each under the
/// run's provisional number (``draft(_:provisional:options:)``), then, once the numbers of
/// those that passed are taken, each under its number, written
/// (``finish(_:_:_:provisional:fillable:folder:options:)``).
extension Batch {
  // MARK: Rendering

  /// A chunk's letter under the provisional number.
  enum Draft: Sendable {
    /// Valid, or written anyway with --force: it takes a number.
    case passed(CheckedLetter)
    /// Refused by the validator or the renderer, with why: it takes none.
    case failed(String)

    var passed: Bool {
      if case .passed = self { return true }
      return false
    }
  }

  /// A letter written under its number.
  struct WrittenLetter: Sendable {
    let document: WrittenDocument
    /// What the register and manifest show: the candidate's, or those of the letter a dead
    /// run's options gave.
    let amount: ExactDecimal
    let detail: String?
  }

  enum Outcome: Sendable {
    case done
    case written(WrittenLetter)
    /// It failed after it had a number (resumed from a run that died, or refused only under
    /// its number): the number is now void.
    case failed(String)
    /// It failed before it had a number: nothing is recorded.
    case unnumbered(String)
    /// Another live run holds its number.
    case busy(String)
    /// The document could not be written (a full disk, a read-only folder): the batch
    /// stops, leaving the chunk's numbers reserved for the next run to finish.
    case aborted(FileBytes.Failure)
  }

  /// Runs `body` for every index on all cores, each worker with its own lane.
  func onAllCores<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int, Int) -> T) -> [T?] {
    let results = Locked<[T?]>(Array(repeating: nil, count: count))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(count, 1))) { lane in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < count else { return }
        let value = body(index, lane)
        results.withLock { $0[index] = value }
      }
    }
    return results.withLock { $0 }
  }

  func draft(_ candidates: [Candidate], provisional: ProvisionalNumber, options: BatchOptions) -> [Draft] {
    onAllCores(candidates.count, jobs: options.jobs) { index, lane in
      let candidate = candidates[index]
      do throws(GenerateError) {
        let letter = try CheckedLetter(
          candidate.prepared, number: provisional.text, factory: candidate.factory,
          validator: validator(candidate), lane: lane)
        guard letter.report.valid || options.output.force else { return Draft.failed(letter.failureLine) }
        return .passed(letter)
      } catch {
        return .failed("\(error)")
      }
    }.map { $0 ?? .failed("not rendered") }
  }

  /// The template and locale of a candidate's letter.
  static func templateKey(_ candidate: Candidate) -> String {
    candidate.prepared.template + "|" + candidate.prepared.request.locale
  }

  /// Whether the number can be filled into this template's drafted letters: the draft with a
  /// second stand-in filled in is byte for byte the letter rendered under that stand-in.
  func fills(_ candidate: Candidate, _ drafted: CheckedLetter, provisional: ProvisionalNumber) -> Bool {
    let other = ProvisionalNumber()
    guard let filled = provisional.fill(drafted.bytes, with: other.text),
      let rendered = try? candidate.factory.render(candidate.prepared, number: other.text)
    else { return false }
    return filled.bytes == rendered.bytes
  }

  func validator(_ candidate: Candidate) -> Validator {
    Validator(policy: policy, ledger: candidate.ledger, receivables: candidate.receivables)
  }

  func finish(
    _ candidates: [Candidate], _ drafts: [Draft], _ slots: [BatchSlot], provisional: ProvisionalNumber,
    fillable: [String: Bool], folder: String, options: BatchOptions
  ) -> [Outcome] {
    let markers = ProvisionalNumber.forms(Validator(policy: policy).textMarkers)
    return onAllCores(candidates.count, jobs: options.jobs) { index, lane in
      finishOne(
        candidates[index], drafts[index], slots[index], provisional: provisional,
        fillable: fillable[Batch.templateKey(candidates[index])] ?? false, markers: markers, folder: folder,
        options: options, lane: lane)
    }.map { $0 ?? .failed("not rendered") }
  }

  func finishOne(
    _ candidate: Candidate, _ draft: Draft, _ slot: BatchSlot, provisional: ProvisionalNumber, fillable: Bool,
    markers: [[UInt8]], folder: String, options: BatchOptions, lane: Int
  ) -> Outcome {
    switch slot.state {
    case .done: return .done
    case .busy: return .busy("its letter is being written by \(slot.heldBy ?? "another run")")
    case .unnumbered:
      if case .failed(let message) = draft { return .unnumbered(message) }
      return .unnumbered("not drafted")
    case .new, .resume: break
    }
    do throws(GenerateError) {
      var letter: CheckedLetter
      var force = options.output.force
      var amount = candidate.amount
      var detail = candidate.detail
      if let recorded = differentOptions(slot, options) {
        // A number a dead run reserved with other options: the letter that run would have written.
        let written = try rewrite(candidate, slot, recorded, lane: lane)
        (letter, amount, detail) = (written.letter, written.amount, written.detail)
        force = recorded.force
      } else {
        guard case .passed(let drafted) = draft else {
          if case .failed(let message) = draft { return .failed(message) }
          return .failed("not drafted")
        }
        letter = try drafted.numbered(
          slot.number, provisional: provisional, fillable: fillable, markers: markers, prepared: candidate.prepared,
          factory: candidate.factory, validator: validator(candidate), lane: lane)
      }
      if !letter.report.valid && !force { return .failed(letter.failureLine) }
      // Flushed once per chunk (FileBytes.flush) before the register records the documents.
      let document: WrittenDocument
      do {
        document = try DocumentWriter.write(
          letter, number: slot.number, kind: options.kind, customer: candidate.customer, folder: folder,
          warnings: candidate.prepared.warnings, sync: false,
          resumedSince: slot.state == .resume ? slot.reservedAt : nil)
      } catch {
        if case .file(let failure) = error { return .aborted(failure) }
        throw error
      }
      return .written(WrittenLetter(document: document, amount: amount, detail: detail))
    } catch {
      return .failed("\(error)")
    }
  }

  /// The options of the dead run that reserved a resumed number, when its letter differs from
  /// this run's (another locale, date, as-of date, templates or --force).
  func differentOptions(_ slot: BatchSlot, _ options: BatchOptions) -> RunOptions? {
    guard slot.state == .resume else { return nil }
    let recorded =
      slot.options ?? RunOptions(locale: options.locale, force: options.output.force, templates: templateRoots)
    let same =
      recorded == RunOptions(locale: options.locale, force: options.output.force, templates: templateRoots)
      && (slot.date ?? options.date) == options.date && (slot.asOf ?? options.asOf) == options.asOf
    return same ? nil : recorded
  }

  /// Renders a resumed number's letter with the options and dates its run reserved it with.
  func rewrite(_ candidate: Candidate, _ slot: BatchSlot, _ recorded: RunOptions, lane: Int) throws(GenerateError)
    -> (letter: CheckedLetter, amount: ExactDecimal, detail: String?)
  {
    let asOf = slot.asOf ?? candidate.prepared.request.asOf
    let request = LetterRequest(
      kind: candidate.prepared.request.kind, customer: candidate.customer, currency: candidate.currency, asOf: asOf,
      date: slot.date ?? candidate.prepared.request.date, locale: recorded.locale)
    // Other template folders are compiled apart: the run's cache holds this run's templates.
    let sameTemplates = recorded.templates == templateRoots
    let factory =
      sameTemplates
      ? candidate.factory
      : LetterFactory(
        ledger: candidate.ledger, policy: policy, templateRoots: recorded.templates,
        history: candidate.factory.history, replies: candidate.factory.replies)
    let receivables: Receivables
    do {
      receivables =
        asOf == candidate.prepared.request.asOf ? candidate.receivables : try Receivables(candidate.ledger, asOf: asOf)
    } catch {
      throw .input("\(candidate.customer): the ledger's figures are too large to compute exactly (\(error))")
    }
    let prepared: PreparedLetter
    do {
      prepared = try factory.prepare(request, receivables: receivables)
    } catch {
      throw .refused(error)
    }
    let letter = try CheckedLetter(
      prepared, number: slot.number, factory: factory,
      validator: Validator(policy: policy, ledger: candidate.ledger, receivables: receivables),
      lane: sameTemplates ? lane : nil)
    return (letter, prepared.amount, prepared.detail)
  }
}
