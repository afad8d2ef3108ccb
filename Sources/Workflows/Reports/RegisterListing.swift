import Basics
import Ledger
import Vocabulary

/// The register's entries as `ardoc register list` prints them.
///
/// ```swift
/// RegisterListing.render(entries, format: .csv)  // "\u{FEFF}number,kind,customer,…"
/// ```
public enum RegisterListing {
  /// The columns of the CSV form, in order; the JSON form's keys are the same.
  static let columns = [
    "number", "kind", "customer", "date", "asOf", "currency", "amount", "status", "detail", "supersedes", "file",
    "sha256",
  ]

  public static func render(_ entries: [RegisterEntry], format: ReportFormat) -> String {
    switch format {
    case .table:
      let rows = entries.map { entry in
        [
          entry.number, entry.kind.rawValue, entry.customer, entry.documentDate.iso, entry.asOf.iso, entry.currency,
          entry.amount.formatted(in: entry.currency), entry.status.rawValue, entry.path ?? "",
        ]
      }
      return TextTable.render(
        header: ["number", "kind", "customer", "date", "as of", "currency", "amount", "status", "file"], rows: rows,
        rightAligned: [6])
    case .csv:
      return CSVWriter.document([columns] + entries.map { entry in cells(entry).map { $0 ?? "" } })
    case .json:
      let w = JSONWriter()
      w.object {
        w.key("entries")
        w.array(entries) { entry in
          w.object {
            for (name, value) in zip(columns, cells(entry)) {
              w.key(name)
              if let value { w.string(value) } else { w.raw("null") }
            }
          }
        }
      }
      return w.output + "\n"
    }
  }

  /// An entry's values in ``columns`` order; nil where the register holds none (a reserved
  /// number has no file yet).
  static func cells(_ entry: RegisterEntry) -> [String?] {
    [
      entry.number, entry.kind.rawValue, entry.customer, entry.documentDate.iso, entry.asOf.iso, entry.currency,
      entry.amount.formatted(places: 2, grouping: false), entry.status.rawValue, entry.detail, entry.supersedes,
      entry.path, entry.sha256,
    ]
  }
}
