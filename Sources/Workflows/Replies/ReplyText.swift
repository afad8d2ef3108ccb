import Basics
import Ledger

/// The rule for text a reply brings (its signer and note, a differences file's references and
/// notes), held as a ledger's names are: nothing a page cannot show, nothing that prints in
/// another order than it is stored, and no more than a ledger's text field, since every page
/// and statement that shows the reply shows it.
enum ReplyText {
  /// Why `text` cannot be kept, phrased to follow its field's name, or nil. `oneLine` refuses
  /// line breaks too (a signer, a note typed on the command line or the page).
  static func problem(_ text: String, oneLine: Bool) -> String? {
    if let bad = text.unicodeScalars.first(where: { $0.isRefusedInText || (oneLine && $0.value < 0x20) }) {
      return "contains \(bad.refusedName); remove it"
    }
    if let bad = text.unicodeScalars.first(where: \.isDirectionOverride) {
      return
        "contains the direction control \(bad.codeName), which prints the text in another order than it is stored; remove it"
    }
    if text.utf8.count > LedgerReader.maxFieldBytes {
      return
        "is \(text.utf8.count.grouped) bytes long; a reply's text has at most \(LedgerReader.maxFieldBytes.grouped)"
    }
    return nil
  }
}
