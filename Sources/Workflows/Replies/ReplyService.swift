import Basics
import Foundation
import Ledger
import LedgerStore
import LibXML
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

/// A reply as the user gives it: the options of `ardoc reply`, or a web form's fields.
public struct ReplyRequest: Sendable {
  public var letter: String
  public var answer: ReplyAnswer
  public var receivedOn: CivilDate
  public var signedBy: String?
  /// A disputed reply's balance as the customer's books show it, as typed.
  public var theirBalance: String?
  /// A CSV file of reconciling items (see ``DifferencesFile``), and its encoding if known.
  public var differences: String?
  public var encoding: TextEncoding?
  public var note: String?
  /// A scan of the stamped reply: PDF, JPEG or PNG.
  public var evidence: String?

  public init(
    letter: String, answer: ReplyAnswer, receivedOn: CivilDate, signedBy: String? = nil, theirBalance: String? = nil,
    differences: String? = nil, encoding: TextEncoding? = nil, note: String? = nil, evidence: String? = nil
  ) {
    self.letter = letter
    self.answer = answer
    self.receivedOn = receivedOn
    self.signedBy = signedBy
    self.theirBalance = theirBalance
    self.differences = differences
    self.encoding = encoding
    self.note = note
    self.evidence = evidence
  }
}

/// Recording and withdrawing the customer's replies to confirmation letters: every check
/// before anything is written, the evidence copied beside the letter, the reply recorded in
/// one transaction (or nothing at all).
public struct ReplyService: Sendable {
  public let store: LedgerStore
  /// The day a reply may not come after (today in UTC+8).
  public let today: CivilDate

  public init(store: LedgerStore, today: CivilDate = CivilDate.today()) {
    self.store = store
    self.today = today
  }

  /// A reply recorded, and the one in force before it, which it superseded; `via`: the
  /// second notice or the reconciliation statement whose number the reply was given under (it
  /// is recorded for the letter).
  public struct Recorded: Sendable {
    public let reply: Reply
    public let replaced: Reply?
    public var via: RegisterEntry? = nil
    /// Not errors: the differences file read as GB18030, a statement to stamp instead.
    public var notes: [String] = []
  }

