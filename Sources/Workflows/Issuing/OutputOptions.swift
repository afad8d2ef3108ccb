import Validation
import Vocabulary

/// Where documents go and how they are printed.
public struct OutputOptions: Sendable {
  public var folder: String
  public var pdf: Bool
  public var pdfEngine: PDFEngine
  /// Write a document the validator refuses, named `-INVALID` and bannered.
  public var force: Bool

  /// With `pdf`, the engine must be installed: checked before any number is taken.
  public func checkPDFEngine() throws(GenerateError) {
    guard pdf else { return }
    do {
      _ = try PDFPrinter.require(pdfEngine)
    } catch {
      throw .pdf(error.description)
    }
  }

  /// Where documents go unless `--out` says otherwise.
  public static let standardFolder = "Output"

  public init(
    folder: String = OutputOptions.standardFolder, pdf: Bool = false, pdfEngine: PDFEngine = .chromium,
    force: Bool = false
  ) {
    self.folder = folder
    self.pdf = pdf
    self.pdfEngine = pdfEngine
    self.force = force
  }
}

/// A document written and registered.
public struct IssuedDocument: Sendable, Equatable {
  public let number: String
  public let path: String
  public let pdfPath: String?
  public let sha256: String
  /// The validator's findings: errors for a document written with --force (marked
  /// INVALID), warnings (a contract overrun) for a valid one; empty for a clean one.
  public let findings: [Finding]
  /// The standing letter this one replaced (a reissue), now superseded.
  public var supersedes: String? = nil
  /// What happened around it: the superseded file moved aside, the month's manifest and
  /// print files rebuilt, or why they could not be.
  public var notes: [String] = []
}
