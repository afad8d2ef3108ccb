import Vocabulary

/// The expression language on its own, without a template around it: what the fuzz target
/// in `Benchmarks/fuzz` drives, so that the parser and evaluator see every byte it makes.
package enum ExpressionProbe {
  /// Why an expression did not give a value.
  package enum Failure: Error, Equatable {
    /// The text is not an expression; `offset` is the scalar the parser stopped at.
    case syntax(String, offset: Int)
    /// It parsed, but evaluating it against the data failed.
    case evaluation(String)
  }

  /// Parses `text` and evaluates it against `data`, as `${text}` would in a template.
  package static func evaluate(
    _ text: String, in data: TemplateMembers, locale: String = DocumentLocale.standard.rawValue,
    filters: FilterRegistry = .standard
  ) -> Result<TemplateValue, Failure> {
    let base = SourceLocation(file: "<expression>", line: 1, column: 1, lineText: text)
    let expression: Expression
    do {
      var parser = try ExpressionParser(text, at: base, source: nil, filters: filters)
      expression = try parser.parseComplete()
    } catch {
      return .failure(.syntax(error.message, offset: error.offset))
    }
    let evaluator = Evaluator(context: FilterContext(locale: locale), strict: true)
    do {
      return .success(try evaluator.evaluate(expression, in: Scope(frames: [data])))
    } catch {
      return .failure(.evaluation(error.message))
    }
  }
}
