import Basics
import Foundation
import Ledger
import TestSupport
import Testing

enum Loaded {
  case success(Ledger)
  case failure([String])
}

/// The example ledger after `change`: loaded, or its problems as "field: message".
func loadExample(_ change: (String) -> String?) throws -> Loaded {
  let text = try FileBytes.text(packageRoot + "/Examples/ledger.json")
  guard let changed = change(text) else { return .failure(["fixture changed"]) }
  do throws(LedgerError) {
    return .success(try LedgerReader.parseJSON(Array(changed.utf8), file: "ledger.json"))
  } catch {
    return .failure(error.issues.map { "\($0.field): \($0.message)" })
  }
}

/// `text` as a JSON string literal.
func jsonQuoted(_ text: String) throws -> String {
  String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
}

/// Ids name files and identify customers in court: each hostile id gets a clear error or a
/// documented acceptance.
@Suite struct HostileIdentifierTests {
  /// The example ledger with customer C001's id (and every reference to it) replaced.
  func problems(withCustomerID id: String) throws -> [String] {
    let quoted = try jsonQuoted(id)
    switch try loadExample({ $0.replacingOccurrences(of: "\"C001\"", with: quoted) }) {
    case .success(let ledger):
      #expect(ledger.customers[0].id == id)
      return []
    case .failure(let problems):
      // Only the id itself: the contracts and payments that name it are not reported again.
      return problems
    }
  }

  @Test func refusedIDs() throws {
    #expect(
      try problems(withCustomerID: "../../etc/passwd") == [
        "customers[0].id: '../../etc/passwd' holds a path separator ('/' or '\\'); ids name files, use letters, digits, '-' and '.'"
      ])
    #expect(try problems(withCustomerID: "") == ["customers[0].id: is empty; it is required"])
    #expect(
      try problems(withCustomerID: String(repeating: "X", count: 100)) == [
        "customers[0].id: is 100 characters long; an id has at most 64"
      ])
    // Few characters, many bytes: file names are built from ids.
    #expect(
      try problems(withCustomerID: String(repeating: "𠀀", count: 41)) == [
        "customers[0].id: is 164 bytes long in UTF-8; an id has at most 160 bytes, as file names are built from it"
      ])
    #expect(try problems(withCustomerID: String(repeating: "华", count: 53)) == [])
    #expect(
      try problems(withCustomerID: String(repeating: "X", count: 10_000)) == [
        "customers[0].id: 10,000 bytes is over the 4,096-byte limit for a ledger text field; shorten it"
      ])
    #expect(
      try problems(withCustomerID: "C001\u{0}") == [
        "customers[0].id: contains the control character U+0000, which no document can hold; remove it"
      ])
    #expect(
      try problems(withCustomerID: " C001") == ["customers[0].id: ' C001' starts or ends with a space; remove it"])
    #expect(
      try problems(withCustomerID: "C\u{200F}001") == [
        "customers[0].id: contains the invisible character U+200F; remove it (an id must print exactly as it is stored)"
      ])
    #expect(
      try problems(withCustomerID: "C001\u{200B}") == [
        "customers[0].id: contains the invisible character U+200B; remove it (an id must print exactly as it is stored)"
      ])
    #expect(
      try problems(withCustomerID: "\u{FEFF}C001") == [
        "customers[0].id: contains the invisible character U+FEFF; remove it (an id must print exactly as it is stored)"
      ])
    // Fillers and blanks that print as nothing: another customer's id to a reader.
    for (hidden, code) in [
      ("\u{3164}", "3164"), ("\u{115F}", "115F"), ("\u{FFA0}", "FFA0"), ("\u{2800}", "2800"), ("\u{034F}", "034F"),
      ("\u{17B4}", "17B4"), ("\u{FE0F}", "FE0F"),
    ] {
      #expect(
        try problems(withCustomerID: "C001" + hidden) == [
          "customers[0].id: contains the invisible character U+\(code); remove it (an id must print exactly as it is stored)"
        ])
    }
    #expect(
      try problems(withCustomerID: "C001\u{9F}") == [
        "customers[0].id: contains the control character U+009F, which prints as nothing or as a box (text read in the wrong encoding leaves such characters); remove it"
      ])
    #expect(
      try problems(withCustomerID: "C\u{202E}100") == [
        "customers[0].id: contains the direction control U+202E, which prints the text in another order than it is stored; remove it"
      ])
  }

  /// Accepted, documented: visible characters of any script, emoji, interior spaces and
  /// reserved device names (a file name is never the bare id: `DZ-202611-0001-confirmation-CON.html`).
  @Test func acceptedIDs() throws {
    for id in ["CON", "客户-001", "C😀1", "0451 0001", "a:b*c", "-1"] {
      #expect(try problems(withCustomerID: id) == [], "\(id)")
    }
  }
}

