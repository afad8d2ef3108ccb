import Basics
import Foundation
import GRDB
import Vocabulary

/// A reply to be recorded: everything but its id, state and times.
public struct NewReply: Sendable {
  public var letter: String
  public var answer: ReplyAnswer
  public var receivedOn: CivilDate
  public var signedBy: String?
  public var theirBalance: ExactDecimal?
  public var items: [ReconcilingItem]
  public var unexplained: ExactDecimal?
  public var note: String?
  public var evidence: String?
  public var evidenceSHA256: String?
  public var invoices: [String]
  /// The second notice whose number the reply came under (the document the customer stamped).
  public var notice: String?

  public init(
    letter: String, answer: ReplyAnswer, receivedOn: CivilDate, signedBy: String? = nil,
    theirBalance: ExactDecimal? = nil, items: [ReconcilingItem] = [], unexplained: ExactDecimal? = nil,
    note: String? = nil, evidence: String? = nil, evidenceSHA256: String? = nil, invoices: [String] = [],
    notice: String? = nil
  ) {
    self.notice = notice
    self.letter = letter
    self.answer = answer
    self.receivedOn = receivedOn
    self.signedBy = signedBy
    self.theirBalance = theirBalance
    self.items = items
    self.unexplained = unexplained
    self.note = note
    self.evidence = evidence
    self.evidenceSHA256 = evidenceSHA256
    self.invoices = invoices
  }
}

/// What recording a reply came to.
public enum ReplyRecording: Sendable {
  case recorded(Reply)
  /// The letter's reply in force is not the one the caller read before it prepared its own
  /// (another process recorded one meanwhile): nothing was recorded.
  case changed(current: Reply?)
  /// The letter no longer stands (superseded or voided meanwhile): nothing was recorded.
  case notStanding(RegisterEntry)
  /// A reissue that replaces the letter has its number (`by`) and is being written: a reply
  /// recorded now would be superseded with the letter a moment later. Nothing was recorded.
  case beingReplaced(by: String)
}

