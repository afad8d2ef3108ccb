import Basics
import Dispatch
import Foundation
import Testing

@testable import Ledger

/// A ledger file's lists are read a block ahead on another core (``RecordList/ReadAhead``):
/// the model and every problem must be those of reading one record after another, in file
/// order, whichever block a record falls in.
@Suite struct ReadAheadTests {
  /// 700 customers make eleven blocks of 64 and a last one of 60.
  @Test func everyRecordIsReadOnceAndInOrder() throws {
    let folder = try temporary(["ledger.json": generatedLedger(customers: 700)])
    let ledger = try LedgerReader.load(folder + "/ledger.json")
    let ids = (1...700).map { String(repeating: "0", count: 5 - String($0).count) + String($0) }
    #expect(ledger.customers.map(\.id) == ids.map { "C" + $0 })
    #expect(ledger.contracts.map(\.id) == ids.map { "K" + $0 })
    #expect(ledger.invoices.map(\.number) == ids.map { "I" + $0 })
    #expect(ledger.invoices.map(\.contract) == ids.map { "K" + $0 })
  }

  /// Problems in the first block, on both sides of a block's edge (records 64 and 65), in a
  /// list inside a record and in the last block, reported in file order.
  @Test func problemsInEveryBlockComeInFileOrder() throws {
    var text = String(decoding: generatedLedger(customers: 700), as: UTF8.self)
    func change(_ from: String, _ to: String) {
      #expect(text.contains(from))
      text = text.replacingOccurrences(of: from, with: to)
    }
    change("\"name\": \"Customer 00003\"", "\"name\": \" \"")
    change("\"id\": \"K00064\", \"customer\": \"C00064\"", "\"id\": \"K00064\", \"customer\": \"C09999\"")
    change(
      "\"number\": \"I00065\", \"contract\": \"K00065\", \"issuedOn\": \"2026-02-01\"",
      "\"number\": \"I00065\", \"contract\": \"K00065\", \"issuedOn\": \"2026-02-30\"")
    change("\"id\": \"C00700\", \"name\": \"Customer 00700\"", "\"id\": \"C00700\", \"nmae\": \"Customer 00700\"")
    // In a list inside a record, which is turned into entries on the other core.
    change(
      "\"Customer 00400\", \"contacts\": [{\"name\": \"Owner\", \"roles\": [\"payment-owner\"]",
      "\"Customer 00400\", \"contacts\": [{\"name\": \"Owner\", \"roles\": [\"payer\"]")
    let folder = try temporary(["ledger.json": Array(text.utf8)])
    #expect(
      problems(loading: folder + "/ledger.json", under: folder) == [
        "ledger.json:6:26: error: customers[2].name: is empty; it is required",
        "ledger.json:403:84: error: customers[399].contacts[0].roles: 'payer' is not a role; use payment-owner, decision-maker, acceptance",
        "ledger.json:403:123: error: customers[399].contacts[0].paymentOwnerConfirmation: confirms a payment owner, but the contact lacks the role payment-owner",
        "ledger.json:403:56: error: customers[399].contacts: customer 'C00400' has no contact with the role payment-owner; add the person responsible for paying (confirm them later)",
        "ledger.json:703:26: error: customers[699].nmae: is not a field of a customer; did you mean 'name'? the fields are id, name, taxId, address, nonMalicious, finance, contacts",
        "ledger.json:703: error: customers[699].name: is required",
        "ledger.json:768:30: error: contracts[63].customer: unknown customer 'C09999'; add it to customers or correct the id",
        "ledger.json:1470:56: error: invoices[64].issuedOn: '2026-02-30' is not a day of the calendar",
        "8 problems found; nothing was loaded.",
      ])
  }

  /// An iterator copied part way shares its reader: each copy still gets every record from
  /// where it was, in order (a block one copy took first is read again for the other).
  @Test func aCopiedIteratorGetsEveryRecordToo() throws {
    let folder = try temporary(["ledger.json": generatedLedger(customers: 700)])
    let file = try FileBytes.Reader(folder + "/ledger.json")
    let node = try LedgerReader.checkedNode(file, maxBytes: 1 << 20).readingItems(from: file)
    guard case .record(let root) = node.raw(file: "ledger.json").value else {
      Issue.record("the ledger is not an object")
      return
    }
    let customers = Fields(record: root, log: IssueLog()).records("customers")
    var first = customers.makeIterator()
    var ids: [String] = []
    for _ in 0..<100 { ids.append(first.next()?.rawText("id") ?? "") }
    var second = first
    var firstRest: [String] = []
    var secondRest: [String] = []
    // Taken in turns, so that each copy takes some blocks first.
    while let a = first.next() {
      firstRest.append(a.rawText("id") ?? "")
      if firstRest.count % 150 == 0 {
        for _ in 0..<200 { if let b = second.next() { secondRest.append(b.rawText("id") ?? "") } }
      }
    }
    while let b = second.next() { secondRest.append(b.rawText("id") ?? "") }
    let all = (1...700).map { "C" + String(repeating: "0", count: 5 - String($0).count) + String($0) }
    #expect(ids == Array(all[0..<100]))
    #expect(firstRest == Array(all[100...]))
    #expect(secondRest == Array(all[100...]))
    #expect(file.unchanged)
  }

  /// Ledgers read at once from the global queue's threads (as the web server reads them) each
  /// read whole: the read-ahead has threads of its own to wait for.
  @Test func ledgersReadAtOnceFromTheGlobalQueue() throws {
    let folder = try temporary(["ledger.json": generatedLedger(customers: 700)])
    let counts = Locked<[Int]>([])
    let group = DispatchGroup()
    for _ in 0..<4 {
      DispatchQueue.global().async(group: group) {
        let count = (try? LedgerReader.load(folder + "/ledger.json"))?.invoices.count ?? -1
        counts.withLock { $0.append(count) }
      }
    }
    group.wait()
    #expect(counts.withLock { $0 } == [700, 700, 700, 700])
  }

  /// A reader that stops early lets the other core go; one that reads on gets every block.
  @Test func aReaderThatStopsEarlyLetsTheOtherCoreGo() {
    let entries = (0..<1000).map { index in
      RawEntry(
        value: .record(
          Record(
            file: "f", line: index + 1, label: "",
            fields: ["n": RawEntry(value: .number("\(index)"), line: index + 1, column: 1, label: "n")])),
        line: index + 1, column: 1, label: "[\(index)]")
    }
    let items = RawList(entries)
    let blocks = (1000 + RecordList.blockSize - 1) / RecordList.blockSize
    for _ in 0..<20 {
      let stopped = RecordList.ReadAhead(items, Array(0..<1000), blocks: blocks)
      _ = stopped.take(1)
    }
    let ahead = RecordList.ReadAhead(items, Array(0..<1000), blocks: blocks)
    var lines = RecordList.ReadAhead.read(items, Array(0..<1000), block: 0).map(\.line)
    for block in 1..<blocks { lines += ahead.take(block).map(\.line) }
    #expect(lines == Array(1...1000))
  }
}
