import Basics

/// Names visible at a point of the render: the data's members, then each `t:with`,
/// loop and fragment parameter, innermost last.
///
/// A linked list of frames, so that entering a loop item is one small allocation (an array
/// of dictionaries was copied, and a dictionary built and hashed, for every item); the
/// frames a render pushes are a few names searched in order, and a loop's status object is
/// only built when a template asks for it.
struct Scope {
  let top: Frame?

  final class Frame {
    enum Names {
      /// The data's members.
      case members([String: TemplateValue])
      /// `t:with` bindings or fragment parameters, in order (a later one hides an earlier).
      case pairs([(name: String, value: TemplateValue)])
      /// One item of a `t:each`, with its status.
      case item(name: String, value: TemplateValue, status: String, index: Int, count: Int)
    }

    let names: Names
    let parent: Frame?

    init(_ names: Names, parent: Frame?) {
      self.names = names
      self.parent = parent
    }
  }

  init(frames: [[String: TemplateValue]]) {
    var top: Frame?
    for members in frames { top = Frame(.members(members), parent: top) }
    self.top = top
  }

  private init(top: Frame) {
    self.top = top
  }

  func lookup(_ name: String) -> TemplateValue? {
    var frame = top
    while let current = frame {
      switch current.names {
      case .members(let members):
        if let value = members[name] { return value }
      case .pairs(let pairs):
        if let found = pairs.last(where: { $0.name == name }) { return found.value }
      case .item(let item, let value, let status, let index, let count):
        if name == item { return value }
        if name == status { return Scope.status(index: index, count: count) }
      }
      frame = current.parent
    }
    return nil
  }

  /// A loop's status: `index` (from 0), `number` (from 1), `count`, `first`, `last`, `odd`, `even`.
  static func status(index: Int, count: Int) -> TemplateValue {
    .object([
      "index": .number(ExactDecimal(index)), "number": .number(ExactDecimal(index + 1)),
      "count": .number(ExactDecimal(count)), "first": .bool(index == 0), "last": .bool(index == count - 1),
      "odd": .bool(index % 2 == 0), "even": .bool(index % 2 == 1),
    ])
  }

  func pushing(_ pairs: [(name: String, value: TemplateValue)]) -> Scope {
    pairs.isEmpty ? self : Scope(top: Frame(.pairs(pairs), parent: top))
  }

  func pushingItem(_ name: String, value: TemplateValue, status: String, index: Int, count: Int) -> Scope {
    Scope(top: Frame(.item(name: name, value: value, status: status, index: index, count: count), parent: top))
  }

  /// Every visible name, for "did you mean" hints.
  var names: Set<String> {
    var names = Set<String>()
    var frame = top
    while let current = frame {
      switch current.names {
      case .members(let members): names.formUnion(members.keys)
      case .pairs(let pairs): names.formUnion(pairs.map(\.name))
      case .item(let item, _, let status, _, _): names.formUnion([item, status])
      }
      frame = current.parent
    }
    return names
  }
}

/// An expression that failed while rendering.
struct EvaluationError: Error {
  let message: String
  let location: SourceLocation?
}

struct Evaluator {
  let context: FilterContext
  /// When false, a missing name or member is `null` instead of an error.
  let strict: Bool

  func evaluate(_ expression: Expression, in scope: Scope) throws(EvaluationError) -> TemplateValue {
    try evaluate(expression, in: scope, missingIsNull: !strict)
  }

