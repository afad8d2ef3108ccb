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

  /// One frame. Its names are kept in stored properties of their own, not in an enum's
  /// payload: a look-up reads the one it needs in place, where matching an enum copied the
  /// whole payload (retaining each string and value in it) at every frame it passed.
  final class Frame {
    enum Kind {
      /// The data's members.
      case members
      /// `t:with` bindings or fragment parameters, in order (a later one hides an earlier).
      case pairs
      /// One item of a `t:each`, with its status.
      case item
    }

    let kind: Kind
    let members: TemplateMembers
    let pairs: [(name: String, value: TemplateValue)]
    /// The item's name and value, the status's name, the item's index and the list's count.
    let item: String
    let value: TemplateValue
    let status: String
    let index: Int
    let count: Int
    let parent: Frame?

    private init(
      _ kind: Kind, members: TemplateMembers = [:], pairs: [(name: String, value: TemplateValue)] = [],
      item: (name: String, value: TemplateValue, status: String, index: Int, count: Int) = ("", .null, "", 0, 0),
      parent: Frame?
    ) {
      self.kind = kind
      self.members = members
      self.pairs = pairs
      (self.item, self.value, self.status, self.index, self.count) = item
      self.parent = parent
    }

    static func members(_ members: TemplateMembers, parent: Frame?) -> Frame {
      Frame(.members, members: members, parent: parent)
    }

    static func pairs(_ pairs: [(name: String, value: TemplateValue)], parent: Frame?) -> Frame {
      Frame(.pairs, pairs: pairs, parent: parent)
    }

    static func item(
      _ name: String, value: TemplateValue, status: String, index: Int, count: Int, parent: Frame?
    ) -> Frame {
      Frame(.item, item: (name, value, status, index, count), parent: parent)
    }
  }

  init(frames: [TemplateMembers]) {
    var top: Frame?
    for members in frames { top = Frame.members(members, parent: top) }
    self.top = top
  }

  private init(top: Frame) {
    self.top = top
  }

  func lookup(_ name: String) -> TemplateValue? {
    var frame = top
    while let current = frame {
      switch current.kind {
      case .members:
        if let value = current.members[name] { return value }
      case .pairs:
        var index = current.pairs.count
        while index > 0 {
          index -= 1
          if current.pairs[index].name == name { return current.pairs[index].value }
        }
      case .item:
        if name == current.item { return current.value }
        if name == current.status { return Scope.status(index: current.index, count: current.count) }
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
    pairs.isEmpty ? self : Scope(top: .pairs(pairs, parent: top))
  }

  func pushingItem(_ name: String, value: TemplateValue, status: String, index: Int, count: Int) -> Scope {
    Scope(top: .item(name, value: value, status: status, index: index, count: count, parent: top))
  }

  /// Every visible name, for "did you mean" hints.
  var names: Set<String> {
    var names = Set<String>()
    var frame = top
    while let current = frame {
      switch current.kind {
      case .members: names.formUnion(current.members.keys)
      case .pairs: names.formUnion(current.pairs.map(\.name))
      case .item: names.formUnion([current.item, current.status])
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
