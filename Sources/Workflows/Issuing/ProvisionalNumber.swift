import Basics
import Foundation
import Ledger
import Letters
import Validation

/// The number a letter is rendered and validated under before it has a real one, so that a
/// letter that fails validation takes no number at all: a deterministic failure voids nothing,
/// and a rerun of a month whose failures are unchanged takes no number.
///
/// The stand-in is `ArDoC` and twenty random digits, new for every run, so no ledger text can
/// hold it by chance. Once the letter passes and its number is taken, the stand-in's bytes are
/// replaced by the number's (``fill(_:with:)``). That is the letter rendered under the number
/// when the template writes the number as it is: a batch checks that once per template and
/// locale, and a fill whose stand-in survives in another form (its digits are left: an
/// `upper` or `lower` filter) is refused. Otherwise the letter is rendered again under its
/// number.
///
/// ```swift
/// let provisional = ProvisionalNumber()
/// let letter = try factory.render(prepared, number: provisional.text)
/// // ... validated, number taken ...
/// let filled = provisional.fill(letter.bytes, with: "DZ-202611-0001")   // nil: render again
/// ```
public struct ProvisionalNumber: Sendable, Equatable {
  public let text: String
  /// The random digits: if they are left after the fill, the template changed the stand-in.
  let digits: [UInt8]

  public init() {
    var generator = SystemRandomNumberGenerator()
    let digits = (0..<20).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator) }
    self.digits = digits
    text = "ArDoC" + String(decoding: digits, as: UTF8.self)
  }

  /// The letter's bytes with the stand-in replaced by `number`, and where each replacement
  /// starts; nil when a byte replacement would not give the letter rendered under `number`.
  public func fill(_ bytes: [UInt8], with number: String) -> (bytes: [UInt8], at: [Int])? {
    // Text and attribute values would escape these; the replacement would not.
    guard !number.utf8.contains(where: { "&<>\"'".utf8.contains($0) || $0 < 0x20 }) else { return nil }
    let pattern = Array(text.utf8)
    let replacement = Array(number.utf8)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 64)
    var starts: [Int] = []
    var position = 0
    while let found = ByteSearch.find(pattern, in: bytes, from: position) {
      result.append(contentsOf: bytes[position..<found])
      starts.append(result.count)
      result.append(contentsOf: replacement)
      position = found + pattern.count
    }
    result.append(contentsOf: bytes[position...])
    guard ByteSearch.find(digits, in: result, from: 0) == nil else { return nil }
    return (result, starts)
  }

  /// The byte forms of the validator's text markers (``Validation/Validator/textMarkers``) as a
  /// document holds them: as written and, where they differ, escaped. Made once per run.
  static func forms(_ markers: [String]) -> [[UInt8]] {
    markers.flatMap { marker -> [[UInt8]] in
      let escaped = marker.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
      return escaped == marker ? [Array(marker.utf8)] : [Array(marker.utf8), Array(escaped.utf8)]
    }.filter { !$0.isEmpty }
  }

  /// Whether one of the markers (in their ``forms(_:)``) overlaps a filled-in number: the only
  /// way a fill can change what the validator finds, besides an empty number or one with
  /// surrounding spaces.
  static func touches(_ forms: [[UInt8]], _ bytes: [UInt8], at starts: [Int], length: Int) -> Bool {
    let widest = forms.reduce(0) { max($0, $1.count) }
    for start in starts {
      let from = max(0, start - widest + 1)
      let to = min(bytes.count, start + length + widest - 1)
      if ByteSearch.overlaps(forms, in: Array(bytes[from..<to]), start: start - from, length: length) { return true }
    }
    return false
  }
}
