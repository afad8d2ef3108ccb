import Basics
import Foundation

/// A ledger kept as a folder of CSV files; docs/ledger.md lists the columns of each file.
enum CSVLedger {
  struct Table {
    let file: String
    let required: Bool
    /// Column → field path in the JSON form (dots nest).
    let columns: [(String, String)]
    let requiredColumns: Set<String>
    /// The column other files refer to, if any.
    var key: String? = nil

    /// The JSON form's names for the columns whose names differ there, lower-cased, each with
    /// its column: the whole path (`lateinterest.annualrate`) and its last part where no
    /// other column's path ends so (`annualrate` → `interestRate`).
    var jsonNames: [String: String] {
      var names: [String: String] = [:]
      var lasts: [String: [String]] = [:]
      for (column, path) in columns where column != path {
        names[path.lowercased()] = column
        if let last = path.split(separator: ".").last { lasts[last.lowercased(), default: []].append(column) }
      }
      let own = Set(columns.map { $0.0.lowercased() })
      for (last, owners) in lasts where owners.count == 1 && !own.contains(last) { names[last] = owners[0] }
      return names
    }
  }

  static let tables: [String: Table] = [
    "issuer": Table(
      file: "issuer.csv", required: true,
      columns: [
        ("name", "name"), ("taxId", "taxId"), ("address", "address"), ("phone", "phone"), ("bankName", "bank.name"),
        ("bankAccount", "bank.account"), ("bankAccountName", "bank.accountName"), ("contactName", "contact.name"),
        ("contactTitle", "contact.title"), ("contactPhone", "contact.phone"), ("contactEmail", "contact.email"),
        ("lawFirm", "legal.firm"), ("lawyer", "legal.lawyer"), ("lawyerLicense", "legal.license"),
      ], requiredColumns: ["name"]),
    "customers": Table(
      file: "customers.csv", required: true,
      columns: [
        ("id", "id"), ("name", "name"), ("taxId", "taxId"), ("address", "address"), ("nonMalicious", "nonMalicious"),
        ("budgetRequired", "finance.budgetRequired"), ("invoiceRequirements", "finance.invoiceRequirements"),
        ("bookClosingDay", "finance.bookClosingDay"), ("bankClosingDay", "finance.bankClosingDay"),
        ("transferDays", "finance.transferDays"), ("creditRating", "finance.creditRating"),
        ("creditLimit", "finance.creditLimit"), ("bankName", "finance.bank.name"),
        ("bankAccount", "finance.bank.account"),
      ], requiredColumns: ["id", "name"], key: "id"),
    "contacts": Table(
      file: "contacts.csv", required: true,
      columns: [
        ("customer", "customer"), ("name", "name"), ("title", "title"), ("phone", "phone"), ("email", "email"),
        ("address", "address"), ("roles", "roles"), ("confirmedOn", "paymentOwnerConfirmation.confirmedOn"),
        ("confirmationMethod", "paymentOwnerConfirmation.method"),
        ("confirmedBy", "paymentOwnerConfirmation.confirmedBy"), ("evidence", "paymentOwnerConfirmation.evidence"),
      ], requiredColumns: ["customer", "name", "roles"]),
    "contracts": Table(
      file: "contracts.csv", required: true,
      columns: [
        ("id", "id"), ("customer", "customer"), ("project", "project"), ("salesperson", "salesperson"),
        ("signedOn", "signedOn"), ("currency", "currency"), ("amount", "amount"),
        ("acceptanceCriteria", "acceptance.criteria"), ("acceptanceMethod", "acceptance.method"),
        ("acceptedOn", "acceptance.acceptedOn"), ("acceptedBy", "acceptance.acceptedBy"),
        ("dunningDaysOverdue", "dunningStart.daysOverdue"), ("dunningMinAmount", "dunningStart.minAmount"),
        ("interestRate", "lateInterest.annualRate"), ("interestBasis", "lateInterest.basis"),
        ("interestClause", "lateInterest.clause"), ("interestDailyRate", "lateInterest.dailyRate"),
        ("installment", "installment"),
      ], requiredColumns: ["id", "customer", "amount"], key: "id"),
    "contract_items": Table(
      file: "contract_items.csv", required: false,
      columns: [
        ("contract", "contract"), ("name", "name"), ("spec", "spec"), ("quantity", "quantity"), ("unit", "unit"),
        ("unitPrice", "unitPrice"),
      ], requiredColumns: ["contract", "name", "quantity"]),
    "payment_terms": Table(
      file: "payment_terms.csv", required: false,
      columns: [("contract", "contract"), ("milestone", "milestone"), ("percent", "percent"), ("dueOn", "dueOn")],
      requiredColumns: ["contract", "percent"]),
    "project_issues": Table(
      file: "project_issues.csv", required: false,
      columns: [("contract", "contract"), ("description", "description"), ("open", "open"), ("since", "since")],
      requiredColumns: ["contract", "description"]),
    "invoices": Table(
      file: "invoices.csv", required: true,
      columns: [
        ("number", "number"), ("contract", "contract"), ("issuedOn", "issuedOn"), ("dueOn", "dueOn"),
        ("amount", "amount"), ("deliveryReceipt", "deliveryReceipt"),
      ], requiredColumns: ["number", "contract", "issuedOn", "dueOn", "amount"], key: "number"),
    "payments": Table(
      file: "payments.csv", required: false,
      columns: [
        ("id", "id"), ("customer", "customer"), ("receivedOn", "receivedOn"), ("amount", "amount"),
        ("currency", "currency"), ("reference", "reference"), ("appliesTo", "appliesTo"),
      ], requiredColumns: ["id", "customer", "receivedOn", "amount"]),
    "credits": Table(
      file: "credits.csv", required: false,
      columns: [("number", "number"), ("invoice", "invoice"), ("issuedOn", "issuedOn"), ("amount", "amount")],
      requiredColumns: ["number", "invoice", "issuedOn", "amount"]),
  ]

