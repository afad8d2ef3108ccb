/// The forms a listing prints in (`--format` of `aging`, `replies` and `register list`): a
/// table for a reader, CSV for a spreadsheet (UTF-8 with a byte order mark, formula-like cells
/// neutralised), JSON for a program (amounts as strings with two places).
public enum ReportFormat: String, Sendable, CaseIterable {
  case table, csv, json
}
