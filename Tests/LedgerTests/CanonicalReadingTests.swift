import Basics
import PropertyBased
import TestSupport
import Testing

@testable import Ledger

/// A stored ledger read straight into the model reads to what the general reader makes of it:
/// the same values, and the same canonical bytes written again (which also holds each
/// amount's written scale, which `==` on decimals does not compare).
@Suite struct CanonicalReadingTests {
  func example() throws -> Ledger { try LedgerReader.load(packageRoot + "/Examples/ledger.json") }

  /// Both readers on `bytes`: the canonical one must read what the general one reads.
  func expectSameReading(_ bytes: [UInt8], issuer: Issuer?, _ comment: Comment? = nil) throws {
    let general = try LedgerReader.parseStoredGenerally(bytes, file: "stored", issuer: issuer)
    let canonical = try #require(LedgerReader.readCanonical(bytes, issuer: issuer), comment)
    #expect(canonical == general, comment)
    #expect(LedgerWriter.json(canonical) == LedgerWriter.json(general), comment)
  }

  @Test func theExampleWholeAndEachCustomersSlice() throws {
    let ledger = try example()
    try expectSameReading(LedgerWriter.json(ledger), issuer: nil)
    #expect(LedgerReader.readCanonical(LedgerWriter.json(ledger), issuer: nil) == ledger)
    let slices = LedgerSlices(ledger)
    for customer in ledger.customers {
      let slice = LedgerWriter.json(slices.slice(customer), issuer: false)
      try expectSameReading(slice, issuer: ledger.issuer, "\(customer.id)")
    }
  }

