import Basics

/// The ledger's money movements, read after the parties and contracts they name: invoices,
/// payments and credit notes, each checked against what was read before it.
extension LedgerReader.Builder {

  mutating func readInvoice(_ f: Fields) -> Invoice? {
    f.onlyKnown(LedgerFields.invoice, in: "an invoice")
    let number = f.identifier("number")
    let contract = reference(f, "contract", to: "contracts")
    if let contract, contractCustomer[contract] == nil, !broken.contains("contracts", contract) {
      f.problem(at: "contract", "unknown contract '\(contract)'; add it to contracts or correct the id")
    }
    let issuedOn = f.date("issuedOn", required: true)
    let dueOn = f.date("dueOn", required: true)
    if let issuedOn, let dueOn, dueOn < issuedOn {
      f.problem(at: "dueOn", "\(dueOn.iso) is before the issue date \(issuedOn.iso)")
    }
    let currency = contract.flatMap { contractCurrency[$0] }
    let amount = f.decimal("amount", required: true, allowZero: false, currency: currency)
    if let currency { whole(f, amount, currency) }
    if number == nil, let raw = f.rawText("number") { broken.invoices.insert(raw) }
    if let number, contract == nil { broken.invoices.insert(number) }
    if let number {
      if invoiceInfo[number] != nil {
        f.problem(at: "number", "duplicate invoice number '\(number)'")
      } else if let contract {
        invoiceInfo[number] = (contract, issuedOn, amount)
      }
    }
    guard let number, let contract, let issuedOn, let dueOn, let amount else { return nil }
    return Invoice(
      number: number, contract: contract, issuedOn: issuedOn, dueOn: dueOn, amount: amount,
      deliveryReceipt: f.text("deliveryReceipt"))
  }

  mutating func readPayment(_ f: Fields) -> Payment? {
    f.onlyKnown(LedgerFields.payment, in: "a payment")
    let id = f.identifier("id")
    if let id, !seenPayments.insert(id).inserted { f.problem(at: "id", "duplicate payment id '\(id)'") }
    let customer = reference(f, "customer", to: "customers")
    let known = customer.map { customerIndex[$0] != nil } ?? false
    if let customer, !known, !broken.contains("customers", customer) {
      f.problem(at: "customer", "unknown customer '\(customer)'; add it to customers or correct the id")
    }
    let receivedOn = f.date("receivedOn", required: true)
    let currencies = customer.flatMap { customerCurrencies[$0] } ?? []
    var currency = f.string("currency")
    if let given = currency, !given.isEmpty {
      if let problem = CurrencyCode.problem(given) {
        // Not a code at all ('RMB', 'rmb'): said as such, and not compared with anything.
        f.problem(at: "currency", problem)
        currency = nil
      } else if known, !currencies.isEmpty, !currencies.contains(given) {
        f.problem(
          at: "currency",
          "'\(given)' is not a currency of customer '\(customer ?? "")' (its contracts use \(currencies.sorted().joined(separator: ", ")))"
        )
      }
    } else if currencies.count > 1 {
      f.problem(
        field: "currency",
        "is required: customer '\(customer ?? "")' has contracts in \(currencies.sorted().joined(separator: " and "))"
      )
    } else {
      currency = currencies.first ?? "CNY"
    }
    let amount = f.decimal("amount", required: true, allowZero: false, currency: currency)
    if let currency { whole(f, amount, currency) }
    let refusedInvoices = broken.invoices
    let appliesTo = f.strings("appliesTo", skipping: { refusedInvoices.contains($0) })
    for number in appliesTo {
      guard let info = invoiceInfo[number] else {
        if !broken.contains("invoices", number) {
          f.problem(at: "appliesTo", "unknown invoice '\(number)'; correct the number or remove it")
        }
        continue
      }
      // An invoice whose contract is unknown or refused is reported with it, not here.
      guard let owner = contractCustomer[info.contract], let invoiced = contractCurrency[info.contract] else {
        continue
      }
      if let customer, owner != customer {
        f.problem(at: "appliesTo", "invoice '\(number)' belongs to another customer")
      } else if let currency, invoiced != currency {
        f.problem(at: "appliesTo", "invoice '\(number)' is in \(invoiced), the payment in \(currency)")
      }
    }
    guard let id, let customer, let receivedOn, let amount, let currency else { return nil }
    return Payment(
      id: id, customer: customer, receivedOn: receivedOn, amount: amount, currency: currency,
      reference: f.text("reference"), appliesTo: appliesTo)
  }

  mutating func readCredit(_ f: Fields) -> CreditNote? {
    f.onlyKnown(LedgerFields.credit, in: "a credit note")
    let number = f.identifier("number")
    if let number, !seenCredits.insert(number).inserted {
      f.problem(at: "number", "duplicate credit note number '\(number)'")
    }
    let invoice = reference(f, "invoice", to: "invoices")
    let issuedOn = f.date("issuedOn", required: true)
    let currency = invoice.flatMap { invoiceInfo[$0]?.contract }.flatMap { contractCurrency[$0] }
    let amount = f.decimal("amount", required: true, allowZero: false, currency: currency)
    if let invoice {
      if let info = invoiceInfo[invoice] {
        if let issuedOn, let invoiceDate = info.issuedOn, issuedOn < invoiceDate {
          f.problem(at: "issuedOn", "\(issuedOn.iso) is before invoice '\(invoice)' was issued (\(invoiceDate.iso))")
        }
      } else if !broken.contains("invoices", invoice) {
        f.problem(at: "invoice", "unknown invoice '\(invoice)'")
      }
    }
    if let currency { whole(f, amount, currency) }
    guard let number, let invoice, let issuedOn, let amount else { return nil }
    creditPlaces[number] = f
    return CreditNote(number: number, invoice: invoice, issuedOn: issuedOn, amount: amount)
  }

  func checkCredits(_ credits: [CreditNote]) {
    var total: [String: ExactDecimal] = [:]
    for credit in credits {
      let sum = (try? (total[credit.invoice] ?? .zero).adding(credit.amount)) ?? credit.amount
      total[credit.invoice] = sum
      if let invoiceAmount = invoiceInfo[credit.invoice]?.amount, sum > invoiceAmount {
        creditPlaces[credit.number]?.problem(
          at: "amount",
          "credit notes for invoice '\(credit.invoice)' add up to \(sum), more than its \(invoiceAmount)")
      }
    }
  }
}
