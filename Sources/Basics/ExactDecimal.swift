/// An exact base-10 number: an integer significand and a count of decimal places.
///
/// Money never passes through `Double` in ardoc. `ExactDecimal` keeps the scale it was
/// written with (`"1200000.00"` prints as `1200000.00`), compares by value
/// (`1.5 == 1.50`), and reports overflow instead of wrapping. The significand is an
/// `Int128`, so every amount with up to 38 significant digits is exact.
///
/// ```swift
/// let total = try ExactDecimal(parsing: "1200000.00")
/// let share = try total.multiplied(by: ExactDecimal(parsing: "0.3")).rounded(scale: 2)
/// share.description  // "360000.00"
/// ```
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
  // Kept as two 8-byte halves and a byte: 24 bytes a value instead of an Int128's 32 and an
  // Int, and no 16-byte alignment for the ledger's records that hold amounts.
  private let low: UInt64
  private let high: Int64
  private let storedScale: UInt8

  /// The integer digits: the value is `significand / 10^scale`.
  public var significand: Int128 { Int128(high) << 64 | Int128(low) }
  /// The number of digits after the decimal point.
  public var scale: Int { Int(storedScale) }

  /// The largest scale kept by any operation; a product that would need more is an error.
  public static let maxScale = 30
  /// Digits the significand can always hold.
  public static let maxDigits = 38

  public static let zero = ExactDecimal(significand: 0, scale: 0)

  public init(significand: Int128, scale: Int) {
    precondition(scale >= 0 && scale <= ExactDecimal.maxScale, "scale out of range")
    low = UInt64(truncatingIfNeeded: significand)
    high = Int64(truncatingIfNeeded: significand >> 64)
    storedScale = UInt8(scale)
  }

  public init(_ value: Int) {
    self.init(significand: Int128(value), scale: 0)
  }

  /// Parses a plain decimal: optional `-`, digits, optionally `.` and digits.
  ///
  /// Exponents, grouping separators, currency signs, a leading `+` and blanks are
  /// refused: a ledger amount is written one way only. `-0` is zero.
  public init(parsing text: some StringProtocol) throws(DecimalError) {
    try self.init(parsing: String(text))
  }

  /// ``init(parsing:)`` for a string, read in place: every amount of a ledger and every
  /// figure a validator reads comes here.
  public init(parsing text: String) throws(DecimalError) {
    var text = text
    switch text.withUTF8({ ExactDecimal.parse($0) }) {
    case .value(let value): self = value
    case .notANumber: throw DecimalError.notANumber(text)
    case .tooManyDigits: throw DecimalError.tooManyDigits(text)
    }
  }

  /// A plain decimal's UTF-8 (see ``init(parsing:)``), or nil when it is not one.
  public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    if case .value(let value) = parse(bytes) { return value }
    return nil
  }

  enum Parsed {
    case value(ExactDecimal)
    case notANumber
    case tooManyDigits
  }

  static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Parsed {
    var bytes = text[...]
    var negative = false
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      bytes = bytes.dropFirst()
    }
    guard !bytes.isEmpty else { return .notANumber }
    var significand: Int128 = 0
    var scale = 0
    var seenPoint = false
    var digitsBefore = 0
    var significantDigits = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if seenPoint { scale += 1 } else { digitsBefore += 1 }
        if significand != 0 || byte != UInt8(ascii: "0") { significantDigits += 1 }
        guard significantDigits <= ExactDecimal.maxDigits, scale <= ExactDecimal.maxScale else {
          return .tooManyDigits
        }
        significand = significand * 10 + Int128(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "."):
        guard !seenPoint, digitsBefore > 0 else { return .notANumber }
        seenPoint = true
      default:
        return .notANumber
      }
    }
    guard digitsBefore > 0, !seenPoint || scale > 0 else { return .notANumber }
    return .value(ExactDecimal(significand: negative ? -significand : significand, scale: scale))
  }

  public var isZero: Bool { significand == 0 }
  public var isNegative: Bool { significand < 0 }
  public var magnitude: ExactDecimal {
    ExactDecimal(significand: significand < 0 ? -significand : significand, scale: scale)
  }
  public var negated: ExactDecimal { ExactDecimal(significand: -significand, scale: scale) }

  /// The same value written with at least `newScale` places (never drops digits).
  public func withScale(atLeast newScale: Int) throws(DecimalError) -> ExactDecimal {
    guard newScale > scale else { return self }
    guard newScale <= ExactDecimal.maxScale else { throw DecimalError.overflow }
    let (value, overflow) = significand.multipliedReportingOverflow(
      by: ExactDecimal.power(newScale - scale))
    guard !overflow else { throw DecimalError.overflow }
    return ExactDecimal(significand: value, scale: newScale)
  }

  /// The value times 10^places (places may be negative), exactly.
  public func shifted(byDecimalPlaces places: Int) throws(DecimalError) -> ExactDecimal {
    if places <= 0 {
      let scale = self.scale - places
      guard scale <= ExactDecimal.maxScale else { throw DecimalError.overflow }
      return ExactDecimal(significand: significand, scale: scale)
    }
    if places <= self.scale {
      return ExactDecimal(significand: significand, scale: self.scale - places)
    }
    let factor = places - self.scale
    guard factor <= ExactDecimal.maxDigits else { throw DecimalError.overflow }
    let (value, overflow) = significand.multipliedReportingOverflow(by: ExactDecimal.power(factor))
    guard !overflow else { throw DecimalError.overflow }
    return ExactDecimal(significand: value, scale: 0)
  }

  /// The value with trailing fractional zeros removed (`1.500` becomes `1.5`).
  public var normalized: ExactDecimal {
    var value = significand
    var scale = self.scale
    while scale > 0, value % 10 == 0 {
      value /= 10
      scale -= 1
    }
    return ExactDecimal(significand: value, scale: scale)
  }

  public func adding(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
    let scale = max(self.scale, other.scale)
    let a = try withScale(atLeast: scale)
    let b = try other.withScale(atLeast: scale)
    let (sum, overflow) = a.significand.addingReportingOverflow(b.significand)
    guard !overflow else { throw DecimalError.overflow }
    return ExactDecimal(significand: sum, scale: scale)
  }

  public func subtracting(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
    try adding(other.negated)
  }

  /// The sum of `values`, or ``DecimalError/overflow`` (a document's figures can be any size).
  ///
  /// ```swift
  /// try ExactDecimal.sum(invoices.map(\.amount))
  /// ```
  public static func sum(_ values: some Sequence<ExactDecimal>) throws(DecimalError) -> ExactDecimal {
    var total = ExactDecimal.zero
    for value in values { total = try total.adding(value) }
    return total
  }

  public func multiplied(by other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
    let (value, overflow) = significand.multipliedReportingOverflow(by: other.significand)
    guard !overflow else { throw DecimalError.overflow }
    var product = value
    var scale = self.scale + other.scale
    // Trailing zeros beyond the scale limit carry no information; anything else would be lost.
    while scale > ExactDecimal.maxScale {
      guard product % 10 == 0 else { throw DecimalError.overflow }
      product /= 10
      scale -= 1
    }
    return ExactDecimal(significand: product, scale: scale)
  }

  /// `self / divisor` rounded half away from zero to `scale` places.
  public func divided(by divisor: ExactDecimal, scale: Int) throws(DecimalError) -> ExactDecimal {
    guard !divisor.isZero else { throw DecimalError.divisionByZero }
    guard scale >= 0, scale <= ExactDecimal.maxScale else { throw DecimalError.overflow }
    // self/divisor = (s1 / 10^e1) / (s2 / 10^e2); scaled by 10^scale:
    // q = s1 * 10^(scale + e2 - e1) / s2
    let shift = scale + divisor.scale - self.scale
    var numerator = significand
    var denominator = divisor.significand
    if shift >= 0 {
      let (n, o) = numerator.multipliedReportingOverflow(by: ExactDecimal.power(shift))
      guard !o else { throw DecimalError.overflow }
      numerator = n
    } else {
      let (d, o) = denominator.multipliedReportingOverflow(by: ExactDecimal.power(-shift))
      guard !o else { throw DecimalError.overflow }
      denominator = d
    }
    return ExactDecimal(
      significand: ExactDecimal.divideHalfAwayFromZero(numerator, denominator), scale: scale)
  }

  /// Rounds half away from zero ("half-up" in accounting usage) to `scale` places.
  public func rounded(scale newScale: Int) -> ExactDecimal {
    guard newScale < scale else { return self }
    let divisor = ExactDecimal.power(scale - newScale)
    return ExactDecimal(
      significand: ExactDecimal.divideHalfAwayFromZero(significand, divisor), scale: newScale)
  }

  /// The value cut toward zero to whole units.
  public var integerPart: Int128 { significand / ExactDecimal.power(scale) }

  static func divideHalfAwayFromZero(_ n: Int128, _ d: Int128) -> Int128 {
    let negative = (n < 0) != (d < 0)
    let un = n.magnitude
    let ud = d.magnitude
    var q = un / ud
    let r = un % ud
    if r >= ud - r { q += 1 }
    return negative ? -Int128(q) : Int128(q)
  }

  static func power(_ exponent: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    lhs.compare(rhs) == 0
  }

  public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    lhs.compare(rhs) < 0
  }

  public func hash(into hasher: inout Hasher) {
    let n = normalized
    hasher.combine(n.significand)
    hasher.combine(n.scale)
  }

  func compare(_ other: ExactDecimal) -> Int {
    if (significand < 0) != (other.significand < 0) { return significand < 0 ? -1 : 1 }
    let scale = max(self.scale, other.scale)
    guard let a = try? withScale(atLeast: scale), let b = try? other.withScale(atLeast: scale)
    else {
      // Rescaling overflowed: compare whole parts, then the remainders exactly.
      let ia = integerPart
      let ib = other.integerPart
      if ia != ib { return ia < ib ? -1 : 1 }
      let fa = (try? subtracting(ExactDecimal(significand: ia, scale: 0))) ?? .zero
      let fb = (try? other.subtracting(ExactDecimal(significand: ib, scale: 0))) ?? .zero
      return fa.compare(fb)
    }
    return a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1)
  }

  /// The digits as written: `-1234.50`.
  public var description: String {
    ExactDecimal.render(significand, scale: scale, grouping: nil)
  }

  /// Digits of the whole part grouped by thousands, then exactly `places` decimals,
  /// rounded half away from zero: `1234567.5` → `1,234,567.50`.
  public func formatted(places: Int, grouping: Bool = true, separator: Character = ",") -> String {
    let value = places >= scale ? ((try? withScale(atLeast: places)) ?? self) : rounded(scale: places)
    // A comma is nearly always the separator: asking a Character for its ASCII value costs more.
    let mark = grouping ? (separator == "," ? UInt8(ascii: ",") : separator.asciiValue ?? UInt8(ascii: ",")) : nil
    return ExactDecimal.render(value.significand, scale: value.scale, grouping: mark)
  }

  /// Writes digits right to left into a fixed buffer: money formatting is on every
  /// document's hot path.
  static func render(_ significand: Int128, scale: Int, grouping: UInt8?) -> String {
    var magnitude = significand.magnitude
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
      var index = buffer.count
      func put(_ byte: UInt8) {
        index -= 1
        buffer[index] = byte
      }
      var written = 0
      while written < scale {
        put(UInt8(ascii: "0") + UInt8(magnitude % 10))
        magnitude /= 10
        written += 1
      }
      if scale > 0 { put(UInt8(ascii: ".")) }
      var wholeDigits = 0
      repeat {
        if let grouping, wholeDigits > 0, wholeDigits % 3 == 0 { put(grouping) }
        put(UInt8(ascii: "0") + UInt8(magnitude % 10))
        magnitude /= 10
        wholeDigits += 1
      } while magnitude > 0
      if significand < 0 { put(UInt8(ascii: "-")) }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[index...]), as: UTF8.self)
    }
  }
}