  /// Texts with quotes, backslashes, line breaks, tabs, CJK and emoji, and every optional part
  /// present or absent: written by the writer, read the same both ways.
  @Test func textsAndOptionalPartsReadAlike() async throws {
    let ledger = try example()
    let alphabet = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "华东", "😀", "e\u{301}", "\u{2028}", "'"]
    let read = Locked(0)
    await propertyCheck(input: Gen.int(in: 0...Int.max)) { seed in
      var random = seed
      func next(_ count: Int) -> Int {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((UInt64(bitPattern: Int64(random)) >> 33) % UInt64(count))
      }
      func text() -> String { "x" + (0..<next(6)).map { _ in alphabet[next(alphabet.count)] }.joined() }
      var changed = ledger
      for index in changed.customers.indices {
        changed.customers[index].address = text()
        if next(3) == 0 { changed.customers[index].finance = nil }
        if next(2) == 0, changed.customers[index].finance != nil {
          changed.customers[index].finance?.budgetRequired = next(2) == 0 ? nil : true
          changed.customers[index].finance?.bookClosingDay = nil
          changed.customers[index].finance?.transferDays = next(2) == 0 ? nil : 3
          changed.customers[index].finance?.creditLimit = nil
          changed.customers[index].finance?.bank = nil
        }
        for contact in changed.customers[index].contacts.indices {
          changed.customers[index].contacts[contact].title = text()
        }
      }
      for index in changed.contracts.indices {
        changed.contracts[index].project = text()
        switch next(3) {
        case 0: changed.contracts[index].lateInterest = nil
        case 1:
          changed.contracts[index].lateInterest = try? InterestTerms(
            dailyRate: ExactDecimal(parsing: "0.0005"), clause: text())
        default:
          changed.contracts[index].lateInterest = try? InterestTerms(
            annualRate: ExactDecimal(parsing: "0.06"), basis: .act360)
        }
        if next(2) == 0 { changed.contracts[index].acceptance = nil }
        if next(2) == 0 { changed.contracts[index].acceptance?.acceptedOn = nil }
        if next(2) == 0 { changed.contracts[index].signedOn = nil }
        for item in changed.contracts[index].items.indices where next(2) == 0 {
          changed.contracts[index].items[item].unitPrice = nil
        }
        for term in changed.contracts[index].paymentTerms.indices where next(2) == 0 {
          changed.contracts[index].paymentTerms[term].dueOn = nil
        }
        if next(2) == 0 {
          changed.contracts[index].issues.append(
            ProjectIssue(
              description: text(), open: next(2) == 0, since: next(2) == 0 ? nil : ledger.invoices.first?.issuedOn))
        }
      }
      for index in changed.payments.indices { changed.payments[index].reference = text() }
      for index in changed.invoices.indices { changed.invoices[index].deliveryReceipt = text() }
      let bytes = LedgerWriter.json(changed)
      guard (try? LedgerReader.parseStoredGenerally(bytes, file: "stored", issuer: nil)) != nil else { return }
      read.withLock { $0 += 1 }
      try expectSameReading(bytes, issuer: nil)
      let slices = LedgerSlices(changed)
      for customer in changed.customers {
        try expectSameReading(LedgerWriter.json(slices.slice(customer), issuer: false), issuer: changed.issuer)
      }
    }
    // Not a check that passed by reading nothing.
    #expect(read.withLock { $0 } > 50)
  }

  /// Bytes laid out otherwise than the writer lays them out are the general reader's: read
  /// alike when they are a ledger, refused with its message when not.
  @Test func anyOtherLayoutIsTheGeneralReaders() throws {
    let ledger = try example()
    let canonical = String(decoding: LedgerWriter.json(ledger), as: UTF8.self)
    let spaced = canonical.replacingOccurrences(of: "\",\"", with: "\", \"")
    #expect(LedgerReader.readCanonical(Array(spaced.utf8), issuer: nil) == nil)
    #expect(
      try LedgerReader.parseStored(Array(spaced.utf8), file: "stored", checkedUnder: LedgerReader.storedRules) == ledger
    )
    let reordered = canonical.replacingOccurrences(
      of: #"{"format":"ardoc-ledger/1","#, with: #"{"#
    )
    .replacingOccurrences(of: #""credits":["#, with: #""format":"ardoc-ledger/1","credits":["#)
    #expect(LedgerReader.readCanonical(Array(reordered.utf8), issuer: nil) == nil)
    #expect(
      try LedgerReader.parseStored(Array(reordered.utf8), file: "stored", checkedUnder: LedgerReader.storedRules)
        == ledger)
    let unknownRole = canonical.replacingOccurrences(of: "\"payment-owner\"", with: "\"payer\"")
    #expect(LedgerReader.readCanonical(Array(unknownRole.utf8), issuer: nil) == nil)
    #expect(throws: LedgerError.self) {
      try LedgerReader.parseStored(Array(unknownRole.utf8), file: "stored", checkedUnder: LedgerReader.storedRules)
    }
    // Counsel with neither firm nor lawyer is none, to both readers.
    var counselled = ledger
    counselled.issuer.legal = LegalCounsel(firm: "", lawyer: "", license: "L1")
    try expectSameReading(LedgerWriter.json(counselled), issuer: nil)
    #expect(LedgerReader.readCanonical(LedgerWriter.json(counselled), issuer: nil)?.issuer.legal == nil)
    // An agreed daily rate that does not read is not taken for the annual one beside it.
    let daily = canonical.replacingOccurrences(
      of: #""lateInterest":{"annualRate""#, with: #""lateInterest":{"dailyRate":"x","annualRate""#)
    #expect(daily != canonical)
    #expect(LedgerReader.readCanonical(Array(daily.utf8), issuer: nil) == nil)
    #expect(throws: LedgerError.self) {
      try LedgerReader.parseStored(Array(daily.utf8), file: "stored", checkedUnder: LedgerReader.storedRules)
    }
    let truncated = Array(LedgerWriter.json(ledger).dropLast())
    #expect(LedgerReader.readCanonical(truncated, issuer: nil) == nil)
    let trailing = LedgerWriter.json(ledger) + Array(" x".utf8)
    #expect(LedgerReader.readCanonical(trailing, issuer: nil) == nil)
  }
}
