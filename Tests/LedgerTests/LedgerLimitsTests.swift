import Basics
import Foundation
import Ledger
import Testing

/// A JSON ledger of `customers` customers (`C00001`…), each with a confirmed payment owner,
/// one contract (`K00001`…) and one invoice, one record a line. `issuerAddress` is written as
/// given, on line 2.
func generatedLedger(customers: Int, issuerAddress: String = "1 Road") -> [UInt8] {
  var text = "{\"format\": \"ardoc-ledger/1\",\n"
  text += "\"issuer\": {\"name\": \"Issuer Co\", \"address\": \"\(issuerAddress)\"},\n"
  func list(_ name: String, _ row: (String) -> String) {
    let rows = (1...customers).map { row(String(repeating: "0", count: 5 - String($0).count) + String($0)) }
    text += "\"\(name)\": [\n" + rows.joined(separator: ",\n") + "],\n"
  }
  list("customers") {
    "{\"id\": \"C\($0)\", \"name\": \"Customer \($0)\", \"contacts\": [{\"name\": \"Owner\", \"roles\": "
      + "[\"payment-owner\"], \"paymentOwnerConfirmation\": {\"confirmedOn\": \"2026-01-05\", \"method\": \"email\"}}]}"
  }
  list("contracts") { "{\"id\": \"K\($0)\", \"customer\": \"C\($0)\", \"amount\": \"1000.00\"}" }
  list("invoices") {
    "{\"number\": \"I\($0)\", \"contract\": \"K\($0)\", \"issuedOn\": \"2026-02-01\", \"dueOn\": \"2026-03-01\", "
      + "\"amount\": \"1000.00\"}"
  }
  text += "\"payments\": []}\n"
  return Array(text.utf8)
}

/// The problems of a ledger file or folder, with the temporary folder left out of the file names.
func problems(loading path: String, under folder: String) -> [String] {
  do {
    _ = try LedgerReader.load(path)
    Issue.record("\(path) loaded")
    return []
  } catch {
    return error.description.split(separator: "\n").map {
      $0.replacingOccurrences(of: folder + "/", with: "")
    }
  }
}

