import Basics
import Foundation
import GRDB
import Ledger
import Vocabulary

extension LedgerStore {
  /// Schema versions, applied in an IMMEDIATE transaction (GRDB's migrator uses deferred
  /// ones, which two processes creating the same store at once can deadlock on).
  static func migrate(_ queue: DatabaseQueue) throws {
    // A current store needs no write lock, so reading commands (aging, register list) run
    // while another process holds it.
    let current = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    if current >= 7 { return }
    try queue.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version < 1 {
          try db.execute(sql: schemaV1)
          try db.execute(sql: "PRAGMA user_version = 1")
        }
        if version < 2 {
          try db.execute(sql: schemaV2)
          try db.execute(sql: "PRAGMA user_version = 2")
        }
        if version < 3 {
          try db.execute(sql: schemaV3)
          try migrateV3Data(db)
          try db.execute(sql: "PRAGMA user_version = 3")
        }
        if version < 4 {
          try db.execute(sql: schemaV4)
          try db.execute(sql: "PRAGMA user_version = 4")
        }
        if version < 5 {
          try db.execute(sql: schemaV5)
          try db.execute(sql: "PRAGMA user_version = 5")
        }
        if version < 6 {
          try db.execute(sql: schemaV6)
          try db.execute(sql: "PRAGMA user_version = 6")
        }
        if version < 7 {
          try db.execute(sql: schemaV7)
          try db.execute(sql: "PRAGMA user_version = 7")
        }
        return .commit
      }
    }
  }

  static let schemaV1 = """
    CREATE TABLE IF NOT EXISTS ledger_snapshot (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            canonical_json BLOB NOT NULL
          );
          CREATE TABLE IF NOT EXISTS customers (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, non_malicious INTEGER NOT NULL
          );
          CREATE TABLE IF NOT EXISTS invoices (
            number TEXT PRIMARY KEY, contract TEXT NOT NULL, customer TEXT NOT NULL, currency TEXT NOT NULL,
            issued_on TEXT NOT NULL, due_on TEXT NOT NULL, amount TEXT NOT NULL
          );
          CREATE TABLE IF NOT EXISTS payments (
            id TEXT PRIMARY KEY, customer TEXT NOT NULL, currency TEXT NOT NULL, received_on TEXT NOT NULL,
            amount TEXT NOT NULL
          );
          CREATE TABLE IF NOT EXISTS counters (
            scope TEXT PRIMARY KEY, next INTEGER NOT NULL
          );
          CREATE TABLE IF NOT EXISTS documents (
            number TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            customer TEXT NOT NULL,
            document_date TEXT NOT NULL,
            as_of TEXT NOT NULL,
            currency TEXT NOT NULL,
            amount TEXT NOT NULL,
            sha256 TEXT,
            path TEXT,
            status TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'invalid', 'void', 'superseded')),
            supersedes TEXT REFERENCES documents(number),
            findings TEXT,
            detail TEXT,
            created_at TEXT NOT NULL
          );
          CREATE INDEX IF NOT EXISTS documents_by_customer ON documents(customer, kind, as_of);
    """

  /// Each customer's own slice of the ledger, so a batch can read customers one by one.
  static let schemaV2 = """
    CREATE TABLE IF NOT EXISTS customer_slices (
      customer TEXT PRIMARY KEY, position INTEGER NOT NULL, canonical_json BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS customer_slices_by_position ON customer_slices(position);
    """

  /// Runs (each batch and each single document: who took which numbers, with which options,
  /// from which ledger), the ledger's digest and its issuer kept once.
  static let schemaV3 = """
    CREATE TABLE IF NOT EXISTS runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      pid INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      month TEXT NOT NULL,
      folder TEXT NOT NULL,
      batch INTEGER NOT NULL,
      locale TEXT NOT NULL,
      force INTEGER NOT NULL,
      templates TEXT NOT NULL,
      ledger TEXT,
      state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'stopped'))
    );
    ALTER TABLE documents ADD COLUMN run INTEGER REFERENCES runs(id);
    ALTER TABLE documents ADD COLUMN ledger TEXT;
    ALTER TABLE ledger_snapshot ADD COLUMN digest TEXT;
    ALTER TABLE ledger_snapshot ADD COLUMN issuer_json BLOB;
    """

  /// Replies to confirmation letters: at most one in force per letter (the partial unique
  /// index holds it even against two processes), with their reconciling items and the
  /// invoices an agreed reply acknowledges.
  static let schemaV4 = """
    CREATE TABLE IF NOT EXISTS replies (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      letter TEXT NOT NULL REFERENCES documents(number),
      answer TEXT NOT NULL CHECK (answer IN ('agreed', 'disputed')),
      received_on TEXT NOT NULL,
      signed_by TEXT,
      our_balance TEXT NOT NULL,
      their_balance TEXT,
      unexplained TEXT,
      note TEXT,
      evidence TEXT,
      evidence_sha256 TEXT,
      state TEXT NOT NULL CHECK (state IN ('in-force', 'superseded', 'withdrawn')),
      recorded_at TEXT NOT NULL,
      ended_at TEXT
    );
    CREATE UNIQUE INDEX IF NOT EXISTS replies_one_in_force ON replies(letter) WHERE state = 'in-force';
    CREATE INDEX IF NOT EXISTS replies_by_letter ON replies(letter, id);
    CREATE TABLE IF NOT EXISTS reply_items (
      reply INTEGER NOT NULL REFERENCES replies(id),
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      reference TEXT NOT NULL,
      amount TEXT NOT NULL,
      note TEXT NOT NULL,
      PRIMARY KEY (reply, position)
    );
    CREATE TABLE IF NOT EXISTS reply_invoices (
      reply INTEGER NOT NULL REFERENCES replies(id),
      invoice TEXT NOT NULL,
      PRIMARY KEY (reply, invoice)
    );
    """

  /// The web page's users: a name, a role and a password hash.
  static let schemaV5 = """
    CREATE TABLE IF NOT EXISTS users (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('salesperson', 'finance', 'legal', 'admin')),
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    """

  /// The second notice a reply came under, when it did: the document the customer stamped
  /// (the reply is recorded for the letter the notice asked about again).
  static let schemaV6 = """
    ALTER TABLE replies ADD COLUMN notice TEXT REFERENCES documents(number);
    """

  /// Which checks the stored ledger passed when it was imported (``Ledger/LedgerReader/storedRules``):
  /// a ledger imported before this column was read by the general reader's checks every time,
  /// and still is (NULL), until it is imported again.
  static let schemaV7 = """
    ALTER TABLE ledger_snapshot ADD COLUMN checked_rules INTEGER;
    """

  /// Fills in what version 3 adds for a store written before: the stored ledger's digest and
  /// issuer (the slices keep their own copies, which are no longer read), and register amounts
  /// as two-place text.
  static func migrateV3Data(_ db: Database) throws {
    if let data = try Data.fetchOne(db, sql: "SELECT canonical_json FROM ledger_snapshot WHERE id = 1") {
      let bytes = Array(data)
      let ledger = try LedgerReader.parseStored(bytes, file: "stored ledger")
      try db.execute(
        sql: "UPDATE ledger_snapshot SET digest = ?, issuer_json = ? WHERE id = 1",
        arguments: [SHA256.hex(bytes), Data(LedgerWriter.json(ledger.issuer))])
    }
    let rows = try Row.fetchAll(db, sql: "SELECT number, amount FROM documents")
    let update = try db.makeStatement(sql: "UPDATE documents SET amount = ? WHERE number = ?")
    for row in rows {
      let text: String = row["amount"]
      guard let amount = try? ExactDecimal(parsing: text) else { continue }
      let stored = RegisterEntry.amountText(amount)
      if stored != text { try update.execute(arguments: [stored, row["number"] as String]) }
    }
  }
}