  /// Records a reply; a reply in force before it is superseded (and kept in the history).
  public func record(_ request: ReplyRequest) throws(ReplyError) -> Recorded {
    let (letter, notice) = try letter(answering: request.letter)
    let via = notice?.number
    if let notice, notice.kind == .reconciliation {
      try checkStamped(notice, letter: letter, request)
    }
    // A reply given under a second notice's number came after the notice was sent.
    if let notice, request.receivedOn < notice.documentDate {
      throw ReplyError(
        "error: --received \(request.receivedOn.iso) is before the second notice \(notice.number) was sent (\(notice.documentDate.iso)); give the day the reply arrived, or record it as \(letter.number)'s"
      )
    }
    // What this reply replaces, read before it is prepared: if another process records a reply
    // to the letter meanwhile, this one is refused rather than silently replacing it.
    let expected = try storeCall { () throws(StoreError) in try store.replyInForce(letter: letter.number) }
    // The customer's later word stands: a reply that arrived before the one in force does not
    // replace it (recorded late, it silently ended a dispute or took back an agreement).
    if let expected, request.receivedOn < expected.receivedOn {
      throw ReplyError(
        "error: \(letter.number) has a reply in force that arrived later (\(expected.answer.rawValue), received \(expected.receivedOn.iso)) than this one (\(request.receivedOn.iso)); the later reply stands. If that one was recorded by mistake, withdraw it first ('ardoc reply \(letter.number) --withdraw')"
      )
    }
    if request.receivedOn < letter.documentDate {
      throw ReplyError(
        "error: --received \(request.receivedOn.iso) is before \(letter.number)'s date \(letter.documentDate.iso); give the day the reply arrived"
      )
    }
    if request.receivedOn > today {
      throw ReplyError(
        "error: --received \(request.receivedOn.iso) is after today (\(today.iso)); give the day the reply arrived")
    }
    // Stricter than a document needs: a signer or a note is one line.
    for (option, text) in [("--signed-by", request.signedBy), ("--note", request.note)] {
      if let text, let problem = ReplyText.problem(text, oneLine: true) {
        throw ReplyError("error: \(option) \(problem)")
      }
    }
    var reply = NewReply(
      letter: letter.number, answer: request.answer, receivedOn: request.receivedOn,
      signedBy: request.signedBy.flatMap { $0.isEmpty ? nil : $0 },
      note: request.note.flatMap { $0.isEmpty ? nil : $0 },
      notice: via)
    switch request.answer {
    case .agreed:
      if request.theirBalance != nil || request.differences != nil {
        throw ReplyError(
          "error: --their-balance and --differences go with --disputed; an agreed reply confirms the letter's balance")
      }
      // What the customer stamped: the second notice, when the reply came under its number;
      // a statement restates the letter's invoices.
      reply.invoices = try confirmedInvoices(notice?.kind == .reconciliation ? letter : notice ?? letter)
    case .disputed:
      guard let text = request.theirBalance else {
        throw ReplyError(
          "error: --disputed needs --their-balance, the balance the customer's books show (e.g. --their-balance 96000.00)"
        )
      }
      let theirs: ExactDecimal
      switch Amount.read(text, allowNegative: true, currency: letter.currency) {
      case .success(let value): theirs = value
      case .failure(let problem): throw ReplyError("error: --their-balance: \(problem.message)")
      }
      reply.theirBalance = theirs
      if let path = request.differences {
        reply.items = try DifferencesFile.read(
          path, encoding: request.encoding, currency: letter.currency, listed: try listedInvoices(letter))
      }
      if theirs == letter.amount && reply.items.isEmpty {
        throw ReplyError(
          "error: --their-balance \(theirs.formatted(places: 2)) is \(letter.number)'s own balance; a disputed reply gives another balance or the items that differ (--differences), and one that agrees is --agreed"
        )
      }
      reply.unexplained = try Self.unexplained(ours: letter.amount, theirs: theirs, items: reply.items)
    }
    var copied: String?
    if let path = request.evidence {
      let (bytes, kind) = try Evidence.read(path)
      copied = try copyEvidence(bytes, kind: kind, beside: letter)
      reply.evidence = copied
      reply.evidenceSHA256 = SHA256.hex(bytes)
    }
    let outcome: ReplyRecording
    do {
      outcome = try store.recordReply(reply, expecting: expected?.id)
    } catch {
      if let copied { unlink(copied) }
      throw ReplyError(error.description)
    }
    switch outcome {
    case .recorded(let recorded):
      var notes = statementNote(request, notice: notice, replaced: expected).map { [$0] } ?? []
      if let path = request.differences, request.encoding == nil, CSVFile.isReadAsGB18030(path) {
        notes.append(
          "note: \(path) is not UTF-8 and was read as GB18030; if it was saved in another encoding (Big5, Windows-1252), its text is garbled: save it as UTF-8 and record the reply again"
        )
      }
      return Recorded(reply: recorded, replaced: expected, via: notice, notes: notes)
    case .changed(let current):
      if let copied { unlink(copied) }
      let now = current.map { "\($0.answer.rawValue), received \($0.receivedOn.iso), recorded \($0.recordedAt)" }
      throw ReplyError(
        "error: \(letter.number)'s reply changed while this one was being recorded (now: \(now ?? "no reply in force")); nothing was recorded: look at it with 'ardoc register show \(letter.number)', then record this reply again if it should replace that one"
      )
    case .notStanding(let entry):
      if let copied { unlink(copied) }
      throw ReplyError("error: \(Self.notStanding(entry)); nothing was recorded")
    case .beingReplaced(let reissue):
      if let copied { unlink(copied) }
      throw ReplyError(
        "error: \(letter.number) is being replaced by a reissue (\(reissue) is being written); nothing was recorded: wait until that run finishes, then record the reply to the letter that stands"
      )
    }
  }

  /// Withdraws the letter's reply in force (recorded by mistake): it stays in the history, and
  /// the letter is pending again.
  /// A superseded letter's reply is not withdrawn: the letter is not pending again (it is
  /// replaced), a reply to it could not be recorded again, and a dispute of it holds until the
  /// customer answers the reissue, which ending it here would skip.
  public func withdraw(_ number: String) throws(ReplyError) -> Reply {
    let letter = try letterEntry(number)
    if letter.status == .superseded {
      throw ReplyError(
        "error: \(letter.number) is superseded by a reissued letter, and its reply stays as it was (a dispute of it holds until the customer answers the letter that stands); record their answer to that letter instead (see 'ardoc register list --customer \(letter.customer) --kind confirmation')"
      )
    }
    guard let withdrawn = try storeCall({ () throws(StoreError) in try store.withdrawReply(letter: letter.number) })
    else {
      throw ReplyError(
        "error: \(letter.number) has no reply in force to withdraw; see 'ardoc register show \(letter.number)'")
    }
    return withdrawn
  }

