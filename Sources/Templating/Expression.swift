import Basics

/// A compiled expression: `customer.contacts[0].name`, `balance | money('CNY')`, `a ?: b`.
///
/// Every node keeps its source location, so evaluation errors point at the operand.
indirect enum Expression: Sendable {
  case literal(TemplateValue)
  case name(String, SourceLocation)
  case member(Expression, String, SourceLocation)
  case index(Expression, Expression, SourceLocation)
  case list([Expression])
  case negate(Expression, SourceLocation)
  case not(Expression)
  case binary(BinaryOperator, Expression, Expression, SourceLocation)
  case and(Expression, Expression)
  case or(Expression, Expression)
  case elvis(Expression, Expression)
  case conditional(Expression, Expression, Expression)
  case filter(Expression, Filter, [Expression], SourceLocation)

  var location: SourceLocation? {
    switch self {
    case .literal, .list: return nil
    case .name(_, let l), .member(_, _, let l), .index(_, _, let l), .negate(_, let l),
      .binary(_, _, _, let l), .filter(_, _, _, let l):
      return l
    case .not(let e): return e.location
    case .and(let a, _), .or(let a, _), .elvis(let a, _), .conditional(let a, _, _): return a.location
    }
  }

  /// The dotted path this expression reads, for messages (`customer.name`).
  var pathDescription: String? {
    switch self {
    case .name(let name, _): return name
    case .member(let base, let name, _): return base.pathDescription.map { "\($0).\(name)" }
    case .index(let base, .literal(let key), _):
      guard let prefix = base.pathDescription else { return nil }
      switch key {
      case .number(let n): return "\(prefix)[\(n)]"
      case .string(let s): return "\(prefix)['\(s)']"
      default: return nil
      }
    default: return nil
    }
  }
}

enum BinaryOperator: String, Sendable {
  case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">",
    greaterOrEqual = ">="
  case plus = "+", minus = "-", times = "*"

  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
    case .plus, .minus, .times: return false
    }
  }
}

/// A syntax error inside one expression, at a character offset of its text.
struct ExpressionSyntaxError: Error {
  let offset: Int
  let message: String
}