/// Field sizes: every text field of a JSON or CSV ledger holds at most 4,096 bytes of UTF-8,
/// refused with its file, line, field and length.
@Suite struct FieldSizeLimitTests {
  @Test func aTenMegabyteIssuerAddressIsRefusedWithItsLength() throws {
    let address = String(repeating: "x", count: 10 << 20)
    let folder = try temporary(["ledger.json": generatedLedger(customers: 5000, issuerAddress: address)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:2:44: error: issuer.address: 10,485,760 bytes is over the 4,096-byte limit for a ledger text field; shorten it",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func theLimitCountsBytesNotCharacters() throws {
    // 1,365 CJK characters are 4,095 bytes; one more is 4,098.
    let folder = try temporary([
      "fits.json": generatedLedger(customers: 1, issuerAddress: String(repeating: "路", count: 1365)),
      "over.json": generatedLedger(customers: 1, issuerAddress: String(repeating: "路", count: 1366)),
      "exact.json": generatedLedger(customers: 1, issuerAddress: String(repeating: "x", count: 4096)),
    ])
    #expect(try LedgerReader.load(folder + "/fits.json").issuer.address.utf8.count == 4095)
    #expect(try LedgerReader.load(folder + "/exact.json").issuer.address.utf8.count == 4096)
    #expect(
      problems(loading: folder + "/over.json", under: folder) == [
        "over.json:2:44: error: issuer.address: 4,098 bytes is over the 4,096-byte limit for a ledger text field; shorten it",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func everyKindOfFieldIsChecked() throws {
    let big = String(repeating: "9", count: 5000)
    var text = String(decoding: generatedLedger(customers: 1), as: UTF8.self)
    text = text.replacingOccurrences(
      of: "\"amount\": \"1000.00\"}],\n\"payments", with: "\"amount\": \"\(big)\"}],\n\"payments")
    text = text.replacingOccurrences(of: "[\"payment-owner\"]", with: "[\"payment-owner\", \"\(big)\"]")
    text = text.replacingOccurrences(of: "\"2026-01-05\"", with: "\"\(big)\"")
    text = text.replacingOccurrences(
      of: "\"name\": \"Customer 00001\", ",
      with: "\"name\": \"Customer 00001\", \"finance\": {\"bookClosingDay\": \(big)}, ")
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    let over = "5,000 bytes is over the 4,096-byte limit for a ledger text field; shorten it"
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:4:74: error: customers[0].finance.bookClosingDay: \(over)",
        "ledger.json:4:5135: error: customers[0].contacts[0].roles[1]: \(over)",
        "ledger.json:4:10184: error: customers[0].contacts[0].paymentOwnerConfirmation.confirmedOn: \(over)",
        "ledger.json:8:103: error: invoices[0].amount: \(over)",
        "4 problems found; nothing was loaded.",
      ])
  }

  @Test func csvCellsHaveTheSameLimit() throws {
    let address = String(repeating: "路", count: 2000)
    let folder = try temporary([
      "issuer.csv": Array("name,address\r\nIssuer Co,\(address)\r\n".utf8),
      "customers.csv": Array("id,name\r\nC1,Customer\r\n".utf8),
      "contacts.csv": Array(
        "customer,name,roles\r\nC1,Owner,payment-owner;\(String(repeating: "r", count: 4097))\r\n".utf8),
      "contracts.csv": Array("id,customer,amount\r\nK1,C1,100.00\r\n".utf8),
      "invoices.csv": Array("number,contract,issuedOn,dueOn,amount\r\nI1,K1,2026-01-01,2026-02-01,100.00\r\n".utf8),
    ])
    #expect(
      problems(loading: folder, under: folder) == [
        "issuer.csv:2:2: error: address: 6,000 bytes is over the 4,096-byte limit for a ledger text field; shorten it",
        "contacts.csv:2:3: error: roles: 4,111 bytes is over the 4,096-byte limit for a ledger text field; shorten it",
        "customers.csv:2: error: contacts: customer 'C1' has no contact with the role payment-owner; add the person responsible for paying (confirm them later)",
        "3 problems found; nothing was loaded.",
      ])
  }
}

/// A refused id is one problem: the rows that refer to it are not reported again.
@Suite struct OneProblemPerBadIDTests {
  @Test func aBadCustomerIDReferencedByThreeContracts() throws {
    var text = String(decoding: generatedLedger(customers: 3), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"C00001\"", with: "\"C/1\"")
    text = text.replacingOccurrences(of: "\"customer\": \"C00002\"", with: "\"customer\": \"C/1\"")
    text = text.replacingOccurrences(of: "\"customer\": \"C00003\"", with: "\"customer\": \"C/1\"")
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:4:8: error: customers[0].id: 'C/1' holds a path separator ('/' or '\\'); ids name files, use letters, digits, '-' and '.'",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func theSameInACSVFolder() throws {
    let folder = try temporary([
      "issuer.csv": Array("name\r\nIssuer Co\r\n".utf8),
      "customers.csv": Array("id,name\r\nC\u{202E}1,Customer\r\n".utf8),
      "contacts.csv": Array("customer,name,roles\r\nC\u{202E}1,Owner,payment-owner\r\n".utf8),
      "contracts.csv": Array(
        "id,customer,amount\r\nK1,C\u{202E}1,100.00\r\nK2,C\u{202E}1,100.00\r\nK3,C\u{202E}1,100.00\r\n".utf8),
      "invoices.csv": Array("number,contract,issuedOn,dueOn,amount\r\nI1,K1,2026-01-01,2026-02-01,100.00\r\n".utf8),
      "payments.csv": Array("id,customer,receivedOn,amount\r\nP1,C\u{202E}1,2026-01-05,10.00\r\n".utf8),
    ])
    #expect(
      problems(loading: folder, under: folder) == [
        "customers.csv:2:1: error: id: contains the direction control U+202E, which prints the text in another order than it is stored; remove it",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func aBadContractIDAndABadInvoiceNumber() throws {
    var text = String(decoding: generatedLedger(customers: 2), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"K00001\"", with: "\" K1\"")
    text = text.replacingOccurrences(of: "\"I00002\"", with: "\"I\\u200B2\"")
    text = text.replacingOccurrences(
      of: "\"payments\": []",
      with: "\"payments\": [{\"id\": \"P1\", \"customer\": \"C00002\", \"receivedOn\": \"2026-03-02\", "
        + "\"amount\": \"5.00\", \"appliesTo\": [\"I\\u200B2\"]}],\n\"credits\": [{\"number\": \"CN1\", "
        + "\"invoice\": \"I\\u200B2\", \"issuedOn\": \"2026-02-02\", \"amount\": \"1.00\"}]")
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:7:8: error: contracts[0].id: ' K1' starts or ends with a space; remove it",
        "ledger.json:11:12: error: invoices[1].number: contains the invisible character U+200B; remove it (an id must print exactly as it is stored)",
        "2 problems found; nothing was loaded.",
      ])
  }

