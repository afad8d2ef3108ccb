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

    public var description: String {
      switch self {
      case .badCount(let n): return "\(n) installments: use 1 to 120"
      case .totalTooSmall(let total, let count):
        return "\(total) cannot be split into \(count) installments of at least 0.01"
      case .badPercent(let p): return "a first payment of \(p)% must be more than 0 and less than 100"
      case .wrongNumberOfDates(let expected, let got): return "\(got) dates given for \(expected) installments"
      case .percentagesDoNotAddUp(let total): return "the stage percentages add up to \(total)%, not 100%"
      case .moreThanTwoDecimals(let total): return "\(total) has more than two decimal places"
      }
    }
  }

  /// `count` installments of `total`; with `firstPercent` the first is that share and the
  /// others split the rest. Each is rounded half away from zero to 0.01 and the last absorbs
  /// the remainder, so the plan sums to `total` exactly. For tiny totals where rounding up
  /// would leave the last installment empty, the others are rounded down instead.
  public static func make(
    total: ExactDecimal, count: Int, firstPercent: ExactDecimal? = nil, schedule: Schedule
  ) throws(Failure) -> [Installment] {
    guard (1...120).contains(count) else { throw .badCount(count) }
    guard total.normalized.scale <= 2 else { throw .moreThanTwoDecimals(total) }
    let cents = ((try? total.withScale(atLeast: 2)) ?? total).significand
    guard cents >= Int128(count) else { throw .totalTooSmall(total: total, count: count) }
    let dates = try dueDates(count: count, schedule: schedule)
    var amounts: [ExactDecimal] = []
    var rest = total
    var shares = count
    if let firstPercent, count > 1 {
      guard firstPercent > .zero, firstPercent < ExactDecimal(100) else { throw .badPercent(firstPercent) }
      let raw = (try? total.multiplied(by: firstPercent)) ?? .zero
      var first = (try? raw.divided(by: ExactDecimal(100), scale: 2)) ?? .zero
      let minimum = ExactDecimal(significand: Int128(count - 1), scale: 2)
      if total.minus(first) < minimum { first = total.minus(minimum) }
      if first <= .zero { first = ExactDecimal(significand: 1, scale: 2) }
      amounts.append(first)
      rest = total.minus(first)
      shares = count - 1
    }
    amounts += split(rest, into: shares)
    return amounts.enumerated().map { index, amount in
      Installment(number: index + 1, label: "第\(index + 1)期", dueOn: dates[index], amount: amount)
    }
  }

  /// Stages tied to milestones: each its percentage of the total, the last absorbing the
  /// rounding remainder.
  public static func stages(
    total: ExactDecimal, _ stages: [(label: String, percent: ExactDecimal, dueOn: CivilDate)]
  ) throws(Failure) -> [Installment] {
    guard !stages.isEmpty, stages.count <= 120 else { throw .badCount(stages.count) }
    let sum = stages.reduce(ExactDecimal.zero) { $0.plus($1.percent) }
    guard sum == ExactDecimal(100) else { throw .percentagesDoNotAddUp(sum.normalized) }
    var result: [Installment] = []
    var allocated = ExactDecimal.zero
    for (index, stage) in stages.enumerated() {
      let amount: ExactDecimal
      if index == stages.count - 1 {
        amount = total.minus(allocated)
      } else {
        let raw = (try? total.multiplied(by: stage.percent)) ?? .zero
        amount = (try? raw.divided(by: ExactDecimal(100), scale: 2)) ?? .zero
      }
      allocated = allocated.plus(amount)
      result.append(Installment(number: index + 1, label: stage.label, dueOn: stage.dueOn, amount: amount))
    }
    return result
  }

  static func split(_ total: ExactDecimal, into count: Int) -> [ExactDecimal] {
    guard count > 0 else { return [] }
    var each = (try? total.divided(by: ExactDecimal(count), scale: 2)) ?? .zero
    let others = (try? each.multiplied(by: ExactDecimal(count - 1))) ?? .zero
    if total.minus(others) < ExactDecimal(significand: 1, scale: 2) {
      // Rounding up left nothing for the last installment: round down instead.
      let cents = ((try? total.withScale(atLeast: 2)) ?? total).significand
      each = ExactDecimal(significand: cents / Int128(count), scale: 2)
    }
    let last = total.minus((try? each.multiplied(by: ExactDecimal(count - 1))) ?? .zero)
    return Array(repeating: each, count: count - 1) + [last]
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
