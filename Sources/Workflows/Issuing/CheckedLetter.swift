import Basics
import Foundation
import Ledger
import Letters
import Validation

/// A letter rendered and validated under a number: its bytes and the validator's report.
struct CheckedLetter: Sendable {
  let bytes: [UInt8]
  let report: ValidationReport

  /// Renders `prepared` under `number` and validates it against the ledger.
  init(
    _ prepared: PreparedLetter, number: String, factory: LetterFactory, validator: Validator, lane: Int? = nil
  ) throws(GenerateError) {
    let letter: Letter
    do {
      letter = try factory.render(prepared, number: number, lane: lane)
    } catch {
      throw .template(error)
    }
    bytes = letter.bytes
    report = validator.validate(rendered: letter.rendered, file: number)
  }

  init(bytes: [UInt8], report: ValidationReport) {
    self.bytes = bytes
    self.report = report
  }

  /// This provisional letter under its real number: the stand-in filled in, where `fillable`
  /// (the template writes the number as it is), or rendered again under the number. A filled
  /// letter keeps its report when nothing the validator reads can have changed (a valid letter,
  /// no marker overlapping the number in its bytes or in the body's text; `markers` are
  /// ``ProvisionalNumber/forms(_:)`` of the validator's ``Validation/Validator/textMarkers``);
  /// otherwise its bytes are validated again.
  func numbered(
    _ number: String, provisional: ProvisionalNumber, fillable: Bool, markers: [[UInt8]] = [],
    prepared: PreparedLetter, factory: LetterFactory, validator: @autoclosure () -> Validator, lane: Int? = nil
  ) throws(GenerateError) -> CheckedLetter {
    guard fillable, let filled = provisional.fill(bytes, with: number) else {
      return try CheckedLetter(prepared, number: number, factory: factory, validator: validator(), lane: lane)
    }
    let unchanged =
      report.valid && !number.isEmpty && !CheckedLetter.hasSpaceAtAnEnd(number)
      && !report.findings.contains { $0.message.contains(provisional.text) }
      && !ProvisionalNumber.touches(markers, filled.bytes, at: filled.at, length: number.utf8.count)
      && !Validator.textTouches(markers, filled.bytes, at: filled.at, length: number.utf8.count)
    if unchanged {
      return CheckedLetter(
        bytes: filled.bytes,
        report: ValidationReport(file: number, readAsHTML: report.readAsHTML, findings: report.findings))
    }
    return CheckedLetter(bytes: filled.bytes, report: validator().validate(filled.bytes, file: number))
  }

  /// Whether trimming white space and newlines would change the number: only its first and
  /// last scalars can say (every letter of a batch asks, so nothing is copied).
  static func hasSpaceAtAnEnd(_ number: String) -> Bool {
    [number.unicodeScalars.first, number.unicodeScalars.last].contains {
      $0.map(CharacterSet.whitespacesAndNewlines.contains) ?? false
    }
  }

  /// The validator's errors, as one line for a skip reason or a register entry.
  var failureLine: String {
    "failed validation: " + report.findings.map { "[\($0.rule)] \($0.message)" }.joined(separator: "; ")
  }
}
