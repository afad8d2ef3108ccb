import Basics
import Foundation
import Ledger
import Letters
import TestSupport
import Testing
import Workflows

/// Printing with the real Chromium and reading the PDFs back with pdftotext.
@Suite(.serialized) struct PDFTests {
  static let goldens = packageRoot + "/Tests/LettersTests/Fixtures/golden/zh-CN"

  func run(_ tool: String, _ arguments: [String]) throws -> String {
    let out = scratchPath("tool", suffix: ".txt")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let ending = try Subprocess.start("/usr/bin/" + tool, arguments, output: out).wait()
    #expect(ending == .exited(0), "\(tool) \(arguments): \(ending)")
    return try FileBytes.text(out)
  }

  func printed(_ html: String) throws -> (text: String, pages: Int) {
    let pdf = scratchPath("pdf", suffix: ".pdf")
    try PDFPrinter.print(html: html, to: pdf, engine: .chromium)
    let info = try run("pdfinfo", [pdf])
    let pages =
      info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
      ?? 0
    return (try run("pdftotext", ["-layout", pdf, "-"]), pages)
  }

  func meta(_ text: String, _ name: String) -> String? {
    guard let range = text.range(of: "<meta name=\"\(name)\" content=\"") else { return nil }
    let rest = text[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  @Test func everyDefaultChineseDocumentPrintsWithItsFacts() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.goldens).filter { $0.hasSuffix(".html") }
      .sorted()
    #expect(files.count == 14)
    for file in files {
      let html = try FileBytes.text(Self.goldens + "/" + file)
      let owner = try #require(meta(html, "ardoc:payment-owner"))
      let balance = try ExactDecimal(parsing: try #require(meta(html, "ardoc:balance")))
      let (text, pages) = try printed(Self.goldens + "/" + file)
      #expect(pages >= 1)
      #expect(text.contains("致 \(owner)"), "\(file): owner")
      let figure = (balance.isNegative ? "-¥" : "¥") + balance.magnitude.formatted(places: 2)
      #expect(text.contains(figure), "\(file): \(figure)")
      #expect(text.contains(try AmountInWords.chinese(balance)), "\(file): 大写")
      let sealLabel = file.hasPrefix("installment") ? "甲方（盖章）" : "发函单位（盖章）"
      #expect(text.contains(sealLabel), "\(file): seal")
      if file.hasPrefix("confirmation") {
        #expect(text.contains("客户单位（盖章）") && text.contains("经办人（签字）"), "\(file): reply block")
      }
    }
  }

  @Test func fortyInvoicesBreakCleanlyAcrossPages() throws {
    let invoices = (1...40).map { n in
      Invoice(
        number: String(format: "INV-%04d", n), contract: "K-40", issuedOn: CivilDate(daysSinceEpoch: 20_000 + n),
        dueOn: CivilDate(daysSinceEpoch: 20_030 + n),
        amount: ExactDecimal(significand: Int128(100_000 + n * 137), scale: 2))
    }
    let ledger = Ledger(
      issuer: Issuer(name: "上海澄明工业软件有限公司"),
      customers: [
        Customer(
          id: "C40", name: "四十张发票有限公司",
          contacts: [
            Contact(
              name: "赵四十", roles: [.paymentOwner],
              paymentOwnerConfirmation: PaymentOwnerConfirmation(
                confirmedOn: CivilDate(daysSinceEpoch: 19_000), method: .email))
          ])
      ],
      contracts: [Contract(id: "K-40", customer: "C40", amount: ExactDecimal(significand: 10_000_000, scale: 2))],
      invoices: invoices, payments: [], credits: [])
    let factory = LetterFactory(ledger: ledger, policy: .standard, templateRoots: [packageRoot + "/Templates"])
    let prepared = try factory.prepare(
      LetterRequest(kind: .confirmation, customer: "C40", asOf: CivilDate(daysSinceEpoch: 20_500)))
    let letter = try factory.render(prepared, number: "DZ-40")
    let html = scratchPath("letter", suffix: ".html")
    try Data(letter.bytes).write(to: URL(fileURLWithPath: html))
    let (text, pages) = try printed(html)
    #expect(pages == 3)
    // Every row is printed whole, once: no row is split across a page break.
    for invoice in invoices {
      let lines = text.split(separator: "\n").filter { $0.contains(invoice.number) }
      #expect(lines.count == 1, "\(invoice.number)")
      #expect(
        lines.first?.contains(invoice.amount.formatted(places: 2)) == true, "\(invoice.number) amount on its line")
    }
    // The table header repeats on each page the table runs over.
    let pageTexts = text.split(separator: "\u{0C}")
    let withRows = pageTexts.filter { $0.contains("INV-") }
    #expect(withRows.count >= 2)
    #expect(withRows.allSatisfy { $0.contains("发票号码") })
  }
}