  static func load(folder: String, encoding: TextEncoding?, maxBytes: Int) throws(LedgerError) -> Ledger {
    let log = IssueLog(checksNames: false)
    var broken = BrokenKeys()
    var records: [String: [Record]] = [:]
    let located = Folder(folder)
    // The files ardoc reads, together: other files in the folder are never opened.
    let total = located.found.values.reduce(0) { $0 + (FileBytes.size($1) ?? 0) }
    if total > maxBytes {
      throw LedgerError([LedgerReader.tooLarge(folder, bytes: total, limit: maxBytes, folder: true)])
    }
    for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
      if let names = located.clashes[name] {
        // Which one is the ledger is not ardoc's guess to make.
        log.add(
          located.file(names[0]), 0, nil, "",
          "\(names.dropFirst().joined(separator: ", ")) is there too, a name that differs only in case; keep the one that is the ledger's \(table.file) and remove the other"
        )
        broken.unreadable.insert(name)
        continue
      }
      guard let path = located.found[name] else {
        if table.required {
          log.add(
            located.file(table.file), 0, nil, "",
            "missing: a CSV ledger needs \(table.file)" + located.lookalikeHint(table.file))
          broken.unreadable.insert(name)
        }
        continue
      }
      // A table that cannot be read at all is one problem, not one per reference to it.
      if let rows = read(table, path: path, encoding: encoding, limit: maxBytes, log: log, broken: &broken[name]) {
        records[name] = rows
      } else {
        broken.unreadable.insert(name)
      }
    }
    // Structural problems are reported, and checking goes on with the rows that could be
    // read, so that one run lists everything; references to a broken row are not reported
    // again as unknown.

    // Nest child rows under their parents, as in the JSON form.
    var customers = records["customers"] ?? []
    var customerRow: [String: Int] = [:]
    for (index, record) in customers.enumerated() {
      if case .string(let id)? = record.fields["id"]?.value, customerRow[id] == nil { customerRow[id] = index }
    }
    nest(
      records["contacts"] ?? [], under: &customers, index: customerRow, key: "customer", as: "contacts",
      parent: "customers.csv", broken: broken, table: "customers", log: log)

    var contracts = records["contracts"] ?? []
    var contractRow: [String: Int] = [:]
    for (index, record) in contracts.enumerated() {
      if case .string(let id)? = record.fields["id"]?.value, contractRow[id] == nil { contractRow[id] = index }
    }
    nest(
      records["contract_items"] ?? [], under: &contracts, index: contractRow, key: "contract", as: "items",
      parent: "contracts.csv", broken: broken, table: "contracts", log: log)
    nest(
      records["payment_terms"] ?? [], under: &contracts, index: contractRow, key: "contract", as: "paymentTerms",
      parent: "contracts.csv", broken: broken, table: "contracts", log: log)
    nest(
      records["project_issues"] ?? [], under: &contracts, index: contractRow, key: "contract", as: "issues",
      parent: "contracts.csv", broken: broken, table: "contracts", log: log)

