import Testing

@testable import Workflows

/// What the batch's summary adds to its counts, and how it pairs print pages with PDFs.
@Suite struct BatchResultTests {
  func result(customers: Int, written: Int, skipped: [BatchSkip.Reason], pages: [String] = [], pdfs: [String] = [])
    -> BatchResult
  {
    BatchResult(
      folder: "Output/2026-11/confirmation", customers: customers, documents: written, issuedNow: written,
      alreadyIssued: 0,
      skipped: skipped.map {
        BatchSkip(customer: "C", currency: $0 == .noActivity ? "" : "CNY", reason: $0, message: "")
      },
      warnings: [], pdfs: pdfs, printPages: pages)
  }

  @Test func theNoteSaysWhenACustomerCountsTwice() {
    #expect(result(customers: 3, written: 2, skipped: [.zeroBalance]).accountsNote == nil)
    #expect(
      result(customers: 3, written: 3, skipped: [.zeroBalance]).accountsNote
        == "3 customers, 4 accounts: one letter per customer and currency.")
    // A customer without activity has no account: counted once, as skipped, not as an account.
    #expect(
      result(customers: 3, written: 3, skipped: [.noActivity]).accountsNote
        == "3 customers (1 without activity), 3 accounts: one letter per customer and currency.")
    #expect(result(customers: 3, written: 2, skipped: [.noActivity]).accountsNote == nil)
  }

  @Test func eachPrintPageHasItsPDFUnlessItWasRemoved() {
    let folder = "Output/2026-11/confirmation/"
    let files = result(
      customers: 1, written: 1, skipped: [], pages: [folder + "print-001.html", folder + "print-002.html"],
      pdfs: [folder + "print-002.pdf"]
    ).printFiles
    #expect(files.map(\.page) == [folder + "print-001.html", folder + "print-002.html"])
    #expect(files.map(\.pdf) == [nil, folder + "print-002.pdf"])
  }
}