  /// Their balance minus ours minus the items: zero when the items explain the difference.
  static func unexplained(ours: ExactDecimal, theirs: ExactDecimal, items: [ReconcilingItem]) throws(ReplyError)
    -> ExactDecimal
  {
    do {
      var rest = try theirs.subtracting(ours)
      for item in items { rest = try rest.subtracting(item.amount) }
      // What no item explains is printed on the statement: no more than an amount may be.
      if case .failure(let problem) = Amount.read(rest.description, allowNegative: true) {
        throw ReplyError(
          "error: their balance less ours and the items leaves \(rest.formatted(places: 2)) unexplained: \(problem.message); check --their-balance and the items' amounts"
        )
      }
      return rest
    } catch let error as ReplyError {
      throw error
    } catch {
      throw ReplyError("error: the reconciling items are too large to add up exactly (\(error)); check their amounts")
    }
  }

  /// The letter, which must be a confirmation letter that stands (issued, not superseded,
  /// voided or written invalid).
  func standingLetter(_ number: String) throws(ReplyError) -> RegisterEntry {
    let entry = try letterEntry(number)
    guard entry.kind == .confirmation, entry.status == .issued else {
      throw ReplyError("error: \(Self.notStanding(entry))")
    }
    guard entry.path != nil, !entry.currency.isEmpty else {
      throw ReplyError(
        "error: \(entry.number) was reserved for a letter written by hand; ardoc has no balance or file for it, so it keeps no reply to it"
      )
    }
    return entry
  }

  func letterEntry(_ number: String) throws(ReplyError) -> RegisterEntry {
    let typed = number.trimmingCharacters(in: .whitespaces)
    guard !typed.isEmpty else {
      throw ReplyError("error: give the letter's number, as the register lists it (e.g. DZ-202611-0001)")
    }
    guard let entry = try storeCall({ () throws(StoreError) in try store.entry(typed) }) else {
      // Numbers are looked up as written; one written in another case is named.
      let upper = typed.uppercased()
      let hint =
        upper != typed && (try? store.entry(upper)) != nil ? " (did you mean \(upper)?)" : ""
      throw ReplyError(
        "error: \(typed) is not in the register of \(store.path)\(hint); check the number with 'ardoc register list --kind confirmation'"
      )
    }
    guard entry.kind == .confirmation else {
      throw ReplyError(
        "error: \(typed) is a \(entry.kind.rawValue) document, not a confirmation letter; only a confirmation letter takes a reply"
      )
    }
    return entry
  }

  /// The confirmation letter that stands under `number`, and the second notice when the number
  /// is one (a reply or a reconciliation answers the letter it asked about again).
  public func letter(answering number: String) throws(ReplyError) -> (letter: RegisterEntry, notice: RegisterEntry?) {
    if let statement = try statementEntry(number) { return (try reconciledLetter(of: statement), statement) }
    let entry = try standingLetter(number)
    guard entry.detail == ConfirmationDetail.secondNotice.rawValue else { return (entry, nil) }
    return (try noticedLetter(of: entry), entry)
  }

  /// The letter a second notice asked about again: the one it names (`ardoc:letter`, read from
  /// the notice as issued). When that letter no longer stands (a reissue superseded
  /// it), the reply is refused: the customer stamped a notice of the old letter's balance, and
  /// recording it for the reissue would confirm a balance the notice never stated.
  func noticedLetter(of notice: RegisterEntry) throws(ReplyError) -> RegisterEntry {
    let bytes = try issuedBytes(of: notice, for: "a reply to a second notice is recorded for the letter it names")
    // The file is the notice as ardoc issued it (its SHA-256 is the register's), so its meta
    // is where ardoc writes it.
    let named = DocumentMeta.value(.letter, in: bytes)
    guard let named, !named.isEmpty else {
      throw ReplyError(
        "error: \(notice.number) names no letter (<meta name=\"ardoc:letter\">); record the reply to the letter itself")
    }
    let letter = try storeCall { () throws(StoreError) in try store.entry(named) }
    guard let letter, letter.kind == .confirmation, letter.customer == notice.customer else {
      throw ReplyError(
        "error: \(notice.number) names \(named), which is not a confirmation letter of \(notice.customer) in the register"
      )
    }
    guard letter.status == .issued else {
      throw ReplyError(
        "error: \(notice.number) is a second notice of \(named), which no longer stands (\(letter.status.rawValue)); the customer's reply confirms what that notice stated, not the letter that replaced it: ask again with the letter that stands (see 'ardoc register list --customer \(notice.customer) --kind confirmation')"
      )
    }
    return letter
  }

