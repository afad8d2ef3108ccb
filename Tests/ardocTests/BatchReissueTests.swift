import Basics
import Foundation
import Testing

/// A batch reissue follows the single letter's rules on what a reply keeps standing.
@Suite struct BatchReissueTests {
  let batch = ["batch", "--kind", "confirmation", "--as-of", "2026-11-30", "--customers", "C004"]

  /// A dispute the customer was right about: once the ledger is corrected, `batch --reissue`
  /// replaces the disputed letter with one at the corrected balance, as `confirm --reissue`
  /// does; while the ledger still gives the disputed balance, the batch keeps the letter.
  @Test func aCorrectedLedgerLetsABatchReplaceTheDisputedLetter() throws {
    let folder = try CLI.importedExample()
    #expect(try CLI.run(batch, in: folder).status == 0)
    let disputed = try CLI.run(
      ["reply", "DZ-202611-0001", "--disputed", "--received", "2026-12-03", "--their-balance", "150000"], in: folder)
    #expect(disputed.status == 0, "\(disputed.stderr)")
    let unchanged = try CLI.run(batch + ["--reissue"], in: folder)
    #expect(unchanged.status == 0, "\(unchanged.stderr)")
    #expect(!unchanged.stdout.contains("supersedes"), "\(unchanged.stdout)")
    #expect(
      unchanged.stdout.contains(
        "warning DZ-202611-0001: not reissued: DZ-202611-0001, C004's confirmation for CNY as of 2026-11, has the customer's reply in force (disputed, received 2026-12-03); a reissue would ask again what they answered, so it stands"
      ), "\(unchanged.stdout)")
    try CLI.importExample(
      paying: ["id": "P-C004", "customer": "C004", "receivedOn": "2026-11-29", "amount": "10000.00"], in: folder)
    let corrected = try CLI.run(batch + ["--reissue"], in: folder)
    #expect(corrected.status == 0, "\(corrected.stderr)")
    #expect(corrected.stdout.contains("DZ-202611-0002 supersedes DZ-202611-0001\n"), "\(corrected.stdout)")
    let shown = try CLI.run(["register", "show", "DZ-202611-0001"], in: folder).stdout
    #expect(shown.contains("status: superseded\n"), "\(shown)")
    #expect(shown.contains("DZ-202611-0001: disputed, received 2026-12-03"), "\(shown)")
    let letter = try CLI.run(["register", "show", "DZ-202611-0002"], in: folder).stdout
    #expect(letter.contains("amount: 150,000.00\n"), "\(letter)")
  }
}
