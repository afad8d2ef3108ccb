import Basics

/// Recursive-descent parser for the expression language.
///
/// Precedence, lowest first: `?:` and `c ? a : b`, `or`, `and`, `not`/`!`, comparisons
/// (`== != < <= > >=` and `eq ne lt le gt ge`), `+ -`, `*`, `| filter`, unary `-`,
/// member access `.name` and index `[expr]`.
struct ExpressionParser {
  let text: [Unicode.Scalar]
  let tokens: [Token]
  let base: SourceLocation
  let source: SourceText?
  let filters: FilterRegistry
  var position = 0
  /// Brackets, parentheses and prefix operators currently open.
  var depth = 0

  /// Limits that keep every compiled expression shallow enough to parse, evaluate and free
  /// by recursion on any thread's stack (found by fuzzing: 400 nested `[` overflowed it).
  static let maxDepth = 32
  static let maxTokens = 500

  init(
    _ text: String, at base: SourceLocation, source: SourceText?, filters: FilterRegistry
  ) throws(ExpressionSyntaxError) {
    self.text = Array(text.unicodeScalars)
    self.tokens = try Tokenizer.tokenize(self.text)
    self.base = base
    self.source = source
    self.filters = filters
    if tokens.count > Self.maxTokens {
      throw ExpressionSyntaxError(
        offset: tokens[Self.maxTokens].offset,
        message: "the expression has more than \(Self.maxTokens) parts; name pieces of it with t:with")
    }
  }

  /// Runs `parse` one level deeper, refusing nesting beyond ``maxDepth``.
  mutating func nested(_ parse: (inout ExpressionParser) throws(ExpressionSyntaxError) -> Expression)
    throws(ExpressionSyntaxError) -> Expression
  {
    guard depth < Self.maxDepth else {
      throw fail("the expression nests deeper than \(Self.maxDepth) levels; name inner parts with t:with")
    }
    depth += 1
    defer { depth -= 1 }
    return try parse(&self)
  }

  static let wordOperators: [String: String] = [
    "eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
  ]
  static let keywords: Set<String> = Set(["and", "or", "not", "true", "false", "null"])
    .union(wordOperators.keys)

  var current: Token { tokens[position] }

  func location(at offset: Int) -> SourceLocation {
    base.advanced(over: Substring(String(String.UnicodeScalarView(text[0..<min(offset, text.count)]))), lines: source)
  }

  func fail(_ message: String, at token: Token? = nil) -> ExpressionSyntaxError {
    ExpressionSyntaxError(offset: (token ?? current).offset, message: message)
  }

  func isSymbol(_ symbol: String) -> Bool {
    if case .symbol(let s) = current.kind, s == symbol { return true }
    return false
  }

  func isWord(_ word: String) -> Bool {
    if case .identifier(let s) = current.kind, s == word { return true }
    return false
  }

  var atEnd: Bool { current.kind == .end }

  mutating func expect(_ symbol: String, _ message: String) throws(ExpressionSyntaxError) {
    guard isSymbol(symbol) else { throw fail(message) }
    position += 1
  }

