import Basics

/// An amount a policy sets as a minimum (a dunning level's, a threshold's), per currency:
/// 100,000 yen is not 100,000 yuan, and ardoc converts no currency. A policy writes one figure,
/// in the policy's `currency` (CNY unless it says), or one per currency
/// (`{"CNY": "100000.00", "USD": "15000.00"}`). Zero holds in every currency.
///
/// ```swift
/// let legal = PolicyAmount(ExactDecimal(100_000), in: "CNY")
/// legal.minimum(in: "CNY")   // 100000
/// legal.minimum(in: "JPY")   // nil: the policy sets none in yen
/// ```
public struct PolicyAmount: Sendable, Equatable {
  /// The minimum in each currency the policy names.
  public let byCurrency: [String: ExactDecimal]

  public init(byCurrency: [String: ExactDecimal]) { self.byCurrency = byCurrency }
  public init(_ amount: ExactDecimal, in currency: String) { self.byCurrency = [currency: amount] }

  /// No minimum, in any currency.
  public static let zero = PolicyAmount(byCurrency: [:])

  /// The minimum an amount in `currency` must reach, or nil when the policy sets none in that
  /// currency: whether it is reached cannot be judged.
  public func minimum(in currency: String) -> ExactDecimal? {
    if byCurrency.values.allSatisfy(\.isZero) { return .zero }
    return byCurrency[currency.uppercased()]
  }

  /// The figures as a reader takes them: `100,000.00 CNY`, `100,000.00 CNY or 15,000.00 USD`.
  public var description: String {
    byCurrency.isEmpty
      ? "0.00"
      : byCurrency.sorted { $0.key < $1.key }.map { "\($0.value.formatted(places: 2)) \($0.key)" }.joined(
        separator: " or ")
  }
}