@Suite struct HostileTextTests {
  func problems(withName name: String) throws -> [String] {
    let quoted = try jsonQuoted(name)
    switch try loadExample({ $0.replacingOccurrences(of: "\"苏州华东机电设备有限公司\"", with: quoted) }) {
    case .success(let ledger):
      #expect(ledger.customers[0].name == name)
      return []
    case .failure(let problems):
      return problems
    }
  }

  @Test func directionOverridesInNamesAreRefused() throws {
    #expect(
      try problems(withName: "\u{202E}司公限有备设电机东华州苏") == [
        "customers[0].name: contains the direction control U+202E, which prints the text in another order than it is stored; remove it"
      ])
    #expect(
      try problems(withName: "苏州\u{2067}华东\u{2069}") == [
        "customers[0].name: contains the direction control U+2067, which prints the text in another order than it is stored; remove it"
      ])
  }

  /// A control character no document can hold is refused where it is, with the field,
  /// rather than when a letter is rendered from it; tab, newline and carriage return stay.
  @Test func controlCharactersInTextAreRefusedWithTheirField() throws {
    #expect(
      try problems(withName: "苏州\u{7}华东") == [
        "customers[0].name: contains the control character U+0007, which no document can hold; remove it"
      ])
    #expect(
      try problems(withName: "Suzhou\u{0}East") == [
        "customers[0].name: contains the control character U+0000, which no document can hold; remove it"
      ])
    #expect(
      try problems(withName: "苏州\u{FFFF}") == [
        "customers[0].name: contains the character U+FFFF, which no document can hold; remove it"
      ])
    #expect(
      try problems(withName: "苏州\u{85}华东") == [
        "customers[0].name: contains the control character U+0085, which prints as nothing or as a box (text read in the wrong encoding leaves such characters); remove it"
      ])
    #expect(try problems(withName: "苏州\t华东\r\n机电") == [])
  }

  /// Accepted, documented: marks and joiners (Arabic, Hebrew and emoji need them), emoji,
  /// formula-looking names (the manifest neutralises them).
  @Test func marksJoinersAndEmojiAreKept() throws {
    for name in ["شركة\u{200F} الأمل", "苏州华东👨\u{200D}👩\u{200D}👧", "=HYPERLINK(\"x\")", "A\u{200B}B"] {
      #expect(try problems(withName: name) == [], "\(name)")
    }
  }
}

