import Basics
import Ledger
import LedgerStore
import Letters
import Templating
import Validation
import Vocabulary

/// Why a document was not issued. Nothing is left at its final name in any case.
public enum GenerateError: Error, Sendable, CustomStringConvertible {
  case refused(LetterRefusal)
  /// The customer already has this letter for the currency and month; no number was taken.
  case standing(RegisterEntry)
  /// A reissue of a letter the customer's reply (in force) answers: no number was taken.
  /// `advice`: how the dispute ends, when the reply disputes the letter.
  case answered(RegisterEntry, reply: String, advice: DisputeAdvice?)
  /// The validator refused the rendered document: before its number was taken (`number`
  /// nil; `subject` says which letter), or, rarely, only under the number.
  case invalid(number: String?, subject: String, findings: [Finding])
  case template(TemplateError)
  case store(StoreError)
  case file(FileBytes.Failure)
  case pdf(String)
  case input(String)
  /// The ledger could not be read: every problem, located.
  case ledger(LedgerError)

  /// The message on the command line: ``statement`` and, where the CLI has an option for
  /// it, what to pass.
  public var description: String {
    switch self {
    case .standing(let entry):
      return statement + "\(entry.path.map { " (\($0))" } ?? ""); pass --reissue to issue a new one that supersedes it"
    case .answered(let entry, _, _):
      return statement
        + "; if the reply was recorded by mistake, withdraw it first ('ardoc reply \(entry.number) --withdraw')"
    case .invalid(let number, let subject, let findings):
      return Self.invalidHead(number: number, subject: subject) + " (use --force to write it marked INVALID):\n"
        + Self.list(findings)
    default: return statement
    }
  }

  /// What went wrong, without advice that names a command-line option or a server's file
  /// path: the web page shows this with its own links.
  public var statement: String {
    switch self {
    case .refused(let refusal): return refusal.description
    case .standing(let entry):
      let what =
        entry.kind.rawValue + (entry.kind == .dunning ? " letter" : "")
        + (entry.detail.map { " (\($0))" } ?? "")
      return
        "error: \(entry.customer) already has \(what) \(entry.number) for \(entry.currency) as of \(entry.asOf.iso.prefix(7)), "
        + "\(entry.status.rawValue) on \(entry.documentDate.iso)"
    case .answered(let entry, let reply, let advice):
      return "error: " + Self.answered(entry, reply: reply, advice: advice)
    case .invalid(let number, let subject, let findings):
      return Self.invalidHead(number: number, subject: subject) + ":\n" + Self.list(findings)
    case .template(let error): return error.description
    case .store(let error): return error.description
    case .file(let failure): return "error: cannot write \(failure.path): \(failure.reason)"
    case .pdf(let message): return "error: \(message)"
    case .input(let message): return "error: \(message)"
    case .ledger(let error): return error.description
    }
  }

  /// Why a reissue left a letter standing: the customer answered it; a dispute, with how it
  /// ends (`advice`).
  static func answered(_ entry: RegisterEntry, reply: String, advice: DisputeAdvice?) -> String {
    let stands =
      "\(entry.number), \(entry.customer)'s \(entry.kind.rawValue) for \(entry.currency) as of \(entry.asOf.iso.prefix(7)), has the customer's reply in force (\(reply)); a reissue would ask again what they answered, so it stands"
    // A dispute the ledger still disagrees with is reconciled; one it now agrees with (the
    // ledger corrected) lets a letter at the corrected balance replace the disputed one.
    guard let advice else { return stands }
    return stands
      + ". The ledger still gives the balance it stated: \(advice.advice), or, if the ledger was wrong, correct it and import it; a letter at the corrected balance then replaces the disputed one"
  }

  private static func invalidHead(number: String?, subject: String) -> String {
    let what =
      number.map { "\($0) failed validation; it was not written and its number is void" }
      ?? "\(subject) failed validation; it was not written and took no number"
    return "error: \(what)"
  }

  private static func list(_ findings: [Finding]) -> String {
    findings.map {
      "  \($0.severity == .warning ? "warning " : "")[\($0.rule)] \($0.message)\($0.xpath.isEmpty ? "" : " at \($0.xpath)")"
    }.joined(separator: "\n")
  }
}
