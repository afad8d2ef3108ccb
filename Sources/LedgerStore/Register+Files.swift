import GRDB

extension LedgerStore {
  /// The file of the document issued last (issued, or written invalid), as the register
  /// names it; nil when none has a file.
  public func latestFile() throws(StoreError) -> String? {
    do {
      return try queue.read { db in
        try String.fetchOne(
          db,
          sql: """
            SELECT path FROM documents WHERE path IS NOT NULL AND status IN ('issued', 'invalid')
            ORDER BY rowid DESC LIMIT 1
            """)
      }
    } catch {
      throw describe(error, path: path)
    }
  }
}