/// Amounts as people type them: never read as a different figure.
@Suite struct HostileAmountTests {
  /// The first invoice's amount replaced by `literal` (JSON text: quoted or a bare number).
  func problems(amount literal: String) throws -> [String] {
    let loaded = try loadExample { text in
      guard let invoices = text.range(of: #""invoices": ["#),
        let range = text.range(of: #""amount": "360000.00""#, range: invoices.upperBound..<text.endIndex)
      else { return nil }
      return text.replacingCharacters(in: range, with: #""amount": "# + literal)
    }
    switch loaded {
    case .success(let ledger): return ["accepted \(ledger.invoices[0].amount.formatted(places: 2, grouping: false))"]
    case .failure(let problems): return problems
    }
  }

  @Test func refusedWithTheReason() throws {
    let plain =
      "is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    for literal in ["1e9", "1,000.00", "¥1000", "+5.00", "5.", ".5", "NaN", "１０００", "0x10"] {
      #expect(try problems(amount: "\"\(literal)\"") == ["invoices[0].amount: '\(literal)' \(plain)"])
    }
    #expect(
      try problems(amount: "\"  5.00\"") == [
        "invoices[0].amount: '  5.00' has a space before or after its digits; remove it"
      ])
    #expect(try problems(amount: "1e9") == ["invoices[0].amount: '1e9' \(plain)"])
    #expect(try problems(amount: "\"-0\"") == ["invoices[0].amount: '-0' is zero; an amount must be more than 0"])
    #expect(try problems(amount: "\"0.00\"") == ["invoices[0].amount: '0.00' is zero; an amount must be more than 0"])
    #expect(
      try problems(amount: "\"1234567890123456789012345678901234567890\"") == [
        "invoices[0].amount: '1234567890123456789012345678901234567890' has more than 38 significant digits or 30 decimal places"
      ])
    #expect(
      try problems(amount: "12345678901234567890.12") == [
        "invoices[0].amount: '12345678901234567890.12' is 10^16 or more; ardoc refuses amounts that large (check the digits)"
      ])
    #expect(
      try problems(amount: "\"0.001\"") == [
        "invoices[0].amount: '0.001' has more than 2 decimal places; write the exact amount in yuan and fen"
      ])
  }

  /// A JSON number is read from its text, never through a binary double.
  @Test func numbersAreReadExactly() throws {
    #expect(try problems(amount: "1000.10") == ["accepted 1000.10"])
    // As a double this is 1.0e16, which would be refused as too large.
    #expect(try problems(amount: "9999999999999999.99") == ["accepted 9999999999999999.99"])
    #expect(try problems(amount: "\"9999999999999.99\"") == ["accepted 9999999999999.99"])
  }
}

