import Basics

/// The late-payment interest a contract agrees (`contracts[].lateInterest`): a yearly rate on
/// a day-count basis, or a rate a day, and the clause that agrees it.
public struct InterestTerms: Sendable, Equatable {
  public var annualRate: ExactDecimal
  public var basis: DayCountBasis
  /// Where the contract agrees the rate (`第8.2条`, `clause 8.2`); a legal demand cites it.
  public var clause: String
  /// The rate a day, when the contract agrees one (`0.0005`, 日万分之五): the demand quotes it
  /// as agreed. The interest is the same as at `annualRate` = daily × 365 on ACT/365, exactly,
  /// so the one computation serves both.
  public var dailyRate: ExactDecimal?

  public init(annualRate: ExactDecimal, basis: DayCountBasis, clause: String = "") {
    self.annualRate = annualRate
    self.basis = basis
    self.clause = clause
    self.dailyRate = nil
  }

  /// Terms agreed as a rate a day.
  public init(dailyRate: ExactDecimal, clause: String = "") throws(DecimalError) {
    self.annualRate = try dailyRate.multiplied(by: ExactDecimal(365))
    self.basis = .act365
    self.clause = clause
    self.dailyRate = dailyRate
  }
}
