import Basics
import Dispatch
import Foundation
import Ledger
import LedgerStore
import LibXML
import Synchronization
import Templating
import Validation

/// `ardoc validate`: documents given as files or folders, checked on all cores.
public enum ValidationRun {
  public struct Outcome: Sendable {
    public let reports: [ValidationReport]
    /// Paths that could not be read at all.
    public let unreadable: [String]
    /// Why, for those whose reason is known (too large, no permission); the others are missing
    /// or not files.
    public let reasons: [String: String]
    /// Files that are not letters (ardoc's print bundles), or letters a reissue replaced,
    /// with the reason, in path order.
    public let skipped: [(file: String, reason: String)]
    public var allValid: Bool { unreadable.isEmpty && reports.allSatisfy(\.valid) }
  }

  /// The largest file read as a document: as much as a render writes.
  public static let largestDocument = Template.largestOutput

  public static let bundleNote = "a print bundle; each of its letters is validated in its own file"
  public static let supersededNote = "superseded by a reissue (in superseded/); name the file to validate it"

  /// The document files under `paths` (folders recursively), in a stable order. A folder's
  /// `superseded/` subfolders are skipped: their letters no longer stand.
  public static func files(_ paths: [String]) -> (files: [String], missing: [String], superseded: [String]) {
    var files: [String] = []
    var missing: [String] = []
    var superseded: [String] = []
    for given in paths {
      let path = given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given
      if FileBytes.isFolder(path) {
        let base = URL(fileURLWithPath: path)
        let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
          .filter { $0.hasSuffix(".html") || $0.hasSuffix(".xhtml") || $0.hasSuffix(".htm") }
          .sorted()
        for relative in found {
          let full = base.appendingPathComponent(relative).path.replacingOccurrences(of: base.path, with: path)
          if relative.split(separator: "/").dropLast().contains(Substring(SupersededFiles.folderName)) {
            superseded.append(full)
          } else {
            files.append(full)
          }
        }
      } else if FileBytes.exists(path) {
        files.append(path)
      } else {
        missing.append(path)
      }
    }
    return (files, missing, superseded)
  }

  /// With `register`, each document must also be the file the register issued under its
  /// number (``RegisterCheck``).
  public static func run(_ paths: [String], validator: Validator, register: LedgerStore? = nil) -> Outcome {
    let check = register.map(RegisterCheck.init)
    let (files, missing, superseded) = files(paths)
    let results = Locked<[Int: ValidationReport]>([:])
    let bundles = Locked<Set<Int>>([])
    let unreadable = Locked<[String]>(missing)
    let reasons = Locked<[String: String]>([:])
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let bytes: [UInt8]
      do throws(FileBytes.Failure) {
        bytes = try FileBytes.read(file, limit: Self.largestDocument)
      } catch {
        // Over the limit is a reason of its own: the file is there.
        let size = FileBytes.size(file)
        reasons.withLock {
          $0[file] =
            size.map { $0 > Self.largestDocument }
              == true
            ? "is \(size.map { $0.grouped } ?? "?") bytes, over the \(Self.largestDocument >> 20) MiB a document may be; no letter is that large (check the template's loops)"
            : "cannot be read: \(error.reason)"
        }
        unreadable.withLock { $0.append(file) }
        return
      }
      if isBundle(bytes) {
        bundles.withLock { _ = $0.insert(index) }
        return
      }
      var report = validator.validate(bytes, file: file)
      if let check {
        report = ValidationReport(
          file: report.file, readAsHTML: report.readAsHTML, findings: report.findings + check.findings(bytes))
      }
      results.withLock { $0[index] = report }
    }
    let ordered = results.withLock { dict in (0..<files.count).compactMap { dict[$0] } }
    let skippedBundles = bundles.withLock { $0 }.sorted().map { (file: files[$0], reason: bundleNote) }
    let skipped = (skippedBundles + superseded.map { (file: $0, reason: supersededNote) }).sorted { $0.file < $1.file }
    return Outcome(
      reports: ordered, unreadable: unreadable.withLock { $0 }, reasons: reasons.withLock { $0 }, skipped: skipped)
  }

  private enum Either {
    case report(ValidationReport)
    case skipped(String, String)
  }

  /// ardoc's print bundles carry ``BatchOutputs/bundleMarker`` in their head.
  static func isBundle(_ bytes: [UInt8]) -> Bool {
    let marker = Array(BatchOutputs.bundleMarker.utf8)
    let head = bytes.prefix(4096)
    guard head.count >= marker.count else { return false }
    return head.indices.dropLast(marker.count - 1).contains { start in
      head[start..<(start + marker.count)].elementsEqual(marker)
    }
  }

  public static func json(_ outcome: Outcome) -> String {
    // One array of documents; a skipped file is an object with `skipped` (and no findings),
    // so a reader that looks only at `valid` is not told a bundle failed.
    let w = JSONWriter()
    w.array(outcome.reports.map { Either.report($0) } + outcome.skipped.map { Either.skipped($0.file, $0.reason) }) {
      switch $0 {
      case .report(let report): report.json(into: w)
      case .skipped(let file, let reason):
        w.object {
          w.field("file", file)
          w.field("valid", true)
          w.field("skipped", reason)
          w.key("findings")
          w.array([Int]()) { _ in }
        }
      }
    }
    return w.output + "\n"
  }
}