/// Currency codes: ISO 4217 (and CNH); anything else is refused with the fix, so that a typo
/// or RMB does not open a second account beside the customer's real one.
@Suite struct CurrencyCodeTests {
  /// The first contract's currency replaced by `code`.
  func problems(currency code: String) throws -> [String] {
    let loaded = try loadExample { text in
      guard let range = text.range(of: #""currency": "CNY""#) else { return nil }
      return text.replacingCharacters(in: range, with: #""currency": "\#(code)""#)
    }
    switch loaded {
    case .success: return []
    case .failure(let problems): return problems.filter { $0.hasPrefix("contracts[0].currency") }
    }
  }

  @Test func isoCodesAndCNHAreAccepted() throws {
    #expect(CurrencyCode.problem("CNY") == nil)
    #expect(CurrencyCode.problem("CNH") == nil)
    #expect(CurrencyCode.problem("XCG") == nil)
    #expect(CurrencyCode.known.count == 181)
  }

  /// A currency without a minor unit (JPY, KRW, VND, …) takes whole amounts only: a letter
  /// would otherwise write 角 and 分 of yen.
  @Test func aFractionOfACurrencyWithoutAMinorUnitIsRefused() throws {
    let text = """
      {"format": "ardoc-ledger/1", "issuer": {"name": "澄明"},
       "customers": [{"id": "J1", "name": "東京精機", "contacts": [{"name": "佐藤", "roles": ["payment-owner"]}]}],
       "contracts": [{"id": "K1", "customer": "J1", "currency": "JPY", "amount": "100000.5"},
                     {"id": "K2", "customer": "J1", "currency": "JPY", "amount": "200000.00"}],
       "invoices": [{"number": "I1", "contract": "K2", "issuedOn": "2026-09-01", "dueOn": "2026-10-01", "amount": "1000.50"},
                    {"number": "I2", "contract": "K2", "issuedOn": "2026-09-01", "dueOn": "2026-10-01", "amount": "3000.00"}],
       "payments": [{"id": "P1", "customer": "J1", "receivedOn": "2026-10-05", "amount": "0.5"}],
       "credits": [{"number": "CN1", "invoice": "I2", "issuedOn": "2026-09-10", "amount": "1.25"}]}
      """
    #expect(throws: LedgerError.self) { try LedgerReader.parseJSON(Array(text.utf8), file: "jpy.json") }
    let problems: [String]
    do throws(LedgerError) {
      _ = try LedgerReader.parseJSON(Array(text.utf8), file: "jpy.json")
      problems = []
    } catch {
      problems = error.issues.map { "\($0.field): \($0.message)" }
    }
    let whole = "has decimals, but JPY has no minor unit (ISO 4217); write a whole amount"
    #expect(
      problems == [
        "contracts[0].amount: '100000.5' \(whole)", "invoices[0].amount: '1000.50' \(whole)",
        "credits[0].amount: '1.25' \(whole)", "payments[0].amount: '0.5' \(whole)",
      ])
    // "200000.00" and "3000.00" are whole amounts, written with zero fen.
    #expect(CurrencyCode.fractionProblem(ExactDecimal(significand: 300_000, scale: 2), currency: "JPY") == nil)
  }

  /// An amount with too many decimals is refused in words of its own currency (not the
  /// renminbi's yuan and fen for a USD contract); one in a currency of thousandths (KWD) with a
  /// third decimal is refused as ardoc cannot state it, and one whose third decimal is 0 is read.
  @Test func tooManyDecimalsAreSaidInTheCurrencysUnit() throws {
    let text = """
      {"format": "ardoc-ledger/1", "issuer": {"name": "澄明"},
       "customers": [{"id": "U1", "name": "Acme", "contacts": [{"name": "Ann", "roles": ["payment-owner"]}]},
                     {"id": "K1", "name": "Gulf", "contacts": [{"name": "Ali", "roles": ["payment-owner"]}]}],
       "contracts": [{"id": "H1", "customer": "U1", "currency": "USD", "amount": "100.125"},
                     {"id": "H2", "customer": "U1", "currency": "USD", "amount": "2000.00"},
                     {"id": "H3", "customer": "K1", "currency": "KWD", "amount": "5000.000"}],
       "invoices": [{"number": "I1", "contract": "H2", "issuedOn": "2026-09-01", "dueOn": "2026-10-01", "amount": "10.005"},
                    {"number": "I2", "contract": "H3", "issuedOn": "2026-09-01", "dueOn": "2026-10-01", "amount": "1250.125"},
                    {"number": "I3", "contract": "H3", "issuedOn": "2026-09-01", "dueOn": "2026-10-01", "amount": "1250.500"}],
       "payments": [{"id": "P1", "customer": "U1", "receivedOn": "2026-10-05", "amount": "1.001"}],
       "credits": [{"number": "CN1", "invoice": "I3", "issuedOn": "2026-09-10", "amount": "0.0005"}]}
      """
    let problems: [String]
    do throws(LedgerError) {
      _ = try LedgerReader.parseJSON(Array(text.utf8), file: "units.json")
      problems = []
    } catch {
      problems = error.issues.map { "\($0.field): \($0.message)" }
    }
    let kwd =
      "has more than 2 decimal places: KWD is divided into thousandths (ISO 4217), but ardoc keeps every amount to 0.01 and cannot state this one exactly; it cannot be loaded (see docs/ledger.md, \"Currencies\")"
    #expect(
      problems == [
        "contracts[0].amount: '100.125' has more than 2 decimal places; write the exact amount in USD, to 0.01",
        "invoices[0].amount: '10.005' has more than 2 decimal places; write the exact amount in USD, to 0.01",
        "invoices[1].amount: '1250.125' \(kwd)", "credits[0].amount: '0.0005' \(kwd)",
        "payments[0].amount: '1.001' has more than 2 decimal places; write the exact amount in USD, to 0.01",
      ])
  }

  /// A rate written as a percentage, or as a number of percent, is refused with how to write it.
  @Test func aRateIsAFraction() throws {
    for (written, problem) in [
      ("4.65%", "'4.65%' is a percentage; write a yearly rate as a fraction, e.g. 0.0465 for 4.65%"),
      ("4.65", "is 4.65; write a yearly rate as a fraction, e.g. 0.0465 for 4.65%"),
    ] {
      let loaded = try loadExample { text in
        text.replacingOccurrences(of: #""annualRate": "0.0465""#, with: #""annualRate": "\#(written)""#)
      }
      guard case .failure(let problems) = loaded else {
        Issue.record("\(written) loaded")
        continue
      }
      #expect(
        problems.filter { $0.contains("annualRate") }.map {
          $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
        } == [problem])
    }
  }