  @Test func aContractWithoutItsCustomerIsOneProblem() throws {
    var text = String(decoding: generatedLedger(customers: 1), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"customer\": \"C00001\", ", with: "")
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:6: error: contracts[0].customer: is required",
        "1 problem found; nothing was loaded.",
      ])
  }
}

/// A file of `bytes` bytes that takes no room on the disk (a hole, as `truncate -s` makes).
func sparseFile(_ path: String, bytes: UInt64) throws {
  #expect(FileManager.default.createFile(atPath: path, contents: nil))
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  try handle.truncate(atOffset: bytes)
  try handle.close()
}

/// The whole ledger: a JSON file, or a CSV folder's files together, larger than the limit
/// (512 MiB unless the caller allows more) is refused before it is read.
@Suite struct LedgerSizeLimitTests {
  @Test func aJSONFileOverTheDefaultLimit() throws {
    let folder = try temporary([:])
    try sparseFile(folder + "/ledger.json", bytes: 600_000_000)
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json: error: 600,000,000 bytes is over the 512 MiB ledger limit; pass --max-ledger-size 573M to raise it",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func aCSVFolderCountsTheFilesItReads() throws {
    let folder = try temporary([
      "issuer.csv": Array("name\r\nIssuer Co\r\n".utf8),
      "customers.csv": Array("id,name\r\nC1,Customer\r\n".utf8),
      "contacts.csv": Array("customer,name,roles\r\nC1,Owner,payment-owner\r\n".utf8),
      "contracts.csv": Array("id,customer,amount\r\nK1,C1,100.00\r\n".utf8),
    ])
    // Files the reader never opens do not count.
    try sparseFile(folder + "/backup.zip", bytes: 3 << 30)
    try sparseFile(folder + "/invoices.csv", bytes: 400_000_000)
    try sparseFile(folder + "/payments.csv", bytes: 200_000_000)
    #expect(
      problems(loading: folder, under: folder) == [
        "\(folder): error: its CSV files add up to 600,000,118 bytes, which is over the 512 MiB ledger limit; pass --max-ledger-size 573M to raise it",
        "1 problem found; nothing was loaded.",
      ])
  }

  @Test func theLimitCanBeRaisedOrLowered() throws {
    let folder = try temporary(["ledger.json": generatedLedger(customers: 2)])
    let path = folder + "/ledger.json"
    let size = try #require(FileBytes.size(path))
    #expect(try LedgerReader.load(path, maxBytes: size).customers.count == 2)
    #expect(throws: LedgerError.self) { try LedgerReader.load(path, maxBytes: size - 1) }
    do {
      _ = try LedgerReader.load(path, maxBytes: 500)
      Issue.record("loaded")
    } catch {
      #expect(
        error.issues.map(\.message) == [
          "\(size.grouped) bytes is over the 500-byte ledger limit; pass --max-ledger-size 1K to raise it"
        ])
    }
    #expect(LedgerReader.sizeText(512 << 20) == "512 MiB")
    #expect(LedgerReader.sizeText(3 << 30) == "3 GiB")
    #expect(LedgerReader.sizeText(1536) == "1,536-byte")
    #expect(LedgerReader.sizeText(1 << 10) == "1 KiB")
  }
}