  func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier(let s): return "'\(s)'"
    case .number(let n): return "number \(n)"
    case .string(let s): return "string '\(s)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "end of expression"
    }
  }

  /// Parses the whole text as one expression.
  mutating func parseComplete() throws(ExpressionSyntaxError) -> Expression {
    let expression = try parseExpression()
    guard atEnd else { throw fail("unexpected \(describe(current)) after the expression") }
    return expression
  }

  mutating func parseExpression() throws(ExpressionSyntaxError) -> Expression {
    try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) -> Expression in
      let left = try parser.parseOr()
      if parser.isSymbol("?:") {
        parser.position += 1
        return .elvis(left, try parser.parseExpression())
      }
      if parser.isSymbol("?") {
        parser.position += 1
        let whenTrue = try parser.parseOr()
        try parser.expect(":", "expected ':' in 'condition ? value : otherwise'")
        return .conditional(left, whenTrue, try parser.parseExpression())
      }
      return left
    }
  }

  mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
    var left = try parseAnd()
    while isWord("or") {
      position += 1
      left = .or(left, try parseAnd())
    }
    return left
  }

  mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
    var left = try parseNot()
    while isWord("and") {
      position += 1
      left = .and(left, try parseNot())
    }
    return left
  }

  mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
    if isWord("not") || isSymbol("!") {
      position += 1
      return .not(
        try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in try parser.parseNot() })
    }
    return try parseComparison()
  }

  mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
    let left = try parseAdditive()
    let token = current
    var op: BinaryOperator?
    if case .symbol(let s) = token.kind { op = BinaryOperator(rawValue: s) }
    if case .identifier(let w) = token.kind, let s = ExpressionParser.wordOperators[w] {
      op = BinaryOperator(rawValue: s)
    }
    guard let op, op.isComparison else { return left }
    position += 1
    let right = try parseAdditive()
    var chained = false
    if case .symbol(let s) = current.kind, BinaryOperator(rawValue: s).map(\.isComparison) == true { chained = true }
    if case .identifier(let w) = current.kind, ExpressionParser.wordOperators[w] != nil { chained = true }
    if chained { throw fail("comparisons do not chain; use 'and' between two comparisons") }
    return .binary(op, left, right, location(at: token.offset))
  }

  mutating func parseAdditive() throws(ExpressionSyntaxError) -> Expression {
    var left = try parseMultiplicative()
    while isSymbol("+") || isSymbol("-") {
      let token = current
      position += 1
      let op: BinaryOperator = isSymbolToken(token, "+") ? .plus : .minus
      left = .binary(op, left, try parseMultiplicative(), location(at: token.offset))
    }
    return left
  }

  func isSymbolToken(_ token: Token, _ symbol: String) -> Bool {
    if case .symbol(let s) = token.kind { return s == symbol }
    return false
  }

  mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Expression {
    var left = try parseFiltered()
    while isSymbol("*") {
      let token = current
      position += 1
      left = .binary(.times, left, try parseFiltered(), location(at: token.offset))
    }
    return left
  }

  mutating func parseFiltered() throws(ExpressionSyntaxError) -> Expression {
    var value = try parseUnary()
    while isSymbol("|") {
      position += 1
      let nameToken = current
      guard case .identifier(let name) = nameToken.kind else {
        throw fail("expected a filter name after '|'")
      }
      position += 1
      var arguments: [Expression] = []
      if isSymbol("(") {
        position += 1
        if !isSymbol(")") {
          while true {
            arguments.append(try parseExpression())
            if isSymbol(",") {
              position += 1
              continue
            }
            break
          }
        }
        try expect(")", "expected ')' to close the arguments of filter '\(name)'")
      }
      guard let filter = filters[name] else {
        let suggestion = closestMatch(name, in: filters.names).map { "; did you mean '\($0)'?" } ?? ""
        throw ExpressionSyntaxError(offset: nameToken.offset, message: "unknown filter '\(name)'\(suggestion)")
      }
      guard filter.arguments.contains(arguments.count) else {
        throw ExpressionSyntaxError(
          offset: nameToken.offset,
          message: "filter '\(name)' takes \(filter.arityDescription), not \(arguments.count)")
      }
      value = .filter(value, filter, arguments, location(at: nameToken.offset))
    }
    return value
  }

  mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
    if isSymbol("-") {
      let token = current
      position += 1
      let operand = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in
        try parser.parseUnary()
      }
      if case .literal(.number(let n)) = operand { return .literal(.number(n.negated)) }
      return .negate(operand, location(at: token.offset))
    }
    return try parsePostfix()
  }

  mutating func parsePostfix() throws(ExpressionSyntaxError) -> Expression {
    var value = try parsePrimary()
    while true {
      if isSymbol(".") {
        position += 1
        let token = current
        guard case .identifier(let name) = token.kind else {
          throw fail("expected a member name after '.'")
        }
        position += 1
        value = .member(value, name, location(at: token.offset))
      } else if isSymbol("[") {
        let token = current
        position += 1
        let index = try parseExpression()
        try expect("]", "expected ']' to close the index")
        value = .index(value, index, location(at: token.offset))
      } else {
        return value
      }
    }
  }

  mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
    let token = current
    switch token.kind {
    case .number(let n):
      position += 1
      return .literal(.number(n))
    case .string(let s):
      position += 1
      return .literal(.string(s))
    case .identifier(let name):
      switch name {
      case "true":
        position += 1
        return .literal(.bool(true))
      case "false":
        position += 1
        return .literal(.bool(false))
      case "null":
        position += 1
        return .literal(.null)
      case _ where ExpressionParser.keywords.contains(name):
        throw fail("expected a value, found the operator '\(name)'")
      default:
        position += 1
        return .name(name, location(at: token.offset))
      }
    case .symbol("("):
      position += 1
      let inner = try parseExpression()
      try expect(")", "expected ')'")
      return inner
    case .symbol("["):
      position += 1
      var items: [Expression] = []
      if !isSymbol("]") {
        while true {
          items.append(try parseExpression())
          if isSymbol(",") {
            position += 1
            continue
          }
          break
        }
      }
      try expect("]", "expected ']' to close the list")
      return .list(items)
    case .end:
      throw fail(position == 0 ? "empty expression" : "the expression ends too early")
    default:
      throw fail("expected a value, found \(describe(token))")
    }
  }

  /// `name` for a binding (`t:with`, `t:each`): a plain identifier.
  mutating func parseIdentifier(_ what: String) throws(ExpressionSyntaxError) -> String {
    guard case .identifier(let name) = current.kind, !ExpressionParser.keywords.contains(name) else {
      throw fail("expected \(what), found \(describe(current))")
    }
    position += 1
    return name
  }
}
