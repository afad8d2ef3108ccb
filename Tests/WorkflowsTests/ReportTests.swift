import Basics
import Foundation
import Ledger
import Letters
import TestSupport
import Testing
import Workflows

@Suite struct ReportTests {
  let asOf = (try? CivilDate(iso: "2026-11-30")) ?? CivilDate(daysSinceEpoch: 0)

  func aging(_ format: ReportFormat) throws -> String {
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let lines = try Receivables(ledger, asOf: asOf).aging(.standard)
    return try AgingReport.render(lines, ledger: ledger, asOf: asOf, policy: .standard, format: format)
  }

  @Test func agingJSON() throws {
    let json = try aging(.json)
    #expect(
      json.hasPrefix(
        #"{"asOf":"2026-11-30","customers":[{"id":"C001","currency":"CNY","balance":"380000.00","credit":"0.00","buckets":{"current":"0.00","1-30":"0.00","31-60":"0.00","61-90":"0.00","91-180":"380000.00","181-365":"0.00","over-365":"0.00"},"maxDaysOverdue":166},"#
      ))
    #expect(json.contains(#"{"id":"C006","currency":"CNY","balance":"-5000.00","credit":"5000.00","#))
    #expect(
      json.contains(
        #"{"id":"C007","currency":"USD","balance":"30000.00","credit":"0.00","buckets":{"current":"0.00","1-30":"30000.00","#
      ))
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect((parsed?["customers"] as? [Any])?.count == 14)
  }

  @Test func agingCSV() throws {
    let csv = try aging(.csv)
    let lines = csv.components(separatedBy: "\r\n")
    #expect(
      lines[0]
        == "\u{FEFF}customer,name,currency,balance,credit,current,1-30,31-60,61-90,91-180,181-365,over-365,maxDaysOverdue"
    )
    #expect(lines[1] == "C001,苏州华东机电设备有限公司,CNY,380000.00,0.00,0.00,0.00,0.00,0.00,380000.00,0.00,0.00,166")
    #expect(lines.contains("C006,合肥新桥汽车零部件有限公司,CNY,-5000.00,5000.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0"))
  }

  @Test func agingTable() throws {
    let table = try aging(.table)
    #expect(
      table.contains(
        "C010           西安古城能源设备有限公司    CNY     225,000.00         0.00        0.00        0.00        0.00        0.00        0.00        0.00  225,000.00          1259"
      ))
    #expect(table.contains("合计 total                                 CNY   2,696,000.00     5,000.00"))
  }

  @Test func preflightFindsTheThreeCustomersNotReady() throws {
    let ledger = try LedgerReader.load(packageRoot + "/Examples/ledger.json")
    let report = Preflight(ledger: ledger, asOf: asOf)
    #expect(report.customers.filter { !$0.ready }.map(\.customer) == ["C003", "C008", "C009"])
    let c008 = try #require(report.customers.first { $0.customer == "C008" })
    #expect(
      c008.checks.first
        == Preflight.Check(
          name: "payment owner", passed: false,
          detail:
            "谢婷 not confirmed on or before 2026-11-30; record when and how it was confirmed (paymentOwnerConfirmation in JSON; confirmedOn and confirmationMethod in contacts.csv)"
        ))
    #expect(!report.allReady)
    #expect(Preflight(ledger: ledger, asOf: asOf, only: "C001").allReady)
  }

  @Test func csvCellsThatLookLikeFormulasAreNeutralised() {
    #expect(
      CSVWriter.row(["=1+2", "+SUM(A1)", "-cmd", "@x", "-1200.00", "plain, with comma", "say \"hi\""])
        == "\"'=1+2\",\"'+SUM(A1)\",\"'-cmd\",\"'@x\",-1200.00,\"plain, with comma\",\"say \"\"hi\"\"\"\r\n")
  }

  @Test func csvCellsWithAnyLineBreakAreQuoted() {
    // "\r\n" is a single Character: it once went out unquoted and split the row.
    #expect(CSVWriter.row(["a\r\nb", "c\nd", "e\rf", "中文"]) == "\"a\r\nb\",\"c\nd\",\"e\rf\",中文\r\n")
  }
}
