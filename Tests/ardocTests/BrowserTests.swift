import Basics
import Foundation
import Testing

/// The page in a real browser: headless Chromium logs in through the login form and shows a
/// customer page (scripts/browser-check drives it over the DevTools protocol).
@Suite struct BrowserTests {
  static let chromium = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
  static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

  @Test(
    .enabled(
      if: chromium && python, "needs Debian's chromium and python3 (scripts/test installs them; ARDOC_WITH_PDF=0 skips)"
    ))
  func chromiumLogsInAndShowsACustomerPage() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let shown = try CLI.run(
      [
        CLI.root + "/scripts/browser-check", server.url, "张伟", "pass-word-1", "/customers/C001?asOf=2026-11-30",
        "--screenshot", folder + "/customer.png",
      ], in: folder, executable: "/usr/bin/python3")
    #expect(shown.status == 0, "\(shown.stderr)")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    let login = try #require(root["login"] as? [String: Any])
    #expect(login["title"] as? String == "登录 Log in · ardoc")
    #expect((login["text"] as? String)?.contains("用户名 User name") == true)
    #expect(root["afterLogin"] as? String == "/customers")
    let page = try #require(root["page"] as? [String: Any])
    #expect(page["path"] as? String == "/customers/C001")
    let text = try #require(page["text"] as? String)
    #expect(text.contains("C001 苏州华东机电设备有限公司"))
    #expect(text.contains("payment owner: 王建国，2026-09-15 meeting 确认"))
    #expect(text.contains("0451 0002\tHT-2026-018\t2026-06-01\t2026-06-17\t480,000.00\t100,000.00\t166"))
    // The aging chart is drawn: seven buckets, all 380,000.00 in 91-180 days.
    #expect(page["chartBars"] as? Int == 7)
    #expect((page["chartWidths"] as? [Double]) == [0, 0, 0, 0, 300, 0, 0])
    let png = try FileBytes.read(folder + "/customer.png")
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // The README's picture of the page: made here, checked in when this is set.
    if ProcessInfo.processInfo.environment["ARDOC_UPDATE_SCREENSHOT"] == "1" {
      try FileBytes.writeAtomically(png, to: CLI.root + "/docs/customer-page.png")
    }
  }
}

/// A ledger with `copies` more customers, L1…Ln, each a copy of C001 with its own contract,
/// invoices and payments.
enum LoadLedger {
  static func widened(_ ledger: [String: Any], copies: Int) throws -> [String: Any] {
    var root = ledger
    var customers = root["customers"] as? [[String: Any]] ?? []
    var contracts = root["contracts"] as? [[String: Any]] ?? []
    var invoices = root["invoices"] as? [[String: Any]] ?? []
    var payments = root["payments"] as? [[String: Any]] ?? []
    let c001 = try #require(customers.first { $0["id"] as? String == "C001" })
    let theirContracts = contracts.filter { $0["customer"] as? String == "C001" }
    let contractIDs = Set(theirContracts.compactMap { $0["id"] as? String })
    let theirInvoices = invoices.filter { contractIDs.contains($0["contract"] as? String ?? "") }
    let theirPayments = payments.filter { $0["customer"] as? String == "C001" }
    for n in 1...copies {
      var customer = c001
      customer["id"] = "L\(n)"
      customer["name"] = "负载测试客户 \(n)"
      customers.append(customer)
      for contract in theirContracts {
        var copy = contract
        copy["id"] = "\(contract["id"] ?? "")-L\(n)"
        copy["customer"] = "L\(n)"
        contracts.append(copy)
      }
      for invoice in theirInvoices {
        var copy = invoice
        copy["number"] = "\(invoice["number"] ?? "")-L\(n)"
        copy["contract"] = "\(invoice["contract"] ?? "")-L\(n)"
        invoices.append(copy)
      }
      for payment in theirPayments {
        var copy = payment
        copy["id"] = "\(payment["id"] ?? "")-L\(n)"
        copy["customer"] = "L\(n)"
        copy["appliesTo"] = (payment["appliesTo"] as? [String] ?? []).map { "\($0)-L\(n)" }
        payments.append(copy)
      }
    }
    root["customers"] = customers
    root["contracts"] = contracts
    root["invoices"] = invoices
    root["payments"] = payments
    return root
  }
}
