import Basics
import Dispatch
import Foundation
import Ledger
import LibXML
import Synchronization
import Validation

/// `ardoc validate`: documents given as files or folders, checked on all cores.
public enum ValidationRun {
  public struct Outcome: Sendable {
    public let reports: [ValidationReport]
    /// Paths that could not be read at all.
    public let unreadable: [String]
    public var allValid: Bool { unreadable.isEmpty && reports.allSatisfy(\.valid) }
  }

  /// The document files under `paths` (folders recursively), in a stable order.
  public static func files(_ paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    for path in paths {
      if FileBytes.isFolder(path) {
        let base = URL(fileURLWithPath: path)
        let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
          .filter { $0.hasSuffix(".html") || $0.hasSuffix(".xhtml") || $0.hasSuffix(".htm") }
          .sorted()
          .map { base.appendingPathComponent($0).path.replacingOccurrences(of: base.path, with: path) }
        files.append(contentsOf: found)
      } else if FileBytes.exists(path) {
        files.append(path)
      } else {
        missing.append(path)
      }
    }
    return (files, missing)
  }

  public static func run(_ paths: [String], validator: Validator) -> Outcome {
    let (files, missing) = files(paths)
    let results = Locked<[Int: ValidationReport]>([:])
    let unreadable = Locked<[String]>(missing)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      guard let bytes = try? FileBytes.read(file, limit: 64 << 20) else {
        unreadable.withLock { $0.append(file) }
        return
      }
      let report = validator.validate(bytes, file: file)
      results.withLock { $0[index] = report }
    }
    let ordered = results.withLock { dict in (0..<files.count).compactMap { dict[$0] } }
    return Outcome(reports: ordered, unreadable: unreadable.withLock { $0 })
  }

  public static func json(_ outcome: Outcome) -> String {
    let w = JSONWriter()
    w.array(outcome.reports) { $0.json(into: w) }
    return w.output + "\n"
  }
}

/// The gate every generating command passes a document through.
public enum Gate {
  /// The document with a visible INVALID banner at the top of its body.
  public static func markInvalid(_ bytes: [UInt8], findings: [Finding]) -> [UInt8] {
    guard let document = try? XMLDocument.parse(bytes, file: "document"),
      let body = try? document.select("//*[local-name()='body']").first
    else { return bytes }
    let banner = document.makeElement("div", namespaceURI: "http://www.w3.org/1999/xhtml")
    banner.setAttribute("class", "ardoc-invalid")
    banner.setAttribute("data-invalid", "true")
    banner.setAttribute(
      "style", "border: 2pt solid #b00; color: #b00; padding: 3mm; margin-bottom: 4mm; font-weight: bold;")
    let heading = banner.appendElement("p")
    heading.setText("INVALID — 未通过校验，不得寄出 / failed validation, do not send")
    let list = banner.appendElement("ul")
    for finding in findings { list.appendElement("li").setText("[\(finding.rule)] \(finding.message)") }
    body.prepend(banner)
    return document.xhtmlBytes()
  }
}