  func evaluate(_ expression: Expression, in scope: Scope, missingIsNull: Bool)
    throws(EvaluationError) -> TemplateValue
  {
    switch expression {
    case .literal(let value):
      return value
    case .list(let items):
      var values: [TemplateValue] = []
      for item in items { values.append(try evaluate(item, in: scope, missingIsNull: missingIsNull)) }
      return .array(values)
    // Locations are read from `expression` on the error paths only: binding one copies two
    // strings on every evaluation.
    case .name(let name, _):
      if let value = scope.lookup(name) { return value }
      if missingIsNull { return .null }
      let location = expression.location
      let hint = closestMatch(name, in: scope.names).map { "; did you mean '\($0)'?" } ?? ""
      throw EvaluationError(message: "undefined name '\(name)'\(hint)", location: location)
    case .member(let baseExpression, let name, _):
      let base = try evaluate(baseExpression, in: scope, missingIsNull: missingIsNull)
      // Only messages need these: built on demand, not on every lookup.
      var path: String { baseExpression.pathDescription ?? "the value" }
      var location: SourceLocation? { expression.location }
      switch base {
      case .object(let members):
        if let value = members[name] { return value }
        if missingIsNull { return .null }
        let hint = closestMatch(name, in: members.keys).map { "; did you mean '\($0)'?" } ?? ""
        throw EvaluationError(
          message: "undefined name '\(path).\(name)': '\(path)' has no member '\(name)'\(hint)", location: location)
      case .array(let items) where name == "length" || name == "count":
        return .number(ExactDecimal(items.count))
      case .null:
        if missingIsNull { return .null }
        throw EvaluationError(
          message: "'\(path)' is null, so it has no member '\(name)'; guard it with t:if or use ?:",
          location: location)
      default:
        throw EvaluationError(
          message: "'\(path)' is \(base.typeName), which has no member '\(name)'", location: location)
      }
    case .index(let baseExpression, let indexExpression, _):
      let base = try evaluate(baseExpression, in: scope, missingIsNull: missingIsNull)
      let index = try evaluate(indexExpression, in: scope, missingIsNull: false)
      // Only messages need these: built on demand, not on every lookup.
      var path: String { baseExpression.pathDescription ?? "the value" }
      var location: SourceLocation? { expression.location }
      switch (base, index) {
      case (.array(let items), .number(let n)):
        if n.normalized.scale == 0, let i = Int(exactly: n.integerPart) {
          let position = i < 0 ? items.count + i : i
          if items.indices.contains(position) { return items[position] }
        }
        if missingIsNull { return .null }
        throw EvaluationError(
          message: "index \(n) is outside '\(path)', which has \(items.count) item\(items.count == 1 ? "" : "s")",
          location: location)
      case (.object(let members), .string(let key)):
        if let value = members[key] { return value }
        if missingIsNull { return .null }
        throw EvaluationError(message: "undefined name '\(path)[\"\(key)\"]': no member '\(key)'", location: location)
      case (.null, _):
        if missingIsNull { return .null }
        throw EvaluationError(message: "'\(path)' is null and cannot be indexed", location: location)
      default:
        throw EvaluationError(
          message: "cannot index \(base.typeName) with \(index.typeName)", location: location)
      }
    case .negate(let operand, let location):
      let value = try evaluate(operand, in: scope, missingIsNull: missingIsNull)
      guard case .number(let n) = value else {
        throw EvaluationError(message: "'-' needs a number, got \(value.typeName)", location: location)
      }
      return .number(n.negated)
    case .not(let operand):
      return .bool(!(try evaluate(operand, in: scope, missingIsNull: missingIsNull).isTruthy))
    case .and(let left, let right):
      guard try evaluate(left, in: scope, missingIsNull: missingIsNull).isTruthy else { return .bool(false) }
      return .bool(try evaluate(right, in: scope, missingIsNull: missingIsNull).isTruthy)
    case .or(let left, let right):
      if try evaluate(left, in: scope, missingIsNull: missingIsNull).isTruthy { return .bool(true) }
      return .bool(try evaluate(right, in: scope, missingIsNull: missingIsNull).isTruthy)
    case .elvis(let left, let right):
      let value = try evaluate(left, in: scope, missingIsNull: true)
      if value == .null { return try evaluate(right, in: scope, missingIsNull: missingIsNull) }
      return value
    case .conditional(let condition, let whenTrue, let whenFalse):
      let chosen = try evaluate(condition, in: scope, missingIsNull: missingIsNull).isTruthy ? whenTrue : whenFalse
      return try evaluate(chosen, in: scope, missingIsNull: missingIsNull)
    case .binary(let op, let leftExpression, let rightExpression, let location):
      let left = try evaluate(leftExpression, in: scope, missingIsNull: missingIsNull)
      let right = try evaluate(rightExpression, in: scope, missingIsNull: missingIsNull)
      return try apply(op, left, right, location)
    case .filter(let inputExpression, let filter, let argumentExpressions, _):
      let input = try evaluate(
        inputExpression, in: scope, missingIsNull: missingIsNull || filter.acceptsMissingInput)
      var arguments: [TemplateValue] = []
      for argument in argumentExpressions {
        arguments.append(try evaluate(argument, in: scope, missingIsNull: missingIsNull))
      }
      do {
        return try filter.function(input, arguments, context)
      } catch {
        throw EvaluationError(message: error.message, location: expression.location)
      }
    }
  }

  func apply(_ op: BinaryOperator, _ left: TemplateValue, _ right: TemplateValue, _ location: SourceLocation)
    throws(EvaluationError) -> TemplateValue
  {
    switch op {
    case .equal: return .bool(left == right)
    case .notEqual: return .bool(left != right)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let order: Int
      switch (left, right) {
      case (.number(let a), .number(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
      case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
      default:
        throw EvaluationError(
          message: "cannot compare \(left.typeName) with \(right.typeName) using '\(op.rawValue)'",
          location: location)
      }
      switch op {
      case .less: return .bool(order < 0)
      case .lessOrEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .plus, .minus, .times:
      if op == .plus, case .string(let a) = left {
        guard let b = right.text else {
          throw EvaluationError(message: "cannot add \(right.typeName) to text", location: location)
        }
        return .string(a + b)
      }
      guard case .number(let a) = left, case .number(let b) = right else {
        throw EvaluationError(
          message: "'\(op.rawValue)' needs two numbers, got \(left.typeName) and \(right.typeName)",
          location: location)
      }
      do {
        switch op {
        case .plus: return .number(try a.adding(b))
        case .minus: return .number(try a.subtracting(b))
        default: return .number(try a.multiplied(by: b))
        }
      } catch {
        throw EvaluationError(message: error.description, location: location)
      }
    }
  }
}
