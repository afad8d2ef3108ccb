import Basics
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The month folder's print files: `print-001.html` and `print-001.pdf`, ... of at most
/// `chunk` letters each, in manifest order. A chunk whose HTML comes out as it is on disk
/// and whose PDF is there is not printed again; a changed chunk's old PDF is removed
/// before it is printed, so a PDF on disk always shows the letters its HTML lists, and a
/// failed print leaves no PDF to be mistaken for the new one.
struct PrintFiles {
  static let chunk = 500

  let folder: String
  let stylesheet: String
  let engine: PDFEngine

  struct Outcome {
    /// Every print HTML of the folder, the source of the PDF of the same name.
    var pages: [String] = []
    /// Every print PDF of the folder.
    var pdfs: [String] = []
    /// Those printed by this run.
    var printed: [String] = []
    var warnings: [(number: String, message: String)] = []
  }

  static func name(_ index: Int) -> String { "print-" + index.zeroPadded(to: 3) }

  /// Brings the print files up to date with `letters`. With `required` (the run asked for
  /// PDFs) a missing engine is an error; without it (PDFs printed by an earlier run) the
  /// changed chunks lose their stale PDF, with a warning that says how to print them again.
  func print(_ letters: [(path: String, number: String)], required: Bool, progress: (any BatchProgress)?)
    throws(GenerateError) -> Outcome
  {
    let chunks = stride(from: 0, to: letters.count, by: PrintFiles.chunk).map {
      Array(letters[$0..<min($0 + PrintFiles.chunk, letters.count)])
    }
    var changed: [(html: String, pdf: String)] = []
    var outcome = Outcome()
    for (index, part) in chunks.enumerated() {
      let base = folder + "/" + PrintFiles.name(index + 1)
      let text = try bundle(part, title: PrintFiles.name(index + 1))
      let html = base + ".html"
      let pdf = base + ".pdf"
      outcome.pages.append(html)
      outcome.pdfs.append(pdf)
      if FileBytes.exists(pdf), (try? FileBytes.read(html, limit: 1 << 30)) == text { continue }
      unlink(pdf)
      do {
        try FileBytes.writeAtomically(text, to: html)
      } catch {
        throw .file(error)
      }
      changed.append((html, pdf))
    }
    // A month that has fewer letters than before keeps no print file of letters it lost.
    var extra = chunks.count + 1
    while FileBytes.exists(folder + "/" + PrintFiles.name(extra) + ".html") {
      unlink(folder + "/" + PrintFiles.name(extra) + ".html")
      unlink(folder + "/" + PrintFiles.name(extra) + ".pdf")
      extra += 1
    }
    guard !changed.isEmpty else { return outcome }
    if !required, PDFPrinter.executable(engine) == nil {
      for file in changed {
        outcome.warnings.append(
          (
            file.pdf,
            "removed: it showed letters that have since changed, and \(engine.rawValue) is not installed to print it again; install it and run the batch with --pdf"
          ))
      }
      outcome.pdfs.removeAll { path in changed.contains { $0.pdf == path } }
      return outcome
    }
    progress?.printed(done: 0, total: changed.count)
    let failures = Locked<[String]>([])
    let done = Locked<Int>(0)
    let jobs = changed
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      do {
        try PDFPrinter.print(html: jobs[index].html, to: jobs[index].pdf, engine: engine, timeout: 600)
      } catch {
        failures.withLock { $0.append("\(error)") }
      }
      let count = done.withLock { count -> Int in
        count += 1
        return count
      }
      progress?.printed(done: count, total: jobs.count)
    }
    if let failure = failures.withLock({ $0.first }) { throw .pdf(failure) }
    outcome.printed = changed.map(\.pdf)
    return outcome
  }

  /// One chunk's print HTML: every letter's body, each on its own pages.
  func bundle(_ part: [(path: String, number: String)], title: String) throws(GenerateError) -> [UInt8] {
    var text = Array(BatchOutputs.bundleHead(title: title, stylesheet: stylesheet).utf8)
    // Every letter of the chunk is in its PDF, or the batch says why not.
    for (position, letter) in part.enumerated() {
      let bytes: [UInt8]
      do {
        bytes = try FileBytes.read(letter.path, limit: ValidationRun.largestDocument)
      } catch {
        throw .pdf("cannot read \(letter.path) for the PDF: \(error.reason)")
      }
      guard let inner = BatchOutputs.bodyContent(bytes) else {
        throw .pdf("\(letter.path) has no <body> to print; run the batch again with --reissue to rewrite it")
      }
      text += BatchOutputs.section(inner, number: letter.number, index: position + 1)
    }
    text += Array(BatchOutputs.bundleTail.utf8)
    return text
  }
}
