import Basics
import Ledger
import LedgerStore
import Validation
import Vocabulary

/// `ardoc validate --register`: a document must be, byte for byte, the one the register
/// issued under its number. The validator's rules read what a document says; only the
/// register's SHA-256 shows a hand edit that keeps every rule (a payee's bank account, a
/// deadline moved, a number never issued).
struct RegisterCheck: Sendable {
  let store: LedgerStore

  /// The findings about `bytes` against the register: none when they are the issued file.
  func findings(_ bytes: [UInt8]) -> [Finding] {
    func finding(_ message: String) -> [Finding] {
      [Finding(rule: "register", severity: .error, message: message, line: 0, xpath: "")]
    }
    guard let number = DocumentMeta.value(.number, in: bytes) else {
      return finding(
        "names no document number (<meta name=\"\(MetaName.number.rawValue)\">); the register cannot vouch for it")
    }
    let entry: RegisterEntry?
    do {
      entry = try store.entry(number)
    } catch {
      return finding("the register cannot be read: \(error.description)")
    }
    guard let entry else { return finding("\(number) is not in the register: no document was issued under it") }
    switch entry.status {
    case .issued, .invalid: break
    case .superseded:
      return finding(
        "\(number) was superseded by a reissue; the letter that stands replaces it (register show \(number))")
    case .void, .reserved:
      return finding("\(number) is \(entry.status.rawValue) in the register: no document was issued under it")
    }
    guard let issued = entry.sha256 else {
      return finding(
        "\(number) was issued without a file of ardoc's (a number reserved by hand); the register cannot vouch for it")
    }
    let sha = SHA256.hex(bytes)
    guard sha == issued else {
      return finding(
        "is not \(number) as issued: its SHA-256 is \(sha), the register's \(issued); it was changed after it was issued"
      )
    }
    if let letter = DocumentMeta.value(.letter, in: bytes) {
      let answered: RegisterEntry?
      do {
        answered = try store.entry(letter)
      } catch {
        return finding("the register cannot be read: \(error.description)")
      }
      // A second notice or a statement of a letter since reissued: a reply under it would be
      // refused, and the figures it repeats are not the letter's that stands.
      if answered?.status == .superseded {
        return finding(
          "\(number) \(entry.kind == .reconciliation ? "answers" : "asks again about") \(letter), which a reissue has replaced ('ardoc register list' shows the letter that stands); it was overtaken: do not send it"
        )
      }
    }
    if entry.kind == .reconciliation, let stale = overtaken(bytes, number: number) { return finding(stale) }
    return []
  }

  /// Why a reconciliation statement no longer answers the reply it was written for: the
  /// letter's reply in force is another one now (agreed before the statement's day, withdrawn,
  /// or a dispute at another balance), so the statement must not be sent; nil while it still
  /// answers it, or once the customer agreed on or after its day.
  func overtaken(_ bytes: [UInt8], number: String) -> String? {
    guard let letter = DocumentMeta.value(.letter, in: bytes),
      let theirs = DocumentMeta.value(.theirBalance, in: bytes).flatMap({ try? ExactDecimal(parsing: $0) })
    else { return nil }
    let reply: Reply?
    do {
      reply = try store.replyInForce(letter: letter)
    } catch {
      return "the register cannot be read: \(error.description)"
    }
    if let reply, reply.answer == .disputed, reply.theirBalance == theirs { return nil }
    // Agreed on or after the statement's day: the dispute it answered ended with the customer's
    // agreement (the statement stamped), which does not make the statement stale.
    if let reply, reply.answer == .agreed,
      let dated = DocumentMeta.value(.date, in: bytes).flatMap({ try? CivilDate(iso: $0) }), reply.receivedOn >= dated
    {
      return nil
    }
    let now =
      reply.map {
        $0.answer == .disputed
          ? "a dispute at \(($0.theirBalance ?? .zero).formatted(places: 2)), received \($0.receivedOn.iso)"
          : "agreed, received \($0.receivedOn.iso)"
      } ?? "no reply"
    return
      "\(number) answers \(letter)'s dispute at \(theirs.formatted(places: 2)), but the reply in force is now \(now); it was overtaken: do not send it\(reply?.answer == .disputed ? " (write a statement for the reply in force with 'ardoc reconcile \(letter) --reissue', which supersedes it)" : "")"
  }
}
