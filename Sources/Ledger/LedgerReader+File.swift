import Basics

/// Reading a ledger file: its size limit, and a JSON file in two passes (checked whole, then
/// each item read again from the open file as the model is built).
extension LedgerReader {
  /// The largest ledger read when the caller does not allow more (`--max-ledger-size`): a
  /// JSON file, or the CSV files of a folder together. Reading holds the text, then the model
  /// (two to three times the file's size), and no company's receivables come near it; a
  /// larger file is more likely a wrong file or an export gone wrong, and is refused before
  /// it is read.
  public static let defaultMaxLedgerBytes = 512 << 20

  /// Loads a `.json` file or a folder of CSV files. `encoding` applies to CSV files
  /// (`utf-8` or `gb18030`); nil detects it per file. A file, or a folder whose CSV files
  /// together, are larger than `maxBytes` are refused unread.
  public static func load(
    _ path: String, encoding: TextEncoding? = nil, maxBytes: Int = defaultMaxLedgerBytes
  ) throws(LedgerError) -> Ledger {
    if FileBytes.isFolder(path) {
      return try CSVLedger.load(folder: path, encoding: encoding, maxBytes: maxBytes)
    }
    let file: FileBytes.Reader
    do {
      file = try FileBytes.Reader(path)
    } catch {
      throw LedgerError([LedgerIssue(file: path, line: 0, field: "", message: "cannot read: \(error.reason)")])
    }
    if file.size > maxBytes { throw LedgerError([tooLarge(path, bytes: file.size, limit: maxBytes, folder: false)]) }
    return try ledger(from: try checkedNode(file, maxBytes: maxBytes), of: file)
  }

  /// What a reader of `path` should know about what was read that is not an error: for a CSV
  /// folder, the files read as GB18030 (`encoding` nil) and a missing `payments.csv` or
  /// `credits.csv` (none counted, which a missed export also gives); for any ledger with
  /// invoices (`ledger`, when at hand) but no payments at all, that every balance is before them.
  ///
  /// ```swift
  /// LedgerReader.readingNotes("csv", encoding: nil, ledger: nil)
  /// // ["note: csv has no credits.csv, so no credit notes are counted; …"]
  /// ```
  public static func readingNotes(_ path: String, encoding: TextEncoding?, ledger: Ledger?) -> [String] {
    let located = FileBytes.isFolder(path) ? CSVLedger.Folder(path) : nil
    var notes = located.map { CSVLedger.readingNotes($0, encoding: encoding) } ?? []
    let paymentsAbsent = located.map { $0.found["payments"] == nil } ?? false
    if let ledger, ledger.payments.isEmpty, !ledger.invoices.isEmpty, !paymentsAbsent {
      notes.append(
        "note: \(path) holds no payments, so every balance is its invoices less credit notes; if customers have paid, export the payments"
      )
    }
    return notes
  }

  /// The model built from `node`, whose items are read again from `file`; refused whole if
  /// the file changed meanwhile or could not be read again, whatever the build found (its
  /// problems would be those of a file half rewritten), so that a ledger is never half one
  /// version, half another.
  static func ledger(from node: JSONNode, of file: FileBytes.Reader) throws(LedgerError) -> Ledger {
    let built: Result<Ledger, LedgerError>
    do {
      built = .success(try parseJSON(node, file: file.path, issuer: nil))
    } catch {
      built = .failure(error)
    }
    if file.isRegularFile {
      if let reason = file.readFailure {
        throw LedgerError([LedgerIssue(file: file.path, line: 0, field: "", message: "cannot read: \(reason)")])
      }
      guard file.unchanged else {
        throw LedgerError([
          LedgerIssue(
            file: file.path, line: 0, field: "",
            message: "changed while it was read; run the command again once nothing is writing to it")
        ])
      }
    }
    return try built.get()
  }

  /// The file parsed whole, then its top-level lists set to read each item again from the
  /// file when it is reached: the file's bytes are let go here, before the model is built,
  /// so the peak is the bytes or the model, never both (but for a pipe, which cannot be read
  /// again: its bytes are kept until the model is built).
  static func checkedNode(_ file: FileBytes.Reader, maxBytes: Int) throws(LedgerError) -> JSONNode {
    let bytes: [UInt8]
    do {
      bytes = try file.readAll(limit: maxBytes)
    } catch {
      throw LedgerError([LedgerIssue(file: file.path, line: 0, field: "", message: "cannot read: \(error.reason)")])
    }
    let node = try jsonNode(bytes, file: file.path)
    // A pipe cannot be read again: its items are parsed from the bytes, kept.
    return file.isRegularFile ? node.readingItems(from: file) : node
  }

  /// A ledger over the size limit: its size, the limit and the option that raises it, with
  /// the smallest value that lets it through in the unit of its size (`573M` for 600 MB).
  static func tooLarge(_ path: String, bytes: Int, limit: Int, folder: Bool) -> LedgerIssue {
    let size = folder ? "its CSV files add up to \(bytes.grouped) bytes, which" : "\(bytes.grouped) bytes"
    let (shift, unit) = bytes >= 1 << 30 ? (30, "G") : bytes >= 1 << 20 ? (20, "M") : (10, "K")
    let enough = (bytes + (1 << shift) - 1) >> shift
    return LedgerIssue(
      file: path, line: 0, field: "",
      message:
        "\(size) is over the \(sizeText(limit)) ledger limit; pass --max-ledger-size \(enough)\(unit) to raise it")
  }

  /// A size as a person reads it: `512 MiB`, `2 GiB`, else the bytes (`1,000-byte`).
  public static func sizeText(_ bytes: Int) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift {
      if bytes % (1 << shift) == 0 { return "\((bytes >> shift).grouped) \(unit)" }
    }
    return "\(bytes.grouped)-byte"
  }
}
