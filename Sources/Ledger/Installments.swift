import Basics

/// One payment of a phased-payment plan.
public struct Installment: Sendable, Equatable {
  public let number: Int
  public let label: String
  public let dueOn: CivilDate
  public let amount: ExactDecimal
}

/// Splitting a debt into installments that always add up to the total exactly.
public enum InstallmentPlan {
  public enum Schedule: Sendable, Equatable {
    /// The same day each month from `start` (clamped to the month's last day).
    case monthly(start: CivilDate)
    /// Every `days` days from `start`.
    case everyDays(start: CivilDate, days: Int)
    /// Explicit due dates, one per installment.
    case dates([CivilDate])
  }

  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    case badCount(Int)
    case totalTooSmall(total: ExactDecimal, count: Int)
    case badPercent(ExactDecimal)
    case wrongNumberOfDates(expected: Int, got: Int)
    case percentagesDoNotAddUp(ExactDecimal)
    case moreThanTwoDecimals(ExactDecimal)
    /// The first payment's share of the total would be nothing, or leave less than the
    /// smallest unit for each other installment: the plan could not state that share.
    case firstShare(percent: ExactDecimal, total: ExactDecimal, count: Int, unit: ExactDecimal)
    /// The figures exceed the 38 digits an amount can hold.
    case tooLarge(ExactDecimal)
    /// A first payment's share given for a plan of one installment, which is the whole
    /// balance: the plan would state a share it does not apply.
    case shareOfOne(ExactDecimal)

