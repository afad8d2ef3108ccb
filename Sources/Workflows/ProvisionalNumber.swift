import Basics
import Ledger
import Letters
import Validation

/// The number a letter is rendered and validated under before it has a real one, so that a
/// letter that fails validation takes no number at all: a deterministic failure voids nothing,
/// and a rerun of a month whose failures are unchanged takes no number.
///
/// The stand-in is `ARDOC` and twenty random digits, new for every run, so no ledger text can
/// hold it by chance. Once the letter passes and its number is taken, the stand-in's bytes are
/// replaced by the number's (``fill(_:with:)``) and the result is validated again as any
/// document's bytes are. When that is not exact (a number that needs escaping, or a template
/// that transformed the stand-in, so its digits are still there), the letter is rendered again
/// under its number instead.
///
/// ```swift
/// let provisional = ProvisionalNumber()
/// let letter = try factory.render(prepared, number: provisional.text)
/// // ... validated, number taken ...
/// let bytes = provisional.fill(letter.bytes, with: "DZ-202611-0001")   // nil: render again
/// ```
public struct ProvisionalNumber: Sendable, Equatable {
  public let text: String
  /// The random digits: if they are left after the fill, the template changed the stand-in.
  let digits: [UInt8]

  public init() {
    var generator = SystemRandomNumberGenerator()
    let digits = (0..<20).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator) }
    self.digits = digits
    text = "ARDOC" + String(decoding: digits, as: UTF8.self)
  }

  /// The letter's bytes with the stand-in replaced by `number`, or nil when a byte replacement
  /// would not give the letter rendered under `number`.
  public func fill(_ bytes: [UInt8], with number: String) -> [UInt8]? {
    // Text and attribute values would escape these; the replacement would not.
    guard !number.utf8.contains(where: { "&<>\"'".utf8.contains($0) || $0 < 0x20 }) else { return nil }
    let filled = ProvisionalNumber.replace(Array(text.utf8), with: Array(number.utf8), in: bytes)
    guard ByteSearch.find(digits, in: filled, from: 0) == nil else { return nil }
    return filled
  }

  static func replace(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 64)
    var position = 0
    while let found = ByteSearch.find(pattern, in: bytes, from: position) {
      result.append(contentsOf: bytes[position..<found])
      result.append(contentsOf: replacement)
      position = found + pattern.count
    }
    result.append(contentsOf: bytes[position...])
    return result
  }
}

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
    report = validator.validate(document: letter.document, bytes: letter.bytes, file: number)
  }

  init(bytes: [UInt8], report: ValidationReport) {
    self.bytes = bytes
    self.report = report
  }

  /// This provisional letter under its real number: the stand-in filled in and the bytes
  /// validated again, or rendered again under the number when a fill is not exact.
  func numbered(
    _ number: String, provisional: ProvisionalNumber, prepared: PreparedLetter, factory: LetterFactory,
    validator: Validator, lane: Int? = nil
  ) throws(GenerateError) -> CheckedLetter {
    guard let filled = provisional.fill(bytes, with: number) else {
      return try CheckedLetter(prepared, number: number, factory: factory, validator: validator, lane: lane)
    }
    return CheckedLetter(bytes: filled, report: validator.validate(filled, file: number))
  }

  /// The validator's errors, as one line for a skip reason or a register entry.
  var failureLine: String {
    "failed validation: " + report.findings.map { "[\($0.rule)] \($0.message)" }.joined(separator: "; ")
  }
}
