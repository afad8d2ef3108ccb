import Basics
import Foundation
import Testing

/// Batches of generated customers: the same output whatever the number of jobs, and a batch
/// killed part way leaves nothing half-written.
@Suite(.serialized) struct BatchAtScaleTests {
  @Test func twoThousandCustomersGiveIdenticalOutputWithOneJobOrFour() throws {
    let base = try CLI.temporaryFolder()
    try generatedLedger(2000).write(toFile: base + "/ledger.json", atomically: true, encoding: .utf8)
    var outputs: [[String: Data]] = []
    for jobs in ["1", "4"] {
      let folder = base + "/jobs-" + jobs
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let result = try CLI.run(
        [
          "batch", "--kind", "confirmation", "--ledger", base + "/ledger.json", "--as-of", "2026-11-30", "--jobs", jobs,
        ], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      // 2000 customers: 40 paid in full (every 50th), 20 unconfirmed owners (every 97th); the
      // two rules meet at no customer below 2000.
      #expect(
        result.stdout.hasPrefix("Output/2026-11/confirmation: 1940 written, 0 already issued this month, 60 skipped.\n")
      )
      let out = folder + "/Output/2026-11/confirmation"
      var contents: [String: Data] = [:]
      for name in CLI.listing(out) { contents[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)) }
      outputs.append(contents)
      let register = try CLI.run(["register", "list", "--kind", "confirmation"], in: folder)
      #expect(
        register.stdout.components(separatedBy: "\n").filter {
          $0.hasSuffix("confirmation-G00001.html") || $0.contains(" issued ")
        }.count == 1940)
    }
    #expect(outputs[0].count == 1944)  // 1940 letters, two manifests, the print bundle, skipped.csv
    #expect(outputs[0] == outputs[1])

    let manifest = try FileBytes.text(base + "/jobs-1/Output/2026-11/confirmation/manifest.csv")
    let seventh = manifest.components(separatedBy: "\r\n").first { $0.contains(",G00007,") }
    #expect(seventh?.contains(#","'=HYPERLINK(""http://evil.example"",""click"")","#) == true)
  }

  @Test func aKilledBatchLeavesNoPartialFileAndTheNextRunCompletesIt() throws {
    let base = try CLI.temporaryFolder()
    try generatedLedger(2000).write(toFile: base + "/ledger.json", atomically: true, encoding: .utf8)
    let arguments = [
      "batch", "--kind", "confirmation", "--ledger", base + "/ledger.json", "--as-of", "2026-11-30", "--jobs", "2",
    ]
    let running = try CLI.start(arguments, in: base)
    let out = base + "/Output/2026-11/confirmation"
    // Kill it once it has written some letters, mid-run.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, CLI.listing(out).filter({ $0.hasPrefix("DZ-") }).count < 300 { usleep(20_000) }
    running.child.signal(SIGKILL)
    _ = running.wait()
    let written = CLI.listing(out).filter { $0.hasPrefix("DZ-") }
    #expect(written.count >= 300 && written.count < 1940, "\(written.count) letters when killed")
    #expect(!CLI.listing(out).contains("manifest.csv"))
    // Every letter under its final name is whole: it validates.
    let validate = try CLI.run(["validate", out, "--ledger", base + "/ledger.json"], in: base)
    #expect(validate.stdout.hasSuffix("\(written.count) document(s), 0 invalid.\n"), "\(validate.stdout.suffix(300))")

    let rerun = try CLI.run(arguments, in: base)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let names = CLI.listing(out)
    #expect(!names.contains { $0.hasPrefix(".") })  // temporaries of the killed run are gone
    let letters = names.filter { $0.hasPrefix("DZ-") }
    #expect(letters.count == 1940)
    let customers = letters.map { $0.components(separatedBy: "-confirmation-").last ?? "" }
    #expect(Set(customers).count == 1940)
    let numbers = letters.map { $0.components(separatedBy: "-confirmation-").first ?? "" }
    #expect(Set(numbers) == Set((1...1940).map { String(format: "DZ-202611-%04d", $0) }))
    let register = try CLI.run(["register", "list"], in: base)
    #expect(!register.stdout.contains("reserved"))
    #expect(!register.stdout.contains("void"))
  }
}
