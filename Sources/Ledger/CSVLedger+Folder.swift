import Basics
import Foundation

extension CSVLedger {
  /// The ledger's files in a folder, found once for every reader of the folder: the load, the
  /// size limit, the encoding notes and the notes about files that are not there.
  ///
  /// A file whose name differs from docs/ledger.md's only in case (`Payments.csv`, as Excel on
  /// Windows may save it, where names ignore case) is that table's file: read, not taken for
  /// missing, which would leave every payment out of every balance without a word.
  struct Folder {
    /// The folder as given.
    let path: String
    /// Table name → the path of its file, for the tables whose file is there.
    private(set) var found: [String: String] = [:]
    /// Tables with more than one file whose names differ only in case: each name.
    private(set) var clashes: [String: [String]] = [:]
    /// CSV files in the folder that no table reads (`payment.csv`, `payments (1).csv`).
    private(set) var unread: [String] = []

    init(_ folder: String) {
      path = folder
      let byName = Dictionary(uniqueKeysWithValues: CSVLedger.tables.map { ($0.value.file, $0.key) })
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        // A folder that cannot be listed: its files are looked for by their exact names.
        for (name, table) in CSVLedger.tables where FileBytes.exists(file(table.file)) {
          found[name] = file(table.file)
        }
        return
      }
      var matches: [String: [String]] = [:]
      for name in names.sorted() {
        if let table = byName[name.lowercased()] {
          matches[table, default: []].append(name)
        } else if name.lowercased().hasSuffix(".csv") {
          unread.append(name)
        }
      }
      for (table, names) in matches {
        // The exact name first, so a message names the file docs/ledger.md names.
        let ordered = names.sorted {
          ($0 != CSVLedger.tables[table]?.file ? 1 : 0, $0) < ($1 != CSVLedger.tables[table]?.file ? 1 : 0, $1)
        }
        if ordered.count > 1 { clashes[table] = ordered }
        found[table] = file(ordered[0])
      }
    }

    /// The path of `name` in the folder.
    func file(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }

    /// The unread CSV files whose names look meant for `file` (`payment.csv`, `Payments 2026.csv`
    /// for `payments.csv`).
    func lookalikes(of file: String) -> [String] {
      let stem = String(file.dropLast(4))
      return unread.filter { name in
        let other = String(name.dropLast(4)).lowercased()
        return other.contains(stem) || (other.count >= 4 && stem.contains(other))
          || other.editDistance(to: stem) <= max(2, stem.count / 3)
      }
    }

    /// " (payment.csv is there but not read: name the file payments.csv)", or nothing.
    func lookalikeHint(_ file: String) -> String {
      let near = lookalikes(of: file)
      guard !near.isEmpty else { return "" }
      let listed = near.joined(separator: ", ")
      return " (\(listed) \(near.count == 1 ? "is" : "are") there but not read: name the file \(file))"
    }
  }

  /// The notes a folder's reading gives: files that are not UTF-8 (read as GB18030 when
  /// `encoding` is nil) and the files that change amounts which are not there.
  static func readingNotes(_ located: Folder, encoding: TextEncoding?) -> [String] {
    var notes: [String] = []
    if encoding == nil {
      for file in filesReadAsGB18030(located) {
        notes.append(
          "note: \(file) is not UTF-8 and was read as GB18030; if it was saved in another encoding (Big5, Windows-1252), its text is garbled: save it as UTF-8"
        )
      }
    }
    for (name, what, advice) in [
      ("payments", "payments", "if customers have paid, export their payments"),
      ("credits", "credit notes", "if any were issued, export them"),
    ] {
      guard let file = tables[name]?.file, located.found[name] == nil else { continue }
      notes.append(
        "note: \(located.path) has no \(file), so no \(what) are counted; \(advice) into \(located.file(file))"
          + located.lookalikeHint(file))
    }
    return notes
  }

  /// The ledger's files in `folder` that are not UTF-8, which a load without an encoding reads
  /// as GB18030. Any byte sequence reads as something in GB18030, so a file saved as Big5 or
  /// Windows-1252 is read too, garbled.
  static func filesReadAsGB18030(_ folder: Folder) -> [String] {
    folder.found.values.sorted().filter(CSVFile.isReadAsGB18030)
  }
}
