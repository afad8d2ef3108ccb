import Basics
import Foundation
import Ledger
import Testing

/// A corpus of broken ledgers: every problem is listed, with file, line and field, in one run.
@Suite struct MalformedLedgerTests {
  func problems(_ path: String) -> [String] {
    do {
      _ = try LedgerReader.load(path.hasPrefix("/") ? path : fixtures + "/" + path)
      Issue.record("\(path) loaded")
      return []
    } catch {
      #expect(error.description.hasSuffix(" found; nothing was loaded."))
      return error.issues.map { $0.description.replacingOccurrences(of: fixtures + "/", with: "") }
    }
  }

  @Test func aJSONLedgerWithNineteenFaults() {
    #expect(
      problems("bad-ledger.json") == [
        "bad-ledger.json:7:88: error: customers[0].contacts[0].paymentOwnerConfirmation.method: 'fax' is not one of: meeting, email, phone, stamped-letter",
        "bad-ledger.json:8:12: error: customers[1].id: duplicate customer id 'C001'; each customer needs its own id",
        "bad-ledger.json:9:43: error: customers[1].contacts[0].roles: 'cfo' is not a role; use payment-owner, decision-maker, acceptance",
        "bad-ledger.json:11:18: error: customers[2].contacts: customer 'C003' has no contact with the role payment-owner; add the person responsible for paying (confirm them later)",
        "bad-ledger.json:12:12: error: customers[3].id: '../../etc/passwd' holds a path separator ('/' or '\\'); ids name files, use letters, digits, '-' and '.'",
        "bad-ledger.json:16:22: error: contracts[0].paymentTerms: the percentages add up to 90%, not 100%",
        "bad-ledger.json:17:32: error: contracts[1].customer: unknown customer 'C999'; add it to customers or correct the id",
        "bad-ledger.json:17:52: error: contracts[1].currency: 'rmb' is not an ISO 4217 currency code; renminbi is CNY",
        "bad-ledger.json:17:69: error: contracts[1].amount: '1,000.00' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)",
        "bad-ledger.json:20:80: error: invoices[0].dueOn: '2026-02-30' is not a day of the calendar",
        "bad-ledger.json:20:104: error: invoices[0].amount: '10.005' has more than 2 decimal places; write the exact amount in yuan and fen",
        "bad-ledger.json:21:37: error: invoices[1].contract: unknown contract 'HT-9'; add it to contracts or correct the id",
        "bad-ledger.json:22:80: error: invoices[2].dueOn: 2026-03-01 is before the issue date 2026-04-01",
        "bad-ledger.json:22:104: error: invoices[2].amount: '-5.00' is negative; record a refund as a credit note",
        "bad-ledger.json:23: error: invoices[3].amount: is required",
        "bad-ledger.json:23:16: error: invoices[3].number: duplicate invoice number 'INV-3'",
        "bad-ledger.json:26:99: error: payments[0].currency: 'USD' is not a currency of customer 'C001' (its contracts use CNY)",
        "bad-ledger.json:27:77: error: payments[1].amount: '1e3' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)",
        "bad-ledger.json:27:97: error: payments[1].appliesTo: unknown invoice 'INV-404'; correct the number or remove it",
      ])
  }

  @Test func aCSVFolderWithAGB18030FileAndABrokenRow() {
    #expect(
      problems("bad-csv") == [
        "bad-csv/customers.csv:6: error: the row has 13 cells; the first row names 14 columns",
        "bad-csv/payments.csv:15: error: a quoted cell starting on this line is never closed; add the closing quote",
        "bad-csv/contacts.csv:31:1: error: customer: unknown customer 'C404'; add it to customers.csv or correct the id",
        "bad-csv/invoices.csv:14:5: error: amount: '¥120000.00' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)",
        "bad-csv/credits.csv:2:4: error: amount: credit notes for invoice '0451 0003' add up to 320000.00, more than its 300000.00",
      ])
  }

  @Test func csvHeaderProblems() throws {
    let folder = try temporary([
      "issuer.csv": Array("name\r\nIssuer\r\n".utf8),
      "customers.csv": Array("id,nmae\r\nC1,x\r\n".utf8),
      "contacts.csv": Array("customer,name\r\n".utf8),
      "contracts.csv": Array("id,customer,amount\r\n".utf8),
      "invoices.csv": Array("number,contract,issuedOn,dueOn,amount\r\n".utf8),
    ])
    let found = problems(folder).map { $0.replacingOccurrences(of: folder + "/", with: "") }
    #expect(
      found == [
        "contacts.csv:1: error: roles: the column is missing; add it to the first row",
        "customers.csv:1:2: error: nmae: unknown column; did you mean 'name'? (columns: id, name, taxId, address, nonMalicious, budgetRequired, invoiceRequirements, bookClosingDay, bankClosingDay, transferDays, creditRating, creditLimit, bankName, bankAccount)",
        "customers.csv:1: error: name: the column is missing; add it to the first row",
      ])
  }

  /// A file that cannot be read as a table (a required column missing, an unknown column, a
  /// quoted cell never closed) is one problem: the rows of other files that name its ids, or
  /// customers whose contacts it held, are not reported as well (they were, 12 to 77 times).
  @Test func aBrokenTableIsOneProblemNotOnePerReferenceToIt() throws {
    let cases: [(file: String, change: (String) -> String, problem: String)] = [
      (
        "contracts.csv", { $0.replacingOccurrences(of: ",amount,", with: ",amount_cny,") },
        "contracts.csv:1:7: error: amount_cny: unknown column"
      ),
      (
        "invoices.csv", { $0.replacingOccurrences(of: "deliveryReceipt", with: "deliveryReceipt,note") },
        "invoices.csv:1:7: error: note: unknown column"
      ),
      (
        "issuer.csv",
        { $0.replacingOccurrences(of: "name,", with: "nmae,", options: [], range: $0.range(of: "name,")) },
        "issuer.csv:1:1: error: nmae: unknown column; did you mean 'name'?"
      ),
      (
        "contacts.csv", { $0.replacingOccurrences(of: "C001,陈明,", with: "C001,\"陈明,") },
        "contacts.csv:3: error: a quoted cell starting on this line is never closed; add the closing quote"
      ),
    ]
    for (file, change, problem) in cases {
      let folder = try copyOfExampleCSV()
      let path = folder + "/" + file
      try change(try FileBytes.text(path)).write(toFile: path, atomically: true, encoding: .utf8)
      let found = problems(folder).map { $0.replacingOccurrences(of: folder + "/", with: "") }
      // A renamed column is also a missing one: two problems, both in the file.
      #expect(found.count == (["contracts.csv", "issuer.csv"].contains(file) ? 2 : 1), "\(file): \(found)")
      #expect(found.first?.hasPrefix(problem) == true, "\(file): \(found)")
    }
  }

  @Test func notAFileAtAll() {
    #expect(
      throws: LedgerError([
        LedgerIssue(
          file: "/nonexistent/ledger.json", line: 0, field: "", message: "cannot read: no such file or folder")
      ])
    ) {
      try LedgerReader.load("/nonexistent/ledger.json")
    }
  }
}