    let issuerRows = records["issuer"] ?? []
    // An unreadable issuer.csv is reported once, as the file it is.
    if issuerRows.count != 1, !broken.unreadable.contains("issuer") {
      log.add(
        located.found["issuer"] ?? located.file("issuer.csv"), 0, nil, "",
        "has \(issuerRows.count) rows; it needs exactly one, the issuing company")
    }
    func list(_ items: [Record], _ label: String) -> RawEntry {
      RawEntry(
        value: .list(RawList(items.map { RawEntry(value: .record($0), line: $0.line, column: nil, label: label) })),
        line: 0,
        column: nil, label: label)
    }
    var rootFields: FieldMap = [
      "customers": list(customers, "customers"), "contracts": list(contracts, "contracts"),
      "invoices": list(records["invoices"] ?? [], "invoices"), "payments": list(records["payments"] ?? [], "payments"),
      "credits": list(records["credits"] ?? [], "credits"),
    ]
    if let issuer = issuerRows.first {
      rootFields["issuer"] = RawEntry(value: .record(issuer), line: issuer.line, column: nil, label: "issuer")
    }
    let root = Record(file: folder, line: 0, label: "", fields: rootFields)
    return try LedgerReader.build(Fields(record: root, log: log), log: log, broken: broken)
  }

  static func nest(
    _ children: [Record], under parents: inout [Record], index: [String: Int], key: String, as field: String,
    parent: String, broken: BrokenKeys, table: String, log: IssueLog
  ) {
    var grouped: [Int: [RawEntry]] = [:]
    for child in children {
      // A sheet that writes the parent once and leaves the rows below it blank (merged cells)
      // would lose those rows without a word.
      guard case .string(let id)? = child.fields[key]?.value, !id.isEmpty else {
        log.add(
          child.file, child.line, child.fields[key]?.column, key,
          "is required; write the \(key) on every row (a blank cell is not read as the one above)")
        continue
      }
      guard let row = index[id] else {
        if broken.contains(table, id) { continue }
        let place = child.fields[key]
        log.add(
          child.file, child.line, place?.column, key, "unknown \(key) '\(id)'; add it to \(parent) or correct the id")
        continue
      }
      grouped[row, default: []].append(RawEntry(value: .record(child), line: child.line, column: nil, label: field))
    }
    for (row, entries) in grouped {
      parents[row].fields[field] = RawEntry(
        value: .list(RawList(entries)), line: parents[row].line, column: nil, label: field)
    }
  }

  static func read(
    _ table: Table, path: String, encoding: TextEncoding?, limit: Int, log: IssueLog, broken: inout Set<String>
  ) -> [Record]? {
    guard
      let (names, rows) = CSVFile.rows(
        path, columns: table.columns.map(\.0), required: table.requiredColumns, encoding: encoding, limit: limit,
        log: log, aliases: table.jsonNames)
    else { return nil }
    let known = Dictionary(table.columns, uniquingKeysWith: { first, _ in first })
    var records: [Record] = []
    for row in rows {
      guard row.cells.count == names.count else {
        log.add(
          path, row.line, nil, "", "the row has \(row.cells.count) cells; the first row names \(names.count) columns")
        if let key = table.key, let position = names.firstIndex(of: key), position < row.cells.count {
          broken.insert(row.cells[position])
        }
        continue
      }
      var record = Record(file: path, line: row.line, label: "", fields: [:])
      for (position, name) in names.enumerated() {
        let cell = row.cells[position]
        if name.isEmpty, !cell.isEmpty { log.add(path, row.line, position + 1, "", CSVFile.unnamedCell) }
        guard !cell.isEmpty, let fieldPath = known[name] else { continue }
        insert(
          &record, path: fieldPath.split(separator: ".").map(String.init), column: name, position: position + 1,
          cell: cell, line: row.line, file: path)
      }
      records.append(record)
    }
    return records
  }

  static func insert(
    _ record: inout Record, path: [String], column: String, position: Int, cell: String, line: Int, file: String
  ) {
    guard let head = path.first else { return }
    if path.count == 1 {
      record.fields[head] = RawEntry(value: .string(cell), line: line, column: position, label: column)
      return
    }
    var inner: Record
    if case .record(let existing)? = record.fields[head]?.value {
      inner = existing
    } else {
      inner = Record(file: file, line: line, label: "", fields: [:])
    }
    insert(
      &inner, path: Array(path.dropFirst()), column: column, position: position, cell: cell, line: line, file: file)
    record.fields[head] = RawEntry(value: .record(inner), line: line, column: position, label: column)
  }

  static func closestColumn(_ name: String, _ candidates: [String]) -> String? {
    candidates.first { $0.lowercased() == name.lowercased() } ?? closestMatch(name, in: candidates)
  }
}
