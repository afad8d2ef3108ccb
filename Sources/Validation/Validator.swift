import Basics
import Ledger
import LibXML
import Synchronization
import Templating
import Vocabulary

/// One finding of a rule, located in the document.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }
  /// The rule's stable id: payment-owner, seals, amounts, metadata, wording, leftovers, parse.
  public let rule: String
  public let severity: Severity
  public let message: String
  public let line: Int
  /// An XPath to the element concerned (`/html/body/main/div[3]`), or empty.
  public let xpath: String

  public init(rule: String, severity: Severity = .error, message: String, line: Int = 0, xpath: String = "") {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.line = line
    self.xpath = xpath
  }

  public var description: String {
    "\(line > 0 ? "\(line)" : "-"): \(severity.rawValue) [\(rule)] \(message)\(xpath.isEmpty ? "" : " (\(xpath))")"
  }
}

/// The findings for one document.
public struct ValidationReport: Sendable, Equatable {
  public let file: String
  /// The document was not well-formed XML and was read with the HTML parser.
  public let readAsHTML: Bool
  public let findings: [Finding]
  public var valid: Bool { !findings.contains { $0.severity == .error } }

  public init(file: String, readAsHTML: Bool, findings: [Finding]) {
    self.file = file
    self.readAsHTML = readAsHTML
    self.findings = findings
  }

  public var text: String {
    if findings.isEmpty { return "\(file): valid\n" }
    var out = "\(file): \(valid ? "valid, with warnings" : "INVALID")\(readAsHTML ? " (read as HTML)" : "")\n"
    for finding in findings {
      out +=
        "  \(file):\(finding.line > 0 ? String(finding.line) : "-"): \(finding.severity.rawValue) [\(finding.rule)] \(finding.message)"
      out += finding.xpath.isEmpty ? "\n" : " at \(finding.xpath)\n"
    }
    return out
  }

  public func json(into w: JSONWriter) {
    w.object {
      w.field("file", file)
      w.field("valid", valid)
      w.field("readAsHTML", readAsHTML)
      w.key("findings")
      w.array(findings) { f in
        w.object {
          w.field("rule", f.rule)
          w.field("severity", f.severity.rawValue)
          w.field("message", f.message)
          w.field("line", f.line)
          w.field("xpath", f.xpath)
        }
      }
    }
  }
}

/// Checks rendered documents (or documents a person edited) against docs/design.md section 6: the
/// confirmed payment owner, the seal fields of the kind, the figures, the metadata, the
/// wording and leftovers of templates. With a ledger, the owner and the balance are checked
/// against it at the document's dates.
///
/// ```swift
/// let validator = Validator(policy: .standard, ledger: ledger)
/// let report = validator.validate(bytes, file: "DZ-202611-0001.html")
/// report.valid
/// ```
public final class Validator: Sendable {
  public let policy: Policy
  public let ledger: Ledger?
  let customers: [String: Customer]
  let contracts: [String: Contract]
  let cache = ReceivablesCache()