/// Why a decimal could not be read or computed.
public enum DecimalError: Error, Equatable, Sendable, CustomStringConvertible {
  case notANumber(String)
  case tooManyDigits(String)
  case overflow
  case divisionByZero

  public var description: String {
    switch self {
    case .notANumber(let text):
      return
        "'\(text)' is not a plain decimal number (write digits with an optional '-' and '.', e.g. 1200000.00; no grouping, currency sign or exponent)"
    case .tooManyDigits(let text):
      return
        "'\(text)' has more than \(ExactDecimal.maxDigits) significant digits or \(ExactDecimal.maxScale) decimal places"
    case .overflow: return "decimal arithmetic overflow (more than 38 significant digits)"
    case .divisionByZero: return "division by zero"
    }
  }
}

extension Int {
  /// The digits grouped by thousands, as sizes are written in messages: `10,485,760`.
  public var grouped: String { ExactDecimal(self).formatted(places: 0) }
}

extension ExactDecimal {
  /// A yearly rate as the percentage a document prints: every place it has, at least two
  /// (`0.039` → `3.90`, `0.04185` → `4.185`). The figure a reader multiplies with must be the
  /// one the interest was computed with, so no rate is printed rounded.
  public func percentFigure() throws(DecimalError) -> ExactDecimal {
    let percent = try multiplied(by: ExactDecimal(100))
    // Padding to two places only changes how the same value is written.
    return (try? percent.normalized.withScale(atLeast: 2)) ?? percent.normalized
  }
}
