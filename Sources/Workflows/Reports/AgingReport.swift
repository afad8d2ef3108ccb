import Basics
import Ledger

/// The aging report in the three forms `ardoc aging` prints.
public enum AgingReport {
  public static func render(_ lines: [AgingLine], ledger: Ledger, asOf: CivilDate, policy: Policy, format: ReportFormat)
    throws(DecimalError) -> String
  {
    let labels = policy.agingBuckets.map(\.label)
    let names = Dictionary(ledger.customers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func money(_ value: ExactDecimal) -> String { value.formatted(places: 2, grouping: false) }
    let sums = try totals(lines, labels: labels)
    switch format {
    case .json:
      let w = JSONWriter()
      w.object {
        w.field("asOf", asOf.iso)
        w.key("customers")
        w.array(lines) { line in
          w.object {
            w.field("id", line.customer)
            w.field("currency", line.currency)
            w.field("balance", money(line.balance))
            w.field("credit", money(line.credit))
            w.key("buckets")
            w.object {
              for bucket in line.buckets { w.field(bucket.label, money(bucket.amount)) }
            }
            w.field("maxDaysOverdue", line.maxDaysOverdue)
          }
        }
        w.key("totals")
        w.array(sums) { total in
          w.object {
            w.field("currency", total.currency)
            w.field("balance", money(total.balance))
            w.field("credit", money(total.credit))
            w.key("buckets")
            w.object {
              for (label, amount) in zip(labels, total.buckets) { w.field(label, money(amount)) }
            }
          }
        }
      }
      return w.output + "\n"
    case .csv:
      let columns = Policy.reportColumns
      let header = Array(columns.dropLast()) + labels + [columns[columns.count - 1]]
      let rows = lines.map { line in
        [line.customer, names[line.customer] ?? "", line.currency, money(line.balance), money(line.credit)]
          + line.buckets.map { money($0.amount) } + [String(line.maxDaysOverdue)]
      }
      return CSVWriter.document([header] + rows)
    case .table:
      let header = ["客户 customer", "名称 name", "币种", "余额 balance", "预收 credit"] + labels + ["最长逾期天数"]
      var rows = lines.map { line in
        [
          line.customer, names[line.customer] ?? "", line.currency, line.balance.formatted(in: line.currency),
          line.credit.formatted(in: line.currency),
        ]
          + line.buckets.map { $0.amount.formatted(in: line.currency) } + [String(line.maxDaysOverdue)]
      }
      for total in sums {
        rows.append(
          [
            "合计 total", "", total.currency, total.balance.formatted(in: total.currency),
            total.credit.formatted(in: total.currency),
          ]
            + total.buckets.map { $0.formatted(in: total.currency) } + [""])
      }
      let right = Set(3..<(header.count))
      return "应收账款账龄 Aging as of \(asOf.iso)\n\n" + TextTable.render(header: header, rows: rows, rightAligned: right)
    }
  }

  /// The lines' sums per currency, in the order of the currencies' codes: amounts in two
  /// currencies are never added. The CSV form has none, since a spreadsheet's own sum or pivot
  /// over its rows would count a total row twice.
  static func totals(_ lines: [AgingLine], labels: [String]) throws(DecimalError)
    -> [(currency: String, balance: ExactDecimal, credit: ExactDecimal, buckets: [ExactDecimal])]
  {
    var result: [(currency: String, balance: ExactDecimal, credit: ExactDecimal, buckets: [ExactDecimal])] = []
    for currency in Set(lines.map(\.currency)).sorted() {
      let these = lines.filter { $0.currency == currency }
      var buckets: [ExactDecimal] = []
      for label in labels { buckets.append(try ExactDecimal.sum(these.map { $0.amount(inBucket: label) })) }
      result.append(
        (currency, try ExactDecimal.sum(these.map(\.balance)), try ExactDecimal.sum(these.map(\.credit)), buckets))
    }
    return result
  }
}
