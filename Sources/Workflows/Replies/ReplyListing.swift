import Basics
import Foundation
import Ledger
import LedgerStore
import Vocabulary

/// One confirmation letter and where its reply stands, as `ardoc replies` lists it.
public struct ReplyRow: Sendable, Equatable {
  public let number: String
  public let customer: String
  public let currency: String
  /// The letter's balance.
  public let balance: ExactDecimal
  /// The letter's as-of date (its figures') and its own date, and how many days before
  /// `today` that was.
  public let asOf: CivilDate
  public let date: CivilDate
  public let ageDays: Int
  public let status: ReplyStatus
  public let receivedOn: CivilDate?
  public let theirBalance: ExactDecimal?
  public let unexplained: ExactDecimal?
  public let evidenceSHA256: String?
  /// The customer's confirmed payment owner on the letter's date, whom to call, and their
  /// phone (empty when the store's ledger no longer names one).
  public let paymentOwner: String
  public let phone: String
}

/// The confirmation letters that stand (issued, not superseded) with their reply status, and
/// the three forms the listing prints in.
public enum ReplyListing {
  /// What to list: the letters of an as-of month (`yyyy-mm`), of a customer, with a status,
  /// sent more than `olderThan` days before `today`.
  public struct Filter: Sendable {
    public var month: String?
    public var customer: String?
    public var status: ReplyStatus?
    public var olderThan: Int?

    public init(month: String? = nil, customer: String? = nil, status: ReplyStatus? = nil, olderThan: Int? = nil) {
      self.month = month
      self.customer = customer
      self.status = status
      self.olderThan = olderThan
    }
  }

  public static func rows(_ store: LedgerStore, filter: Filter, today: CivilDate) throws(ReplyError) -> [ReplyRow] {
    let letters: [RegisterEntry]
    let replies: [String: Reply]
    do throws(StoreError) {
      letters = try store.entries(customer: filter.customer, kind: .confirmation).filter { entry in
        entry.status == .issued && entry.path != nil && entry.detail != ConfirmationDetail.secondNotice.rawValue
          && (filter.month.map { DocumentPath.month(entry.asOf) == $0 } ?? true)
      }
      replies = Dictionary(
        try store.repliesInForce(customer: filter.customer).map { ($0.letter, $0) }, uniquingKeysWith: { a, _ in a })
    } catch {
      throw ReplyError(error.description)
    }
    var owners: [String: Customer?] = [:]
    var rows: [ReplyRow] = []
    for letter in letters.sorted(by: { NumberOrder.precedes($0.number, $1.number) }) {
      let reply = replies[letter.number]
      let status: ReplyStatus = reply.map { $0.answer == .agreed ? .agreed : .disputed } ?? .pending
      let age = letter.documentDate.days(until: today)
      if let wanted = filter.status, wanted != status { continue }
      if let days = filter.olderThan, age <= days { continue }
      if owners[letter.customer] == nil {
        owners[letter.customer] =
          (try? LedgerSource.ownStore(store.path).customerLedger(letter.customer))?.ledger
          .customers.first
      }
      let owner = owners[letter.customer]??.confirmedPaymentOwner(at: letter.documentDate)
      rows.append(
        ReplyRow(
          number: letter.number, customer: letter.customer, currency: letter.currency, balance: letter.amount,
          asOf: letter.asOf, date: letter.documentDate, ageDays: age, status: status, receivedOn: reply?.receivedOn,
          theirBalance: reply?.theirBalance, unexplained: reply?.unexplained, evidenceSHA256: reply?.evidenceSHA256,
          paymentOwner: owner?.name ?? "", phone: owner?.phone ?? ""))
    }
    return rows
  }

  public static func render(_ rows: [ReplyRow], format: ReportFormat) -> String {
    func money(_ value: ExactDecimal?) -> String? { value.map { $0.formatted(places: 2, grouping: false) } }
    switch format {
    case .json:
      let w = JSONWriter()
      func field(_ name: String, _ value: String?) {
        w.key(name)
        if let value { w.string(value) } else { w.raw("null") }
      }
      w.object {
        w.key("replies")
        w.array(rows) { row in
          w.object {
            field("number", row.number)
            field("customer", row.customer)
            field("currency", row.currency)
            field("balance", money(row.balance))
            field("status", row.status.rawValue)
            field("receivedOn", row.receivedOn?.iso)
            field("theirBalance", money(row.theirBalance))
            field("unexplained", money(row.unexplained))
            field("evidenceSha256", row.evidenceSHA256)
            field("date", row.date.iso)
            w.field("ageDays", row.ageDays)
            field("paymentOwner", row.paymentOwner.isEmpty ? nil : row.paymentOwner)
            field("phone", row.phone.isEmpty ? nil : row.phone)
          }
        }
      }
      return w.output + "\n"
    case .csv:
      let header = [
        "number", "customer", "currency", "balance", "status", "receivedOn", "theirBalance", "unexplained",
        "evidenceSha256", "date", "ageDays", "paymentOwner", "phone",
      ]
      return CSVWriter.document(
        [header]
          + rows.map { row in
            [
              row.number, row.customer, row.currency, money(row.balance) ?? "", row.status.rawValue,
              row.receivedOn?.iso ?? "", money(row.theirBalance) ?? "", money(row.unexplained) ?? "",
              row.evidenceSHA256 ?? "", row.date.iso, String(row.ageDays), row.paymentOwner, row.phone,
            ]
          })
    case .table:
      let header = [
        "number", "customer", "currency", "balance", "status", "received", "their balance", "unexplained", "age",
        "payment owner", "phone",
      ]
      let body = rows.map { row in
        [
          row.number, row.customer, row.currency, row.balance.formatted(in: row.currency), row.status.rawValue,
          row.receivedOn?.iso ?? "", row.theirBalance?.formatted(in: row.currency) ?? "",
          row.unexplained?.formatted(in: row.currency) ?? "", "\(row.ageDays) d", row.paymentOwner, row.phone,
        ]
      }
      return TextTable.render(header: header, rows: body, rightAligned: [3, 6, 7, 8])
    }
  }
}