    public var description: String {
      switch self {
      case .badCount(let n): return "\(n) installments: use 1 to 120"
      case .totalTooSmall(let total, let count):
        return "\(total) cannot be split into \(count) installments of at least 0.01"
      case .badPercent(let p): return "a first payment of \(p)% must be more than 0 and less than 100"
      case .wrongNumberOfDates(let expected, let got): return "\(got) dates given for \(expected) installments"
      case .percentagesDoNotAddUp(let total): return "the stage percentages add up to \(total)%, not 100%"
      case .moreThanTwoDecimals(let total): return "\(total) has more than two decimal places"
      case .tooLarge(let total): return "\(total) is too large to split exactly"
      case .shareOfOne(let percent):
        return
          "a first payment of \(percent)% needs 2 or more installments; one installment is the whole balance, so leave the first payment's share out"
      case .firstShare(let percent, let total, let count, let unit):
        return
          "a first payment of \(percent)% of \(total) leaves less than \(unit) for each of the other \(count - 1) installments, or is less than \(unit) itself; change the first payment's share or the number of installments"
      }
    }
  }

  /// `count` installments of `total`; with `firstPercent` the first is that share and the
  /// others split the rest. Each is rounded half away from zero to the currency's smallest
  /// unit (`places` decimals: 0.01, or 1 for a currency without a minor unit such as JPY) and
  /// the last absorbs the remainder, so the plan sums to `total` exactly. For tiny totals
  /// where rounding up would leave the last installment empty, the others are rounded down
  /// instead. A first payment's share that rounds to nothing, or leaves less than one unit
  /// for each other installment, or is given for one installment, is refused.
  public static func make(
    total: ExactDecimal, count: Int, firstPercent: ExactDecimal? = nil, schedule: Schedule, places: Int = 2
  ) throws(Failure) -> [Installment] {
    guard (1...120).contains(count) else { throw .badCount(count) }
    guard total.normalized.scale <= 2 else { throw .moreThanTwoDecimals(total) }
    let places = max(places, total.normalized.scale)
    let units = try exact(total) { () throws(DecimalError) in try total.normalized.withScale(atLeast: places) }
      .significand
    guard units >= Int128(count) else { throw .totalTooSmall(total: total, count: count) }
    let dates = try dueDates(count: count, schedule: schedule)
    var amounts: [ExactDecimal] = []
    var rest = total
    var shares = count
    if let firstPercent, count == 1 { throw .shareOfOne(firstPercent) }
    if let firstPercent, count > 1 {
      guard firstPercent > .zero, firstPercent < ExactDecimal(100) else { throw .badPercent(firstPercent) }
      let first = try exact(total) { () throws(DecimalError) in
        try firstShare(of: total, percent: firstPercent, places: places)
      }
      let minimum = ExactDecimal(significand: Int128(count - 1), scale: places)
      let most = try exact(total) { () throws(DecimalError) in try total.subtracting(minimum) }
      // The plan states the share: a first payment changed to fit would contradict it.
      guard first <= most, first > .zero else {
        throw .firstShare(
          percent: firstPercent, total: total, count: count, unit: ExactDecimal(significand: 1, scale: places))
      }
      amounts.append(first)
      rest = try exact(total) { () throws(DecimalError) in try total.subtracting(first) }
      shares = count - 1
    }
    amounts += try exact(total) { () throws(DecimalError) in try split(rest, into: shares, places: places) }
    return amounts.enumerated().map { index, amount in
      Installment(number: index + 1, label: "第\(index + 1)期", dueOn: dates[index], amount: amount)
    }
  }

  /// The first payment of a plan that states its share: `percent` of `total`, rounded half
  /// away from zero to `places` decimals. The validator reads a proposal's stated share by it.
  public static func firstShare(of total: ExactDecimal, percent: ExactDecimal, places: Int) throws(DecimalError)
    -> ExactDecimal
  {
    try total.multiplied(by: percent).divided(by: ExactDecimal(100), scale: max(places, total.normalized.scale))
  }

  /// Stages tied to milestones: each its percentage of the total (rounded to `places`
  /// decimals, as in ``make(total:count:firstPercent:schedule:places:)``), the last absorbing
  /// the rounding remainder.
  public static func stages(
    total: ExactDecimal, _ stages: [(label: String, percent: ExactDecimal, dueOn: CivilDate)], places: Int = 2
  ) throws(Failure) -> [Installment] {
    guard !stages.isEmpty, stages.count <= 120 else { throw .badCount(stages.count) }
    let sum = try exact(total) { () throws(DecimalError) in try ExactDecimal.sum(stages.map(\.percent)) }
    guard sum == ExactDecimal(100) else { throw .percentagesDoNotAddUp(sum.normalized) }
    var result: [Installment] = []
    var allocated = ExactDecimal.zero
    for (index, stage) in stages.enumerated() {
      let amount: ExactDecimal
      if index == stages.count - 1 {
        amount = try exact(total) { () throws(DecimalError) in try total.subtracting(allocated) }
      } else {
        amount = try exact(total) { () throws(DecimalError) in
          try total.multiplied(by: stage.percent).divided(by: ExactDecimal(100), scale: places)
        }
      }
      allocated = try exact(total) { () throws(DecimalError) in try allocated.adding(amount) }
      result.append(Installment(number: index + 1, label: stage.label, dueOn: stage.dueOn, amount: amount))
    }
    return result
  }

  static func split(_ total: ExactDecimal, into count: Int, places: Int = 2) throws(DecimalError) -> [ExactDecimal] {
    guard count > 0 else { return [] }
    var each = try total.divided(by: ExactDecimal(count), scale: places)
    let others = try each.multiplied(by: ExactDecimal(count - 1))
    if try total.subtracting(others) < ExactDecimal(significand: 1, scale: places) {
      // Rounding up left nothing for the last installment: round down instead.
      let units = try total.normalized.withScale(atLeast: places).significand
      each = ExactDecimal(significand: units / Int128(count), scale: places)
    }
    let last = try total.subtracting(try each.multiplied(by: ExactDecimal(count - 1)))
    return Array(repeating: each, count: count - 1) + [last]
  }

  /// Decimal arithmetic on the plan's figures, its overflow reported as ``Failure/tooLarge(_:)``.
  static func exact<T>(_ total: ExactDecimal, _ body: () throws(DecimalError) -> T) throws(Failure) -> T {
    do {
      return try body()
    } catch {
      throw .tooLarge(total)
    }
  }

  static func dueDates(count: Int, schedule: Schedule) throws(Failure) -> [CivilDate] {
    switch schedule {
    case .monthly(let start): return (0..<count).map { start.adding(months: $0) }
    case .everyDays(let start, let days): return (0..<count).map { start.adding(days: $0 * max(days, 1)) }
    case .dates(let dates):
      guard dates.count == count else { throw .wrongNumberOfDates(expected: count, got: dates.count) }
      return dates
    }
  }
}
