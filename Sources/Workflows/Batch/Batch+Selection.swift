import Basics
import Foundation
import Ledger
import LedgerStore
import Letters
import Validation
import Vocabulary

/// Which customers get a letter, and why the others do not.
extension Batch {
  // MARK: Selection

  /// One chunk's candidates in customer order, with the reasons for the customers left out;
  /// customers are read in one go and selected on all cores.
  func selectChunk(
    _ chunk: [String], reader: BatchReader, replies: [String: [Reply]], _ options: BatchOptions
  ) throws(GenerateError) -> ([Candidate], [BatchSkip]) {
    let read = try reader.prefetch(chunk)
    // A dunning letter names the earlier demands the register shows, as one written alone
    // does (a confirmation letter names none).
    let history: [String: [RegisterEntry]]
    do {
      history = options.kind == .dunning ? try store.entries(customers: chunk) : [:]
    } catch {
      throw .store(error)
    }
    let selected = onAllCores(chunk.count, jobs: options.jobs) {
      index, _ -> Result<([Candidate], [BatchSkip]), GenerateError> in
      do throws(GenerateError) {
        let id = chunk[index]
        return .success(
          try select(id, from: read, history: history[id] ?? [], replies: replies[id] ?? [], options))
      } catch {
        return .failure(error)
      }
    }
    var candidates: [Candidate] = []
    var reasons: [BatchSkip] = []
    for index in chunk.indices {
      switch selected[index] {
      case .success(let (found, skipped))?:
        candidates += found
        reasons += skipped
      case .failure(let error)?:
        throw error
      case nil:
        throw .input("customer \(chunk[index]) was not read")
      }
    }
    return (candidates, reasons)
  }

  /// The documents a customer gets (one per currency account), or why it gets none.
  func select(
    _ id: String, from chunk: BatchChunk, history: [RegisterEntry], replies: [Reply], _ options: BatchOptions
  ) throws(GenerateError) -> ([Candidate], [BatchSkip]) {
    let ledger = try chunk.slice(id)
    // The issuer is the same for every customer: a missing bank account stops the batch before
    // any number is taken, rather than skipping each customer for it.
    if let problem = LetterFactory.bankProblem(ledger.issuer, kind: options.kind, collect: false) {
      throw .input(problem)
    }
    guard let customer = ledger.customers.first else { return ([], []) }
    let receivables: Receivables
    do {
      receivables = try Receivables(ledger, asOf: options.asOf)
    } catch {
      throw .input("\(id): the ledger's figures are too large to compute exactly (\(error)); check its amounts")
    }
    let factory = LetterFactory(
      ledger: ledger, policy: policy, templates: templates, history: history, replies: replies)
    var found: [Candidate] = []
    var reasons: [BatchSkip] = []
    let accounts = receivables.accounts(customer: id)
    if accounts.isEmpty {
      reasons.append(
        BatchSkip(
          customer: id, currency: "", reason: .noActivity,
          message: "no invoice or payment on or before \(options.asOf.iso)"))
    }
    for account in accounts {
      func skip(_ reason: BatchSkip.Reason, _ message: String) {
        reasons.append(BatchSkip(customer: id, currency: account.currency, reason: reason, message: message))
      }
      if options.kind == .confirmation, account.balance.isZero {
        skip(.zeroBalance, "nothing to confirm: the balance is 0.00")
        continue
      }
      if options.kind == .dunning {
        if let issue = factory.openIssues(customer: id, currency: account.currency).first {
          skip(.openIssue, "open project issue: \(issue)")
          continue
        }
      }
      let request = LetterRequest(
        kind: options.kind, customer: id, currency: account.currency, asOf: options.asOf, date: options.date,
        locale: options.locale)
      do {
        let prepared = try factory.prepare(request, receivables: receivables)
        found.append(
          Candidate(
            customer: id, name: customer.name, currency: account.currency, amount: prepared.amount,
            detail: prepared.detail, ledger: ledger, receivables: receivables, prepared: prepared, factory: factory))
      } catch {
        reasons.append(BatchSkip.refused(error, customer: id, currency: account.currency))
      }
    }
    return (found, reasons)
  }
}
