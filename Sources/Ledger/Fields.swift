import Basics

/// Typed access to one record's fields; every wrong value is logged with its place and a fix.
struct Fields {
  let record: Record
  let log: IssueLog

  func problem(_ entry: RawEntry, _ message: String) {
    log.add(record.file, entry.line, entry.column, entry.label, message)
  }

  /// A problem with the record as a whole (a missing field, a duplicate id).
  func problem(field: String, _ message: String) {
    let label = record.label.isEmpty ? field : (field.isEmpty ? record.label : "\(record.label).\(field)")
    log.add(record.file, record.line, nil, label, message)
  }

  func entry(_ key: String) -> RawEntry? {
    guard let entry = record.fields[key] else { return nil }
    if case .null = entry.value { return nil }
    return entry
  }

  /// Text; a required one that is missing or empty is logged.
  func string(_ key: String, required: Bool = false) -> String? {
    guard let entry = entry(key) else {
      if required { problem(field: key, "is required") }
      return nil
    }
    switch entry.value {
    case .string(let s):
      if oversized(entry, s) { return nil }
      // Nearly every value is ASCII: one byte pass answers both checks below (the direction
      // controls are not ASCII; ASCII blanks are space and \t...\r).
      if let shape = Fields.asciiShape(s) {
        if required && shape.blank {
          problem(entry, "is empty; it is required")
          return nil
        }
        if !log.stored, shape.control, let control = s.unicodeScalars.first(where: \.isForbiddenInXML) {
          problem(entry, Fields.controlMessage(control))
          return nil
        }
        return s
      }
      if required && s.allSatisfy(\.isWhitespace) {
        problem(entry, "is empty; it is required")
        return nil
      }
      if let control = s.unicodeScalars.first(where: {
        $0.isDirectionOverride || (!log.stored && ($0.isForbiddenInXML || (0x80...0x9F).contains($0.value)))
      }) {
        let code = String(control.value, radix: 16, uppercase: true)
        problem(
          entry,
          control.isForbiddenInXML
            ? Fields.controlMessage(control)
            : control.isDirectionOverride
              ? "contains the direction control U+\(code), which prints the text in another order than it is stored; remove it"
              : "contains the control character U+00\(code), which prints as nothing or as a box (text read in the wrong encoding leaves such characters); remove it"
        )
        return nil
      }
      return s
    case .number(let n): return oversized(entry, n) ? nil : n
    default:
      problem(entry, "must be text")
      return nil
    }
  }

  func text(_ key: String) -> String { string(key) ?? "" }

  /// For ASCII text (nil for any other), in one pass over its bytes: whether it is all blanks
  /// (space, `\t`…`\r`) and whether it holds a control character XML forbids (below space,
  /// but tab, line feed and carriage return).
  static func asciiShape(_ text: String) -> (blank: Bool, control: Bool)? {
    text.withUTF8Bytes { bytes in
      var blank = true
      var control = false
      for byte in bytes {
        if byte >= 0x80 { return nil }
        if byte != 0x20 && !(0x09...0x0D).contains(byte) { blank = false }
        if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { control = true }
      }
      return (blank, control)
    }
  }

  /// The characters no document can hold (``Swift/Unicode/Scalar/isForbiddenInXML``), refused
  /// when the ledger is read, with its file and field, rather than when a letter is rendered.
  static func controlMessage(_ scalar: Unicode.Scalar) -> String {
    "contains \(scalar.refusedName), which no document can hold; remove it"
  }

  /// Logs a value longer than ``LedgerReader/maxFieldBytes`` and answers true. Every typed
  /// reader asks first: the count of a native string's UTF-8 is stored, so the check costs
  /// nothing, and a 10 MB value is refused before it is scanned, lowercased or put in a message.
  func oversized(_ entry: RawEntry, _ text: String) -> Bool {
    let bytes = text.utf8.count
    guard bytes > LedgerReader.maxFieldBytes else { return false }
    problem(
      entry,
      "\(bytes.grouped) bytes is over the \(LedgerReader.maxFieldBytes.grouped)-byte limit for a ledger text field; "
        + "shorten it")
    return true
  }

  /// The text of a field as written (string or number), unchecked: a refused id, so that
  /// references to it are not reported again.
  func rawText(_ key: String) -> String? {
    switch record.fields[key]?.value {
    case .string(let s)?, .number(let s)?: return s
    default: return nil
    }
  }

  /// An identifier: non-empty, no path separators or control characters, at most 64 characters.
  func identifier(_ key: String) -> String? {
    guard let value = string(key, required: true), let entry = entry(key) else { return nil }
    if let reason = Fields.identifierProblem(value, stored: log.stored) {
      problem(entry, reason)
      return nil
    }
    return value
  }

  static func identifierProblem(_ value: String, stored: Bool = false) -> String? {
    // Nearly every id is short printable ASCII without a path character: one byte pass.
    if value.utf8.count <= 64, value != ".", value != "..",
      value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") })
    {
      return nil
    }
    if value.count > 64 { return "is \(value.count) characters long; an id has at most 64" }
    // File names are built from ids (with the number and the kind, 240 bytes in all).
    if value.utf8.count > 160, !stored {
      return "is \(value.utf8.count) bytes long in UTF-8; an id has at most 160 bytes, as file names are built from it"
    }
    if value != value.trimmingSpaces { return "'\(value)' starts or ends with a space; remove it" }
    if value == "." || value == ".." || value.contains("/") || value.contains("\\") {
      let why = value == "." || value == ".." ? "names a folder" : "holds a path separator ('/' or '\\')"
      return "'\(value)' \(why); ids name files, use letters, digits, '-' and '.'"
    }
    if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
      return "contains a control character; remove it"
    }
    // Invisible characters (zero-width, direction marks and overrides, BOM, fillers such as
    // U+3164 and the blank braille pattern, variation selectors) would make two ids that print
    // the same, or an id that prints as another.
    if let hidden = value.unicodeScalars.first(where: {
      [.format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        || $0.properties.isDefaultIgnorableCodePoint || $0.value == 0x2800
    }) {
      let code = String(hidden.value, radix: 16, uppercase: true)
      return "contains the invisible character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); "
        + "remove it (an id must print exactly as it is stored)"
    }
    return nil
  }

