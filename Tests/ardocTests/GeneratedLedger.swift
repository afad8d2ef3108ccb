import Foundation

/// A generated ledger: `count` customers with three invoices each; every 97th customer has an
/// unconfirmed payment owner, every 89th an open project issue, every 50th is fully paid, and
/// customer 7 has a name that looks like a spreadsheet formula.
func generatedLedger(_ count: Int) -> String {
  var customers: [String] = []
  var contracts: [String] = []
  var invoices: [String] = []
  var payments: [String] = []
  for i in 1...count {
    let id = String(format: "G%05d", i)
    let name = i == 7 ? "=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")" : "生成客户\(i)有限公司"
    let confirmation =
      i % 97 == 0 ? "" : #", "paymentOwnerConfirmation": {"confirmedOn": "2026-01-05", "method": "email"}"#
    customers.append(
      #"{"id": "\#(id)", "name": "\#(name)", "contacts": [{"name": "付款人\#(i)", "roles": ["payment-owner"]\#(confirmation)}]}"#
    )
    let issue = i % 89 == 0 ? #", "issues": [{"description": "验收争议", "open": true}]"# : ""
    contracts.append(#"{"id": "K\#(id)", "customer": "\#(id)", "amount": "900000.00"\#(issue)}"#)
    for n in 1...3 {
      let day = 1 + (i * 7 + n * 5) % 27
      invoices.append(
        #"{"number": "\#(id)-\#(n)", "contract": "K\#(id)", "issuedOn": "2026-\#(String(format: "%02d", n + 6))-\#(String(format: "%02d", day))", "dueOn": "2026-\#(String(format: "%02d", n + 7))-\#(String(format: "%02d", day))", "amount": "\#(1000 + i % 500).\#(String(format: "%02d", n * 7))"}"#
      )
    }
    if i % 50 == 0 {
      // The three invoices in cents: 1000 + i % 500 and .07, .14, .21.
      let cents = 3 * (1000 + i % 500) * 100 + 7 + 14 + 21
      payments.append(
        #"{"id": "P\#(id)", "customer": "\#(id)", "receivedOn": "2026-10-01", "amount": "\#(cents / 100).\#(String(format: "%02d", cents % 100))"}"#
      )
    }
  }
  return """
    {"format": "ardoc-ledger/1", "issuer": {"name": "上海澄明工业软件有限公司", "bank": {"name": "招商银行", "account": "1219"}},
     "customers": [\(customers.joined(separator: ",\n"))],
     "contracts": [\(contracts.joined(separator: ",\n"))],
     "invoices": [\(invoices.joined(separator: ",\n"))],
     "payments": [\(payments.joined(separator: ",\n"))], "credits": []}
    """
}
