import Basics
import Foundation
import Ledger
import TestSupport
import Testing

let fixtures = packageRoot + "/Tests/LedgerTests/Fixtures"

func d(_ text: String) -> ExactDecimal {
  (try? ExactDecimal(parsing: text)) ?? .zero
}

func day(_ text: String) -> CivilDate {
  (try? CivilDate(iso: text)) ?? CivilDate(daysSinceEpoch: 0)
}

func exampleLedger() throws -> Ledger {
  try LedgerReader.load(packageRoot + "/Examples/ledger.json")
}

/// A small ledger for worked examples: one issuer, customers with a confirmed owner.
func smallLedger(
  contracts: [Contract], invoices: [Invoice], payments: [Payment] = [], credits: [CreditNote] = [],
  customers: [String] = ["K1"]
) -> Ledger {
  Ledger(
    issuer: Issuer(name: "Issuer Co"),
    customers: customers.map {
      Customer(
        id: $0, name: "Customer \($0)",
        contacts: [
          Contact(
            name: "Owner", roles: [.paymentOwner],
            paymentOwnerConfirmation: PaymentOwnerConfirmation(confirmedOn: day("2026-01-01"), method: .email))
        ])
    },
    contracts: contracts, invoices: invoices, payments: payments, credits: credits)
}

/// Writes a temporary file or folder of files and returns its path.
func temporary(_ files: [String: [UInt8]], folder: Bool = true) throws -> String {
  let base = scratchPath("ledger")
  try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
  for (name, bytes) in files {
    try Data(bytes).write(to: URL(fileURLWithPath: base + "/" + name))
  }
  return base
}

/// A temporary copy of the example's CSV ledger folder, to change.
func copyOfExampleCSV() throws -> String {
  let folder = scratchPath("csv")
  try FileManager.default.copyItem(atPath: packageRoot + "/Examples/ledger-csv", toPath: folder)
  return folder
}
