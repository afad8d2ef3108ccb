import Basics
import Dispatch
import Foundation
import Hummingbird
import HummingbirdAuth
import Ledger
import LedgerStore
import Vocabulary
import Workflows

/// What every request of the page shares: the options, the compiled pages, the store, the
/// login throttle and the batches running.
struct Site: Sendable {
  let options: ServerOptions
  let pages: Pages
  let store: LedgerStore
  let policy: Policy
  /// Where sessions live (in memory): a login removes the one the browser held before.
  let sessions: SessionStorage<WebSession>
  let throttle = LoginThrottle()
  let printDesk = PrintDesk()
  let batches = BatchJobs()
  let formsSent = FormsSent()

  /// The documents of the page go through the same desk as the CLI's.
  var desk: DocumentDesk {
    DocumentDesk(
      source: .ownStore(options.storePath), storePath: options.storePath, policy: policy,
      templateRoots: options.templateRoots)
  }

  /// The store's whole ledger, or a page saying there is none yet.
  func ledger() throws(PageError) -> Ledger {
    do {
      return try LedgerSource.ownStore(options.storePath).wholeLedger()
    } catch {
      throw PageError(
        .serviceUnavailable,
        "The store holds no ledger to show: \(error.issues.first?.message ?? error.description). Import one with 'ardoc import --ledger FILE --db \(options.storePath)'."
      )
    }
  }

  /// The customers a user may see: a salesperson those of their own contracts.
  func visibleCustomers(_ ledger: Ledger, for session: WebSession) -> [Customer] {
    guard let role = session.role, let user = session.user else { return [] }
    if role.seesAllCustomers { return ledger.customers }
    let mine = Set(ledger.contracts.filter { $0.salesperson == user }.map(\.customer))
    return ledger.customers.filter { mine.contains($0.id) }
  }

  /// A customer the user may see, or 404 (a salesperson is not told that others' exist).
  func customer(_ id: String, in ledger: Ledger, for session: WebSession) throws(PageError) -> Customer {
    guard let customer = visibleCustomers(ledger, for: session).first(where: { $0.id == id }) else {
      throw PageError(.notFound, "There is no customer \(id) for you.")
    }
    return customer
  }

  /// A register entry the user may see, or 404.
  func entry(_ number: String, for session: WebSession) throws(PageError) -> RegisterEntry {
    let found: RegisterEntry?
    do {
      found = try store.entry(number)
    } catch {
      throw PageError.failed(error.description)
    }
    // A document of a customer the user may not see is answered as one that does not exist:
    // "no customer C001 for you" would tell a salesperson whose the number is.
    guard let entry = found else { throw PageError(.notFound, "There is no document \(number).") }
    if session.role?.seesAllCustomers != true {
      let visible = visibleCustomers(try ledger(), for: session)
      guard visible.contains(where: { $0.id == entry.customer }) else {
        throw PageError(.notFound, "There is no document \(number).")
      }
    }
    return entry
  }
}

/// A page that cannot be shown, with the status and what to tell the user.
struct PageError: Error, Sendable {
  let status: HTTPResponse.Status
  let message: String

  init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }

  /// A failure of the server, not of the request: the details (a store's or template's path
  /// and line) go to the server's log, and the browser is told only that it failed.
  static func failed(_ detail: String) -> PageError {
    FileHandle.standardError.write(Data("ardoc serve: \(detail)\n".utf8))
    return PageError(.internalServerError, "The server could not do this; its log says why.")
  }
}

/// Runs blocking work (SQLite, rendering, printing) off the server's threads.
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async {
      continuation.resume(with: Result { try work() })
    }
  }
}