  /// A contract may agree a rate a day (日万分之五): read as that, computed as the same rate
  /// × 365 on ACT/365; a percentage, a yearly rate beside it, or more than 1% a day is refused.
  @Test func aDailyRateIsReadAsAgreed() throws {
    let agreed = #""annualRate": "0.0465",\#n        "basis": "ACT/365""#
    let loaded = try loadExample {
      $0.replacingOccurrences(of: agreed, with: #""dailyRate": "0.0005", "clause": "第8.3条""#)
    }
    guard case .success(let ledger) = loaded else {
      Issue.record("\(loaded)")
      return
    }
    let terms = try #require(ledger.contract("HT-2026-018")?.lateInterest)
    #expect(terms.dailyRate == ExactDecimal(significand: 5, scale: 4))
    #expect(terms.annualRate == ExactDecimal(significand: 1825, scale: 4) && terms.basis == .act365)
    #expect(terms.clause == "第8.3条")
    // Written back and read again, it is still a rate a day.
    let again = try LedgerReader.parseJSON(LedgerWriter.json(ledger), file: "canonical.json")
    #expect(again.contract("HT-2026-018")?.lateInterest == terms)
    for (written, problem) in [
      (
        #""dailyRate": "0.05%""#,
        "dailyRate: '0.05%' is a percentage; write a daily rate as a fraction, e.g. 0.0005 for 0.05% (万分之五) a day"
      ),
      (
        #""dailyRate": "0.0005", "annualRate": "0.1825""#,
        "annualRate: is given beside dailyRate; give the rate the contract agrees, a yearly one or a daily one, not both"
      ),
      (
        #""dailyRate": "0.02""#,
        "dailyRate: is 0.02, more than 1% a day; write a daily rate as a fraction, e.g. 0.0005 for 0.05% a day"
      ),
    ] {
      let refused = try loadExample { $0.replacingOccurrences(of: agreed, with: written) }
      guard case .failure(let problems) = refused else {
        Issue.record("\(written) loaded")
        continue
      }
      #expect(problems == ["contracts[0].lateInterest." + problem], "\(written)")
    }
  }

  @Test func otherCodesAreRefusedWithTheFix() throws {
    #expect(
      try problems(currency: "RMB") == [
        "contracts[0].currency: 'RMB' is not an ISO 4217 currency code; renminbi is CNY"
      ])
    #expect(
      try problems(currency: "USB") == [
        "contracts[0].currency: 'USB' is not an ISO 4217 currency code; use one such as CNY, USD, EUR or HKD"
      ])
    #expect(
      try problems(currency: "rmb") == [
        "contracts[0].currency: 'rmb' is not an ISO 4217 currency code; renminbi is CNY"
      ])
    #expect(
      try problems(currency: "人民币") == [
        "contracts[0].currency: '人民币' is not an ISO 4217 currency code; renminbi is CNY"
      ])
    #expect(try problems(currency: "cny") == ["contracts[0].currency: 'cny' is written in capitals: CNY"])
    #expect(
      try problems(currency: "US$") == [
        "contracts[0].currency: 'US$' is not a currency code; use three capital letters such as CNY or USD"
      ])
  }
}

/// A store's ledger is read again by the rules it was imported under: what newer rules refuse
/// in a ledger file (an id's bytes, a date's years, a control character) does not make a store
/// imported before them unreadable.
@Suite struct StoredLedgerTests {
  @Test func aStoredLedgerIsReadByTheRulesItWasImportedUnder() throws {
    let id = try jsonQuoted(String(repeating: "𠀀", count: 41))
    let text = try FileBytes.text(packageRoot + "/Examples/ledger.json")
      .replacingOccurrences(of: #""C001""#, with: id)
      .replacingOccurrences(of: #""苏州华东机电设备有限公司""#, with: try jsonQuoted("苏州\u{7}华东"))
      .replacingOccurrences(of: #""issuedOn": "2026-03-10""#, with: #""issuedOn": "1899-03-10""#)
    do throws(LedgerError) {
      _ = try LedgerReader.parseJSON(Array(text.utf8), file: "ledger.json")
      Issue.record("a ledger file with these is refused")
    } catch {
      #expect(error.issues.count == 4, "\(error.issues)")  // the id, the name, two invoices
    }
    let stored = try LedgerReader.parseStored(Array(text.utf8), file: "stored ledger")
    #expect(stored.customers[0].name == "苏州\u{7}华东")
    #expect(stored.invoices.contains { $0.issuedOn.year == 1899 })
  }
}