  /// An amount: a plain decimal with at most `places` decimals (money: 2).
  /// `currency`: the amount's, when known before it is read, so that a message names its
  /// unit (not the renminbi's yuan and fen for a USD invoice) and a fraction of a currency
  /// without a minor unit is refused here.
  func decimal(
    _ key: String, required: Bool = false, places: Int? = 2, allowNegative: Bool = false, allowZero: Bool = true,
    currency: String? = nil
  )
    -> ExactDecimal?
  {
    guard let entry = entry(key) else {
      if required { problem(field: key, "is required") }
      return nil
    }
    let text: String
    switch entry.value {
    case .string(let s): text = s
    case .number(let n): text = n
    default:
      problem(entry, "must be a decimal amount such as \"1200.00\"")
      return nil
    }
    if oversized(entry, text) { return nil }
    guard !text.isEmpty else {
      if required { problem(entry, "is empty; it is required") }
      return nil
    }
    // A stored ledger is read by the rules it was imported under (see ``IssueLog/stored``).
    let unit = log.stored ? nil : currency
    switch Amount.read(text, places: places, allowNegative: allowNegative, allowZero: allowZero, currency: unit) {
    case .success(let value): return value
    case .failure(let failure):
      problem(entry, failure.message)
      return nil
    }
  }

  func date(_ key: String, required: Bool = false) -> CivilDate? {
    guard let text = string(key, required: required), let entry = entry(key) else { return nil }
    if text.isEmpty {
      if required { problem(entry, "is empty; it is required") }
      return nil
    }
    do {
      return try log.stored ? CivilDate(iso: text) : CivilDate(entered: text)
    } catch {
      problem(entry, error.description)
      return nil
    }
  }

  func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
    guard let entry = entry(key) else { return nil }
    let text: String
    switch entry.value {
    case .number(let n), .string(let n): text = n
    default:
      problem(entry, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    if oversized(entry, text) || text.isEmpty { return nil }
    guard let value = Int(text), range.contains(value) else {
      problem(entry, "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    return value
  }

  func bool(_ key: String) -> Bool? {
    guard let entry = entry(key) else { return nil }
    switch entry.value {
    case .bool(let b): return b
    case .string(let s):
      if oversized(entry, s) { return nil }
      switch s.lowercased() {
      case "true", "yes", "1", "是", "y": return true
      case "false", "no", "0", "否", "n": return false
      case "": return nil
      default: break
      }
    default: break
    }
    problem(entry, "must be true or false")
    return nil
  }

  func oneOf<T: RawRepresentable>(_ key: String, _ type: T.Type, required: Bool = false) -> T?
  where T.RawValue == String, T: CaseIterable {
    guard let text = string(key, required: required), let entry = entry(key) else { return nil }
    if text.isEmpty && !required { return nil }
    guard let value = T(rawValue: text) else {
      problem(entry, "'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
      return nil
    }
    return value
  }

  func nested(_ key: String) -> Fields? {
    guard let entry = entry(key) else { return nil }
    guard case .record(let record) = entry.value else {
      problem(entry, "must be an object")
      return nil
    }
    return Fields(record: record, log: log)
  }

  /// The records of a list field, each read when it is reached; an item that is not an
  /// object is reported at once, in order, as the list is taken.
  func records(_ key: String, required: Bool = false) -> RecordList {
    guard let entry = entry(key) else {
      if required { problem(field: key, "is required (an empty list [] is fine)") }
      return RecordList(items: RawList([]), positions: [], log: log)
    }
    guard case .list(let items) = entry.value else {
      problem(entry, "must be a list")
      return RecordList(items: RawList([]), positions: [], log: log)
    }
    var positions: [Int] = []
    positions.reserveCapacity(items.count)
    for index in items.indices {
      if items.isRecord(index) {
        positions.append(index)
      } else {
        problem(items[index], "must be an object")
      }
    }
    return RecordList(items: items, positions: positions, log: log)
  }

  /// A list of texts: a JSON array, or a CSV cell separated by `;` or `|`. Items for which
  /// `skipping` is true (ids already refused elsewhere) are taken as written, unchecked.
  func strings(_ key: String, skipping: (String) -> Bool = { _ in false }) -> [String] {
    guard let entry = entry(key) else { return [] }
    switch entry.value {
    case .list(let items):
      return items.compactMap { item in
        if case .string(let s) = item.value { return !skipping(s) && oversized(item, s) ? nil : s }
        problem(item, "must be text")
        return nil
      }
    case .string(let s):
      if !skipping(s), oversized(entry, s) { return [] }
      return s.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { String($0).trimmingSpaces }.filter {
        !$0.isEmpty
      }
    default:
      problem(entry, "must be a list of texts")
      return []
    }
  }

  /// The entry of a field for positioning later checks (or the record itself).
  func place(_ key: String) -> (line: Int, column: Int?, label: String) {
    if let entry = record.fields[key] { return (entry.line, entry.column, entry.label) }
    return (record.line, nil, record.label.isEmpty ? key : "\(record.label).\(key)")
  }

  func problem(at key: String, _ message: String) {
    let p = place(key)
    log.add(record.file, p.line, p.column, p.label, message)
  }
}