  /// A document's bytes as issued: read from its file, checked against the SHA-256 the register
  /// holds. `why` says what the file is needed for.
  func issuedBytes(of entry: RegisterEntry, for why: String) throws(ReplyError) -> [UInt8] {
    guard let path = entry.path else {
      throw ReplyError("error: \(entry.number) has no file in the register; \(why)")
    }
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path, limit: ValidationRun.largestDocument)
    } catch {
      if let problem = RegisterFolder.problem(store) { throw ReplyError("error: " + problem) }
      throw ReplyError(
        "error: \(entry.number)'s file \(path) cannot be read (\(error.reason)); restore it from a backup: \(why)")
    }
    if let recorded = entry.sha256, SHA256.hex(bytes) != recorded {
      throw ReplyError(
        "error: \(path) is not \(entry.number) as issued (its SHA-256 differs from the register's); restore the issued file from a backup"
      )
    }
    return bytes
  }

  static func notStanding(_ entry: RegisterEntry) -> String {
    switch (entry.kind, entry.status) {
    case (.confirmation, .superseded):
      return
        "\(entry.number) is superseded by a reissued letter; record the reply to the letter that stands (see 'ardoc register list --customer \(entry.customer) --kind confirmation')"
    case (.confirmation, .void):
      return "\(entry.number) is void: no letter was sent under that number, so it cannot have a reply"
    case (.confirmation, .invalid):
      return
        "\(entry.number) was written marked INVALID and must not be sent; reissue the letter and record the reply to the new number"
    case (.confirmation, .reserved):
      return "\(entry.number) is still being written; wait for it to be issued"
    default:
      return
        "\(entry.number) is a \(entry.kind.rawValue) document, not a confirmation letter; only a confirmation letter takes a reply"
    }
  }

  /// The invoices the letter's balance included, read from the letter as issued: its rows'
  /// `data-invoice`, from the file whose SHA-256 the register holds.
  func confirmedInvoices(_ letter: RegisterEntry) throws(ReplyError) -> [String] {
    try invoiceRows(letter, for: "an agreed reply acknowledges the invoices it lists").map(\.invoice)
  }

  /// The invoices `letter` lists, each with its open amount there: what a disputed reply's
  /// items are checked against.
  func listedInvoices(_ letter: RegisterEntry) throws(ReplyError) -> [(invoice: String, open: ExactDecimal)] {
    try invoiceRows(letter, for: "a disputed reply's items are checked against the invoices it lists").map {
      ($0.invoice, $0.open ?? .zero)
    }
  }

  /// The letter's invoice rows (`data-invoice`, with `data-amount`), read from the file the
  /// register issued.
  func invoiceRows(_ letter: RegisterEntry, for purpose: String) throws(ReplyError) -> [(
    invoice: String, open: ExactDecimal?
  )] {
    let bytes = try issuedBytes(of: letter, for: purpose)
    let path = letter.path ?? letter.number
    do {
      let document = try XMLDocument.parse(bytes, file: path)
      return try document.select("//*[@data-invoice]").compactMap { row in
        row.attribute("data-invoice").map {
          ($0, row.attribute("data-amount").flatMap { try? ExactDecimal(parsing: $0) })
        }
      }
    } catch {
      throw ReplyError("error: \(path) cannot be read as the letter it was: \(error)")
    }
  }

  /// Copies the evidence beside the letter as `<number>-reply.<ext>` (`-reply-2`, … for later
  /// replies), never over a file a reply keeps. A file no reply keeps, older than any reply
  /// still being recorded could be (the store's lock timeout), is the copy of one that was
  /// stopped before the register recorded it (killed, or Ctrl-C while it waited): it is
  /// replaced, so a scan abandoned that way does not keep the letter's first name.
  func copyEvidence(_ bytes: [UInt8], kind: Evidence, beside letter: RegisterEntry) throws(ReplyError) -> String {
    let folder = letter.path.flatMap { path in path.lastIndex(of: "/").map { String(path[..<$0]) } } ?? "."
    let base = folder + "/" + DocumentPath.safeFileName(letter.number) + "-reply"
    let abandoned = Int(Date().timeIntervalSince1970 - LedgerStore.lockTimeout) - 60
    for attempt in 1...1000 {
      let path = base + (attempt == 1 ? "" : "-\(attempt)") + "." + kind.rawValue
      do {
        if try FileBytes.writeNew(bytes, to: path) { return path }
        if let written = FileBytes.modified(path), written < abandoned, (try? store.evidenceKept(path)) == false {
          try FileBytes.writeAtomically(bytes, to: path)
          return path
        }
      } catch {
        throw ReplyError("error: cannot copy the evidence to \(error.path): \(error.reason)")
      }
    }
    throw ReplyError("error: \(base).\(kind.rawValue): a thousand replies' evidence is already there; tidy the folder")
  }

  func storeCall<T>(_ body: () throws(StoreError) -> T) throws(ReplyError) -> T {
    do {
      return try body()
    } catch {
      throw ReplyError(error.description)
    }
  }
}
