import Basics

/// A CSV row: its cells and the line it starts on.
struct CSVRow {
  let line: Int
  let cells: [String]
}

/// RFC 4180 CSV: `,` separators, `"` quotes with `""` for a quote, LF or CRLF line ends.
enum CSVParser {
  /// The rows, or nil when a quoted cell is never closed: the rest of the file ran into that
  /// cell, so no row after it can be trusted.
  static func parse(_ text: String, file: String, log: IssueLog) -> [CSVRow]? {
    var rows: [CSVRow] = []
    var cells: [String] = []
    var cell = String.UnicodeScalarView()
    var line = 1
    var rowLine = 1
    var inQuotes = false
    var quoteLine = 1
    var afterQuote = false
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func endRow() {
      cells.append(String(cell))
      cell = String.UnicodeScalarView()
      // A blank line, or a row of empty cells (`,,,,`: Excel exports them where formatting
      // reaches past the data), holds nothing to read.
      if cells.contains(where: { !$0.isEmpty }) { rows.append(CSVRow(line: rowLine, cells: cells)) }
      cells = []
    }
    while i < scalars.count {
      let c = scalars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            cell.append("\"")
            i += 2
            continue
          }
          inQuotes = false
          afterQuote = true
        } else {
          if c == "\n" { line += 1 }
          cell.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case "\"":
        if cell.isEmpty && !afterQuote {
          inQuotes = true
          quoteLine = line
        } else {
          log.add(
            file, line, nil, "",
            "a quote inside an unquoted cell; put the whole cell in quotes and double the quote (\"\")")
        }
      case ",":
        cells.append(String(cell))
        cell = String.UnicodeScalarView()
        afterQuote = false
      case "\r":
        if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        endRow()
        line += 1
        rowLine = line
        afterQuote = false
      case "\n":
        endRow()
        line += 1
        rowLine = line
        afterQuote = false
      default:
        if afterQuote {
          log.add(file, line, nil, "", "text after a closing quote; put the whole cell in quotes")
          afterQuote = false
        }
        cell.append(c)
      }
      i += 1
    }
    if inQuotes {
      log.add(file, quoteLine, nil, "", "a quoted cell starting on this line is never closed; add the closing quote")
      return nil
    }
    if !cell.isEmpty || !cells.isEmpty { endRow() }
    return rows
  }
}

/// One CSV file read by the rules of the ledger's CSV files: at most `limit` bytes, UTF-8 (a
/// byte order mark allowed) or GB18030, detected unless `encoding` says; UTF-16 ("Unicode
/// text") refused with how to save it; RFC 4180 quoting; a first row naming known columns,
/// each once, the required ones present.
public enum CSVFile {
  /// A data row: the line it starts on and its cells by column name, each with its column
  /// number (1-based); empty cells are left out.
  public struct Row: Sendable, Equatable {
    public let line: Int
    public let cells: [String: Cell]

    public struct Cell: Sendable, Equatable {
      public let text: String
      public let column: Int
    }
  }

  /// The file's data rows, or every problem found (file, line, column, what is wrong and how
  /// to fix it).
  public static func read(
    _ path: String, columns: [String], required: Set<String>, encoding: TextEncoding? = nil,
    limit: Int = LedgerReader.defaultMaxLedgerBytes
  ) throws(LedgerError) -> [Row] {
    let log = IssueLog()
    var result: [Row] = []
    if let (names, rows) = rows(path, columns: columns, required: required, encoding: encoding, limit: limit, log: log)
    {
      for row in rows {
        guard row.cells.count == names.count else {
          log.add(
            path, row.line, nil, "", "the row has \(row.cells.count) cells; the first row names \(names.count) columns")
          continue
        }
        var cells: [String: Row.Cell] = [:]
        for (position, name) in names.enumerated() where !row.cells[position].isEmpty {
          guard !name.isEmpty else {
            log.add(path, row.line, position + 1, "", Self.unnamedCell)
            continue
          }
          cells[name] = Row.Cell(text: row.cells[position], column: position + 1)
        }
        result.append(Row(line: row.line, cells: cells))
      }
    }
    guard log.issues.isEmpty else { throw LedgerError(log.issues) }
    return result
  }

  /// Whether the file at `path` is read as GB18030 when no encoding is given: it is not UTF-8
  /// (nor UTF-16). Any bytes read as something in GB18030, so a file saved as Big5 or
  /// Windows-1252 is read so too, garbled; a reader tells its user which files were.
  public static func isReadAsGB18030(_ path: String) -> Bool {
    guard let bytes = try? FileBytes.read(path, limit: LedgerReader.defaultMaxLedgerBytes) else { return false }
    return WideEncoding.detect(bytes) == nil && TextEncoding.detect(bytes) == .gb18030
  }

  /// The problem of a value in a column the first row leaves without a name.
  static let unnamedCell = "a value in a column the first row gives no name; name the column, or delete the value"

