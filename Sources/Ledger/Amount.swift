import Basics

/// Reading an amount typed by a person: the ledger's fields, the policy's, a reply's balance
/// and a reconciliation's items all take the same rules and give the same messages.
public enum Amount {
  /// Why a text is not an acceptable amount, phrased to follow the field's name.
  public struct Problem: Error, Sendable, Equatable {
    public let message: String
  }

  /// Money amounts stay below 10^16, so sums over any ledger fit `ExactDecimal` exactly.
  static let largest = ExactDecimal(significand: 10_000_000_000_000_000, scale: 0)

  /// A plain decimal (`1200.00`, `-35.5`) with at most `places` decimals (money: 2; nil: any).
  ///
  /// ```swift
  /// Amount.read("96000.00", allowNegative: false)   // .success(96000.00)
  /// Amount.read("96,000", allowNegative: false)     // .failure("'96,000' is not a plain decimal …")
  /// ```
  ///
  /// `currency`, when the amount is in a known one, holds it to that currency's unit: no
  /// decimals for JPY (`0.50` yen would print as `1` on a document that must add up), and the
  /// message names it where the renminbi's yuan and fen would be wrong.
  public static func read(
    _ text: String, places: Int? = 2, allowNegative: Bool = false, allowZero: Bool = true, currency: String? = nil
  ) -> Result<ExactDecimal, Problem> {
    let value: ExactDecimal
    do {
      value = try ExactDecimal(parsing: text)
    } catch {
      // A spreadsheet's padded cell reads as digits to a person; say what is in the way.
      if text != text.trimmingSpaces, (try? ExactDecimal(parsing: text.trimmingSpaces)) != nil {
        return .failure(Problem(message: "'\(text)' has a space before or after its digits; remove it"))
      }
      return .failure(Problem(message: error.description))
    }
    // Money has two places; a rate, share or quantity is no amount of yuan and fen.
    let money = places == 2
    if money, let currency, let problem = CurrencyCode.fractionProblem(value, text: text, currency: currency) {
      return .failure(Problem(message: problem))
    }
    if let places, value.normalized.scale > places {
      if money, let code = currency?.uppercased(), CurrencyUnits.thousandths.contains(code) {
        return .failure(
          Problem(
            message:
              "'\(text)' has more than 2 decimal places: \(code) is divided into thousandths (ISO 4217), but ardoc keeps every amount to 0.01 and cannot state this one exactly; it cannot be loaded (see docs/ledger.md, \"Currencies\")"
          ))
      }
      return .failure(
        Problem(
          message: money
            ? "'\(text)' has more than 2 decimal places; write the exact amount \(Self.unitWords(currency))"
            : "'\(text)' has more than \(places) decimal places; write it with at most \(places)"))
    }
    if places == 2, value.magnitude >= largest {
      return .failure(
        Problem(message: "'\(text)' is 10^16 or more; ardoc refuses amounts that large (check the digits)"))
    }
    if !allowNegative && value.isNegative {
      return .failure(
        Problem(
          message: money
            ? "'\(text)' is negative; record a refund as a credit note" : "'\(text)' is negative; it must be 0 or more")
      )
    }
    if !allowZero && value.isZero {
      return .failure(Problem(message: "'\(text)' is zero; an amount must be more than 0"))
    }
    return .success(value)
  }

  /// How a two-decimal amount is exact, in words of its currency: the renminbi's yuan and fen
  /// when it is that or unknown (a payment whose currency the ledger does not give).
  static func unitWords(_ currency: String?) -> String {
    switch currency?.uppercased() {
    case let code? where !CurrencyCode.renminbi.contains(code): return "in \(code), to 0.01"
    default: return "in yuan and fen"
    }
  }
}