extension LedgerStore {
  /// Records a reply to the confirmation `reply.letter`, in one transaction: the one in force,
  /// which must be `expecting` (the one the caller read, nil for none), becomes superseded,
  /// and the new one is in force. Two processes replying to the same letter at once cannot
  /// both succeed: the second is told what changed.
  public func recordReply(_ reply: NewReply, expecting: Int64?) throws(StoreError) -> ReplyRecording {
    do {
      return try queue.writeWithoutTransaction { db in
        var outcome = ReplyRecording.changed(current: nil)
        try db.inTransaction(.immediate) {
          guard
            let row = try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE number = ?", arguments: [reply.letter])
          else { throw StoreError(path: path, message: "\(reply.letter) is not in the register") }
          let entry = try registerEntry(row)
          guard entry.kind == .confirmation, entry.status == .issued else {
            outcome = .notStanding(entry)
            return .rollback
          }
          // The reissue took its number in a transaction that found no reply in force; this
          // one finds the number, so the two never both go through. A reissue whose run has
          // stopped gives way: its number is void, so no later run finishes it over the reply.
          for row in try Row.fetchAll(
            db, sql: "SELECT number, run FROM documents WHERE supersedes = ? AND status = 'reserved'",
            arguments: [reply.letter])
          {
            let reissue: String = row["number"]
            let owner: Int64? = row["run"]
            if try isAlive(owner) {
              outcome = .beingReplaced(by: reissue)
              return .rollback
            }
            try db.execute(
              sql: "UPDATE documents SET status = 'void', findings = ? WHERE number = ?",
              arguments: [
                "left reserved by \(owner.map { "run \($0)" } ?? "a run") that stopped; a reply to \(reply.letter), which it would have replaced, was recorded",
                reissue,
              ])
          }
          let current = try inForceReply(letter: reply.letter, db)
          guard current?.id == expecting else {
            outcome = .changed(current: current)
            return .rollback
          }
          let now = LedgerStore.now()
          if let current {
            try db.execute(
              sql: "UPDATE replies SET state = 'superseded', ended_at = ? WHERE id = ?", arguments: [now, current.id])
          }
          try db.execute(
            sql: """
              INSERT INTO replies (letter, answer, received_on, signed_by, our_balance, their_balance, unexplained, note,
                evidence, evidence_sha256, state, recorded_at, notice)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in-force', ?, ?)
              """,
            arguments: [
              reply.letter, reply.answer.rawValue, reply.receivedOn.iso, reply.signedBy,
              RegisterEntry.amountText(entry.amount), reply.theirBalance.map(RegisterEntry.amountText),
              reply.unexplained.map(RegisterEntry.amountText), reply.note, reply.evidence, reply.evidenceSHA256, now,
              reply.notice,
            ])
          let id = db.lastInsertedRowID
          for (position, item) in reply.items.enumerated() {
            try db.execute(
              sql: "INSERT INTO reply_items (reply, position, kind, reference, amount, note) VALUES (?, ?, ?, ?, ?, ?)",
              arguments: [
                id, position, item.kind.rawValue, item.reference, RegisterEntry.amountText(item.amount), item.note,
              ])
          }
          for invoice in Set(reply.invoices) {
            try db.execute(sql: "INSERT INTO reply_invoices (reply, invoice) VALUES (?, ?)", arguments: [id, invoice])
          }
          guard let recorded = try self.reply(id: id, db) else {
            throw StoreError(path: path, message: "the reply to \(reply.letter) was not found after it was recorded")
          }
          outcome = .recorded(recorded)
          return .commit
        }
        return outcome
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Withdraws the reply in force of `letter` (recorded by mistake): it stays in the history
  /// as withdrawn and the letter is pending again. Nil when it has none.
  public func withdrawReply(letter: String) throws(StoreError) -> Reply? {
    do {
      return try queue.writeWithoutTransaction { db in
        var withdrawn: Reply?
        try db.inTransaction(.immediate) {
          guard let current = try inForceReply(letter: letter, db) else { return .rollback }
          try db.execute(
            sql: "UPDATE replies SET state = 'withdrawn', ended_at = ? WHERE id = ?",
            arguments: [LedgerStore.now(), current.id])
          withdrawn = try reply(id: current.id, db)
          return .commit
        }
        return withdrawn
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// The reply in force of a letter, if any.
  /// Whether a reply (in force or not) keeps `path` as its evidence.
  public func evidenceKept(_ path: String) throws(StoreError) -> Bool {
    do {
      return try queue.read { db in
        try Bool.fetchOne(db, sql: "SELECT 1 FROM replies WHERE evidence = ?", arguments: [path]) ?? false
      }
    } catch {
      throw describe(error, path: self.path)
    }
  }

  public func replyInForce(letter: String) throws(StoreError) -> Reply? {
    do {
      return try queue.read { db in try inForceReply(letter: letter, db) }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Every reply to a letter, oldest first, whatever its state.
  public func replyHistory(letter: String) throws(StoreError) -> [Reply] {
    do {
      return try queue.read { db in
        try Int64.fetchAll(db, sql: "SELECT id FROM replies WHERE letter = ? ORDER BY id", arguments: [letter])
          .compactMap { try reply(id: $0, db) }
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// The replies in force, optionally for one customer, by letter number.
  public func repliesInForce(customer: String? = nil) throws(StoreError) -> [Reply] {
    do {
      return try queue.read { db in
        var sql = """
          SELECT replies.id FROM replies JOIN documents ON documents.number = replies.letter
          WHERE replies.state = 'in-force'
          """
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let customer {
          sql += " AND documents.customer = ?"
          arguments.append(customer)
        }
        sql += " ORDER BY replies.letter"
        return try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap {
          try reply(id: $0, db)
        }
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  private func inForceReply(letter: String, _ db: Database) throws -> Reply? {
    guard
      let id = try Int64.fetchOne(
        db, sql: "SELECT id FROM replies WHERE letter = ? AND state = 'in-force'", arguments: [letter])
    else { return nil }
    return try reply(id: id, db)
  }

  private func reply(id: Int64, _ db: Database) throws -> Reply? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT replies.*, documents.customer, documents.currency, documents.as_of AS letter_as_of,
            documents.status AS letter_status FROM replies
          JOIN documents ON documents.number = replies.letter WHERE replies.id = ?
          """, arguments: [id])
    else { return nil }
    func decimal(_ column: String) throws -> ExactDecimal? {
      guard let text = row[column] as String? else { return nil }
      return try ExactDecimal(parsing: text)
    }
    let answerText: String = row["answer"]
    let stateText: String = row["state"]
    guard let answer = ReplyAnswer(rawValue: answerText), let state = Reply.State(rawValue: stateText) else {
      throw StoreError(path: path, message: "reply \(id) has answer '\(answerText)', state '\(stateText)'")
    }
    let items = try Row.fetchAll(
      db, sql: "SELECT * FROM reply_items WHERE reply = ? ORDER BY position", arguments: [id]
    ).map { item -> ReconcilingItem in
      let kind: String = item["kind"]
      return ReconcilingItem(
        kind: ReconcilingItem.Kind(rawValue: kind) ?? .other, reference: item["reference"],
        amount: try ExactDecimal(parsing: item["amount"] as String), note: item["note"])
    }
    let invoices = try String.fetchAll(
      db, sql: "SELECT invoice FROM reply_invoices WHERE reply = ? ORDER BY invoice", arguments: [id])
    return Reply(
      id: id, letter: row["letter"], customer: row["customer"], currency: row["currency"],
      asOf: try CivilDate(iso: row["letter_as_of"] as String), answer: answer,
      receivedOn: try CivilDate(iso: row["received_on"] as String), signedBy: row["signed_by"],
      ourBalance: try decimal("our_balance") ?? .zero, theirBalance: try decimal("their_balance"), items: items,
      unexplained: try decimal("unexplained"), note: row["note"], evidence: row["evidence"],
      evidenceSHA256: row["evidence_sha256"], invoices: invoices, state: state, recordedAt: row["recorded_at"],
      endedAt: row["ended_at"], notice: row["notice"],
      letterSuperseded: (row["letter_status"] as String?) == RegisterEntry.Status.superseded.rawValue)
  }
}

extension LedgerStore {
  /// The reply in force to `letter`, as a phrase (`agreed, received 2026-12-03`), or nil: a
  /// letter the customer answered is not reissued over their answer.
  private static func reply(to letter: String, _ db: Database) throws -> (answer: String, received: String)? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT answer, received_on FROM replies WHERE letter = ? AND state = 'in-force'",
        arguments: [letter])
    else { return nil }
    return (row["answer"], row["received_on"])
  }

  /// The reply that keeps a standing letter from being reissued, as "agreed, received …": a
  /// reply in force, which a new letter would ask again; nil when there is none, or when it
  /// disputes a balance the ledger no longer gives (`amount`, the new letter's, differs from
  /// the letter's `stated`): the ledger was corrected, and the corrected letter replaces the
  /// disputed one, the dispute staying with the letter it answered.
  static func keepsStanding(_ letter: String, stated: ExactDecimal?, amount: ExactDecimal, _ db: Database) throws
    -> String?
  {
    guard let reply = try reply(to: letter, db) else { return nil }
    if reply.answer == ReplyAnswer.disputed.rawValue, let stated, stated != amount { return nil }
    return "\(reply.answer), received \(reply.received)"
  }
}