  /// `receivables` already computed from this `ledger` are used for the cross-check at their
  /// as-of date instead of being computed again.
  public init(policy: Policy = .standard, ledger: Ledger? = nil, receivables: Receivables? = nil) {
    self.policy = policy
    self.ledger = ledger
    self.customers = Dictionary((ledger?.customers ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.contracts = Dictionary((ledger?.contracts ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    if let receivables, ledger != nil { cache.entries.withLock { $0[receivables.asOf] = receivables } }
  }

  /// The ledger's receivables at a date, computed once per date for all documents; nil when
  /// the ledger's figures overflow (amounts built beyond what import accepts).
  func receivables(_ ledger: Ledger, _ asOf: CivilDate) -> Receivables? {
    if let found = cache.entries.withLock({ $0[asOf] }) { return found }
    guard let computed = try? Receivables(ledger, asOf: asOf) else { return nil }
    cache.entries.withLock { $0[asOf] = computed }
    return computed
  }

  static let kinds = DocumentKind.allCases.map(\.rawValue)
  static let measures = PenaltyMeasure.allCases.map(\.rawValue)
  static let sampleMarkers = ["某某", "张三", "样例", "示例", "FP-0001", "(sample)", "Sample Co."]

  /// Every text whose appearance some rule refuses: the sample markers, an unrendered `${`
  /// and the policy's forbidden words. Apart from these, the rules read a document's number
  /// only to compare it with itself (the meta, the reply slip) and to require it, so a valid
  /// letter stays valid when one non-empty number, without surrounding spaces, replaces
  /// another everywhere, unless one of these texts now overlaps it.
  public var textMarkers: [String] {
    Validator.sampleMarkers + ["${"] + policy.forbiddenWords.keys.sorted().flatMap { policy.forbiddenWords[$0] ?? [] }
  }

  /// Whether, in the text a reader sees of a document this process rendered, one of `forms`
  /// overlaps a stretch starting at one of `starts` (a filled-in number): a marker can meet it
  /// across a tag (`FP-000</b><b>1`) where the bytes alone do not show it. A stretch inside a
  /// tag is not text; one next to a comment or CDATA counts as touched.
  public static func textTouches(_ forms: [[UInt8]], _ bytes: [UInt8], at starts: [Int], length: Int) -> Bool {
    let widest = forms.reduce(0) { max($0, $1.count) }
    guard widest > 0 else { return false }
    for start in starts {
      switch RenderedText.around(bytes, start: start, length: length, reach: widest - 1) {
      case .tag: continue
      case .unknown: return true
      case .text(let before, let after):
        let window = before + bytes[start..<(start + length)] + after
        if ByteSearch.overlaps(forms, in: window, start: before.count, length: length) { return true }
      }
    }
    return false
  }

  /// Validates a document this process rendered, from the elements the render recorded:
  /// nothing is parsed. A document with any finding (or one a rule must search with XPath)
  /// is validated again from its bytes, so that every finding says where it is; the report
  /// is the one ``validate(_:file:)`` gives for the same bytes.
  public func validate(rendered: RenderedDocument, file: String) -> ValidationReport {
    let (findings, complete) = outlineFindings(rendered)
    if findings.isEmpty, complete { return ValidationReport(file: file, readAsHTML: false, findings: []) }
    return validate(rendered.bytes, file: file)
  }

  /// The rules' findings from a render's outline, without locations, and whether every rule
  /// could be checked from it.
  func outlineFindings(_ rendered: RenderedDocument) -> (findings: [Finding], complete: Bool) {
    var check = Check(validator: self, document: RenderedOutline(rendered), raw: rendered.bytes)
    let findings = check.run()
    return (findings, !check.incomplete)
  }

  /// Validates a document's bytes; a document that is not well-formed XML is read with the
  /// HTML parser, as a browser would.
  public func validate(_ bytes: [UInt8], file: String) -> ValidationReport {
    // A letter saved by a word processor in GBK reads as garbage in UTF-8, and every rule would
    // then report on the garbage: said once, with what to do.
    if String(validating: bytes, as: UTF8.self) == nil, WideEncoding.detect(bytes) == nil {
      return ValidationReport(
        file: file, readAsHTML: false,
        findings: [
          Finding(
            rule: "parse",
            message:
              "is not UTF-8 text (a word processor may have saved it as GBK or GB2312); save it as UTF-8 and validate it again",
            line: TextEncoding.firstLineNotUTF8(bytes) ?? 0)
        ])
    }
    var readAsHTML = false
    let document: XMLDocument
    do {
      document = try XMLDocument.parse(bytes, file: file)
    } catch {
      do {
        document = try XMLDocument.parseHTML(bytes, file: file).document
        readAsHTML = true
      } catch {
        return ValidationReport(
          file: file, readAsHTML: false,
          findings: error.diagnostics.map { Finding(rule: "parse", message: $0.message, line: $0.line) })
      }
    }
    var check = Check(validator: self, document: ParsedDocument(document: document), raw: bytes)
    let markup = readAsHTML ? [] : BrowserReading.findings(bytes)
    return ValidationReport(file: file, readAsHTML: readAsHTML, findings: markup + check.run())
  }
}

final class ReceivablesCache: Sendable {
  let entries = Locked<[CivilDate: Receivables]>([:])
}