  /// "2, 5, 9" or "2, 5, 9 and 12 more".
  static func listed(_ lines: [Int]) -> String {
    lines.prefix(5).map(String.init).joined(separator: ", ")
      + (lines.count > 5 ? " and \(lines.count - 5) more" : "")
  }

  /// The header's column names and the data rows, or nil when the file cannot be read as
  /// text, a quoted cell is never closed or the header has problems; problems go to `log`.
  /// `aliases` are names the same data has elsewhere (the JSON form's field names), each with
  /// its column: a header that uses one is told the column's name.
  static func rows(
    _ path: String, columns: [String], required: Set<String>, encoding: TextEncoding?, limit: Int, log: IssueLog,
    aliases: [String: String] = [:]
  ) -> (names: [String], rows: [CSVRow])? {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: limit)
    } catch {
      log.add(path, 0, nil, "", "cannot read: \(error.reason)")
      return nil
    }
    if let wide = WideEncoding.detect(bytes) {
      log.add(
        path, 0, nil, "",
        "is \(wide) text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV\" (GB18030) instead")
      return nil
    }
    let chosen = encoding ?? TextEncoding.detect(bytes)
    if encoding == nil, chosen == .gb18030, let mixed = TextEncoding.mixedLines(bytes) {
      log.add(
        path, mixed.first, nil, "",
        "is not UTF-8, but \(mixed.utf8Lines == 1 ? "another line" : "\(mixed.utf8Lines) other lines") of the file with Chinese or other non-ASCII text \(mixed.utf8Lines == 1 ? "is" : "are") (\(mixed.otherLines.count == 1 ? "this line alone is not" : "lines \(Self.listed(mixed.otherLines)) are not")): the file mixes two encodings, as when rows are pasted in from another file; save the whole file as UTF-8 (\"CSV UTF-8\"), or pass --encoding gb18030 if it is all GB18030"
      )
      return nil
    }
    guard let text = chosen.decode(bytes) else {
      let firstBad = encoding == nil ? TextEncoding.firstLineNotUTF8(bytes) : nil
      let hint = encoding == nil ? "save it as UTF-8" : "check --encoding \(chosen.rawValue)"
      log.add(
        path, firstBad ?? 0, nil, "",
        encoding == nil
          ? "is neither UTF-8 (\(firstBad.map { "line \($0) is the first that is not" } ?? "it is not")) nor GB18030 text; \(hint)"
          : "is not valid \(chosen.rawValue) text; \(hint)")
      return nil
    }
    // Any bytes read as something in GB18030: a Big5 file's do too, into characters no text
    // uses (private use), which would be printed garbled without a word.
    if encoding == nil, chosen == .gb18030, let (line, scalar) = TextEncoding.firstPrivateUse(text) {
      log.add(
        path, line, nil, "",
        "is not UTF-8, and read as GB18030 it holds \(scalar.codeName), a private-use character no text uses: the file is in another encoding (Big5?); save it as UTF-8 (\"CSV UTF-8\"), or pass --encoding gb18030 if it is GB18030"
      )
      return nil
    }
    guard let rows = CSVParser.parse(text, file: path, log: log) else { return nil }
    guard let header = rows.first else {
      log.add(path, 1, nil, "", "is empty; the first row must name the columns")
      return nil
    }
    let names = header.cells.map(\.trimmingSpaces)
    if names.count == 1, let separator = [";", "\t", "|"].first(where: { names[0].contains($0) }) {
      log.add(
        path, header.line, nil, "",
        "the first row is one cell, '\(names[0])': its columns are separated by '\(separator == "\t" ? "\\t" : separator)', but a CSV ledger separates them with commas; save the file as \"CSV UTF-8 (comma delimited)\""
      )
      return nil
    }
    let known = Set(columns)
    var headerOK = true
    // A column without a name holds nothing ardoc reads (Excel leaves trailing ones); a value
    // in it is reported where the row is read.
    for (position, name) in names.enumerated() where !name.isEmpty && !known.contains(name) {
      let alias = aliases[name.lowercased()].map { "; the JSON ledger's '\(name)' is the column '\($0)' here" }
      let hint = alias ?? CSVLedger.closestColumn(name, columns).map { "; did you mean '\($0)'?" } ?? ""
      log.add(
        path, header.line, position + 1, name, "unknown column\(hint) (columns: \(columns.joined(separator: ", ")))")
      headerOK = false
    }
    for column in required.sorted() where !names.contains(column) {
      log.add(path, header.line, nil, column, "the column is missing; add it to the first row")
      headerOK = false
    }
    var seen: [String: Int] = [:]
    for (position, name) in names.enumerated() where !name.isEmpty {
      if let first = seen[name] {
        log.add(
          path, header.line, position + 1, name,
          "the column appears twice in the first row (columns \(first + 1) and \(position + 1)); keep one")
        headerOK = false
      } else {
        seen[name] = position
      }
    }
    // A header with problems leaves no row to read: the table counts as unreadable, so the
    // rows of other files that name its ids are not reported as unknown as well.
    return headerOK ? (names, Array(rows.dropFirst())) : nil
  }
}
