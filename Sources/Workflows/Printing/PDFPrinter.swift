import Basics
import Foundation

/// The program that turns XHTML into PDF.
public enum PDFEngine: String, Sendable, CaseIterable {
  /// Debian's `chromium`, headless (`ARDOC_CHROMIUM` names another binary).
  case chromium
  /// WeasyPrint (`pip install weasyprint` or Debian's `weasyprint`).
  case weasyprint
}

/// Printing documents to PDF with a real renderer. The PDF is written to a temporary name
/// and renamed, so a crash never leaves half a PDF under the final name.
public enum PDFPrinter {
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  public static func executable(_ engine: PDFEngine) -> String? {
    let environment = ProcessInfo.processInfo.environment
    let name = engine == .chromium ? (environment["ARDOC_CHROMIUM"] ?? "chromium") : "weasyprint"
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The engine's program, or an error that says how to install it. Commands call this
  /// before taking a number, so a missing renderer changes nothing.
  public static func require(_ engine: PDFEngine) throws(Failure) -> String {
    guard let binary = executable(engine) else {
      let install = engine == .chromium ? "apt-get install chromium fonts-noto-cjk" : "apt-get install weasyprint"
      throw Failure(description: "\(engine.rawValue) is not installed; install it (\(install)) or leave out --pdf")
    }
    return binary
  }

  /// Where the PDF of a document's HTML file goes: beside it, `.pdf` for `.html`.
  public static func pdfPath(beside html: String) -> String {
    (html.hasSuffix(".html") ? String(html.dropLast(".html".count)) : html) + ".pdf"
  }

  /// Prints several HTML files (Chromium prints them in one process when it can).
  public static func print(html: String, to pdf: String, engine: PDFEngine, timeout: TimeInterval = 120) throws(Failure)
  {
    let binary = try require(engine)
    let source = URL(fileURLWithPath: html).standardizedFileURL
    // Unique per print, not only per process: a server prints several at once.
    let temporary = pdf + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).pdf"
    let arguments: [String]
    switch engine {
    case .chromium:
      arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw", "--print-to-pdf=\(temporary)", source.absoluteString,
      ]
    case .weasyprint:
      arguments = [source.path, temporary]
    }
    let child: Subprocess
    do {
      child = try Subprocess.start(binary, arguments)
    } catch {
      throw Failure(description: error.description)
    }
    guard let ending = child.wait(seconds: timeout) else {
      // Chromium's own helpers end with it; a stubborn one is killed.
      child.signal(SIGTERM)
      if child.wait(seconds: 5) == nil {
        child.signal(SIGKILL)
        _ = child.wait()
      }
      try? FileManager.default.removeItem(atPath: temporary)
      throw Failure(description: "\(engine.rawValue) did not finish printing \(html) within \(Int(timeout)) s")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0
    guard ending == .exited(0), size > 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      let how = ending == .exited(0) ? "it wrote an empty file" : ending.description
      throw Failure(description: "\(engine.rawValue) failed to print \(html) (\(how)); no PDF was written")
    }
    guard rename(temporary, pdf) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw Failure(description: "cannot move the PDF to \(pdf)")
    }
  }
}
