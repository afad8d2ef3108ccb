import Basics
import Ledger
import LibXML
import Vocabulary

/// Seals: a block for each party the kind needs, naming that party (not the other), with a
/// date (the issuer's the document's own) and, for the counterparty, a signature field.
extension Check {
  mutating func seals(kind: String?) {
    var roles = ["issuer"]
    if kind == DocumentKind.confirmation.rawValue || kind == DocumentKind.installmentProposal.rawValue
      || kind == DocumentKind.reconciliation.rawValue
    {
      roles.append("counterparty")
    }
    let customerID = meta(.customer) ?? ""
    let expected: [String: String?] = [
      "issuer": validator.ledger?.issuer.name ?? field("issuer").first?.textContent,
      "counterparty": validator.customers[customerID]?.name ?? field("customer").first?.textContent,
    ]
    for role in roles {
      let seals = sealsByRole[role] ?? []
      if seals.isEmpty {
        add("seals", "the \(role) seal block is missing (an element with data-seal=\"\(role)\")", at: body)
        continue
      }
      for seal in seals {
        let party = seal.attribute("data-party") ?? ""
        if party.isEmpty {
          add("seals", "the \(role) seal does not name its party (data-party)", at: seal)
        } else if let want = expected[role] ?? nil, !want.isEmpty, want != party {
          add("seals", "the \(role) seal names '\(party)', not '\(want)'", at: seal)
        } else if let other = expected[role == "issuer" ? "counterparty" : "issuer"] ?? nil, !other.isEmpty,
          !Self.reads(Array(party.utf8), other), Self.reads(seal.textUTF8, other)
        {
          // The attribute says who seals; the name printed beside the stamp is what a reader
          // and a court see. A block may print no name (the stamp bears it), but not the
          // other party's: a seal block copied from the other side.
          add(
            "seals",
            "the \(role) seal block prints '\(other)', the other party's name; print '\(party)' (its data-party) beside the stamp",
            at: seal)
        }
        let dates = seal.elements(where: { $0.hasAttribute("data-date") })
        if dates.isEmpty {
          add("seals", "the \(role) seal has no date field (data-date)", at: seal)
        } else if role == "issuer", let date = meta(.date).flatMap({ try? CivilDate(iso: $0) }),
          !Self.writesUsually(dates[0].textUTF8, date), let shown = ShownDates.date(utf8: dates[0].textUTF8),
          shown != date
        {
          // We stamp the document on its date; another day printed beside the stamp is a
          // second date for the same document, which a court reads as a forged or reused one.
          add(
            "seals",
            "the issuer seal is dated \(shown.iso), but the document's date (\(MetaName.date.rawValue)) is \(date.iso); date the seal on the document's date",
            at: dates[0])
        }
        if role == "counterparty", seal.elements(where: { $0.hasAttribute("data-signature") }).isEmpty {
          add("seals", "the counterparty seal has no signature field (data-signature)", at: seal)
        }
      }
    }
  }

  /// Whether a reader of `text` reads `name` in it, white space taken as a reader takes it.
  /// Bytes, not characters: every seal of every letter of a batch is read. A name without
  /// white space is in the text's bytes as it is (collapsing white space joins nothing else).
  static func reads(_ text: [UInt8], _ name: String) -> Bool {
    if ByteSearch.find(Array(name.utf8), in: text) != nil { return true }
    // Every white space character starts with one of these bytes in UTF-8 (ASCII, U+0085 and
    // U+00A0, U+1680, U+2000 to U+205F, U+3000): most names have none, and no property is read.
    let lead = name.utf8.contains {
      switch $0 {
      case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3: return true
      default: return false
      }
    }
    guard lead,
      name.unicodeScalars.contains(where: \.properties.isWhitespace)
    else { return false }
    return ByteSearch.find(spaced(name), in: spaced(String(decoding: text, as: UTF8.self))) != nil
  }

  /// Text as UTF-8 with each run of white space as one space and none at the ends, as a reader
  /// sees it.
  static func spaced(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var space = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        space = !out.isEmpty
        continue
      }
      if space { out.append(0x20) }
      space = false
      UTF8.encode(scalar) { out.append($0) }
    }
    return out
  }
}
