import Basics
import Ledger
import LedgerStore
import Letters
import Vocabulary

/// Second notices (再次询证): for each confirmation letter of a month that stands without a
/// reply once its reply period is over, the same balance asked again in a new letter,
/// numbered anew, written through ``DocumentService`` like any document. A letter gets one
/// second notice; running it again sends none twice. A notice that asked about a letter a
/// reissue has since replaced gives way to one about the letter that stands (it supersedes
/// the stale notice).
public struct SecondNotices: Sendable {
  /// Writes each notice as any single document is written.
  public let desk: DocumentDesk
  /// The register the letters are listed from.
  public let store: LedgerStore

  public init(desk: DocumentDesk, store: LedgerStore) {
    self.desk = desk
    self.store = store
  }

  public struct Outcome: Sendable {
    public var written: [IssuedDocument] = []
    /// Letters that had their second notice already: the letter and the notice.
    public var alreadySent: [(letter: String, notice: String)] = []
    /// Letters whose notice was refused, with why; nothing was written for them.
    public var refused: [(letter: String, message: String)] = []
    /// Letters without a reply whose reply period is not over yet: no notice is due.
    public var waiting = 0
  }

  /// Sends the month's second notices, dated `date`, for letters sent more than `olderThan`
  /// days before it (default: the policy's reply days, the period each letter gave).
  public func send(
    month: String, date: CivilDate, olderThan: Int? = nil, customers: [String]? = nil, locale: String,
    output: OutputOptions
  ) throws(GenerateError) -> Outcome {
    // The same for every letter: said once, before any is tried.
    let today = CivilDate.today()
    if let problem = LetterRequest.timeProblem(asOf: min(date, today), date: date, today: today) {
      throw .input(problem)
    }
    let pending: [ReplyRow]
    do {
      pending = try ReplyListing.rows(
        store, filter: ReplyListing.Filter(month: month, status: .pending), today: date)
    } catch {
      throw .input(error.message.hasPrefix("error: ") ? String(error.message.dropFirst(7)) : error.message)
    }
    if let customers {
      let lettered: Set<String>
      do {
        lettered = Set(
          try store.standing(kind: .confirmation, month: month, customers: .these(customers)).map(\.customer))
      } catch {
        throw .store(error)
      }
      if let unknown = customers.first(where: { !lettered.contains($0) }) {
        throw .input(
          "--customers: '\(unknown)' has no confirmation letter for \(month) in the register; check the id (ids are case-sensitive) with 'ardoc replies --month \(month)'"
        )
      }
    }
    let days = olderThan ?? desk.policy.replyDays
    let chosen = pending.filter { row in customers.map { $0.contains(row.customer) } ?? true }
    let rows = chosen.filter { $0.ageDays > days }
    var outcome = Outcome()
    outcome.waiting = chosen.count - rows.count
    for row in rows {
      var request = LetterRequest(
        kind: .confirmation, customer: row.customer, currency: row.currency, asOf: row.asOf, date: date,
        locale: locale)
      let requested: Bool
      do {
        requested = try store.entry(row.number)?.detail == LetterRequest.collectDetail
      } catch {
        throw .store(error)
      }
      request.resending = ResentLetter(
        number: row.number, date: row.date, balance: row.balance, requestedPayment: requested)
      do throws(GenerateError) {
        outcome.written.append(try desk.issue(request, output: output))
      } catch {
        switch error {
        case .standing(let entry) where DocumentMeta.letter(of: entry).map({ $0 != row.number }) == true:
          // The month's notice asked about a letter a reissue has since replaced: this letter
          // was never asked about again, and the stale notice gives way to a new one.
          do throws(GenerateError) {
            outcome.written.append(try desk.issue(request, output: output, reissue: true))
          } catch {
            outcome.refused.append((row.number, error.description))
          }
        case .standing(let entry): outcome.alreadySent.append((row.number, entry.number))
        case .refused, .invalid: outcome.refused.append((row.number, error.description))
        default:
          // A store, file or template failure is the same for every letter: stop here.
          throw error
        }
      }
    }
    return outcome
  }
}
