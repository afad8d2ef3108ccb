/// The field names of a JSON ledger (`ardoc-ledger/1`), record by record: any other name is
/// refused, with the nearest of these suggested. A misspelt `applies_to` or `dueDate` would
/// otherwise be read as absent, and the payment allocated to other invoices or the field's
/// default used, with no word; the CSV form refuses an unknown column for the same reason.
/// A name that starts with `_` is a comment and is never read.
enum LedgerFields {
  static let root = ["format", "issuer", "customers", "contracts", "invoices", "credits", "payments"]
  static let issuer = ["name", "taxId", "address", "phone", "bank", "contact", "legal"]
  static let issuerContact = ["name", "title", "phone", "email"]
  static let legal = ["firm", "lawyer", "license"]
  static let bank = ["name", "account", "accountName"]
  static let customer = ["id", "name", "taxId", "address", "nonMalicious", "finance", "contacts"]
  static let finance = [
    "budgetRequired", "invoiceRequirements", "bookClosingDay", "bankClosingDay", "transferDays", "creditRating",
    "creditLimit", "bank",
  ]
  static let contact = ["name", "roles", "title", "phone", "email", "address", "paymentOwnerConfirmation"]
  static let confirmation = ["confirmedOn", "method", "confirmedBy", "evidence"]
  static let contract = [
    "id", "customer", "project", "salesperson", "signedOn", "currency", "amount", "items", "acceptance",
    "paymentTerms", "dunningStart", "lateInterest", "issues", "installment",
  ]
  static let item = ["name", "spec", "quantity", "unit", "unitPrice"]
  static let acceptance = ["criteria", "method", "acceptedOn", "acceptedBy"]
  static let paymentTerm = ["milestone", "percent", "dueOn"]
  static let dunningStart = ["daysOverdue", "minAmount"]
  static let lateInterest = ["annualRate", "dailyRate", "basis", "clause"]
  static let issue = ["description", "open", "since"]
  static let invoice = ["number", "contract", "issuedOn", "dueOn", "amount", "deliveryReceipt"]
  static let payment = ["id", "customer", "receivedOn", "amount", "currency", "reference", "appliesTo"]
  static let credit = ["number", "invoice", "issuedOn", "amount"]
}
