import ArgumentParser
import Vocabulary

/// An option whose value is one of a closed set, `Value`'s cases: `--help` lists them, and a
/// value outside them is refused by the command with ardoc's own message and exit status 2
/// (``value(_:among:)``), like every other input error, not by the argument parser.
///
/// ```swift
/// @Option(name: .long, help: "The letters to write.") var kind: Choice<BatchKind>
/// let chosen = try kind.value("--kind")
/// ```
struct Choice<Value: RawRepresentable & CaseIterable & Equatable & Sendable>: ExpressibleByArgument, Sendable
where Value.RawValue == String {
  /// The value as typed.
  let text: String

  init(_ value: Value) { text = value.rawValue }
  init?(argument: String) { text = argument }

  static var allValueStrings: [String] { Value.allCases.map(\.rawValue) }
  var defaultValueDescription: String { text }

  /// The value, or an error naming the option and what it may be: "error: --kind 'x' is not
  /// confirmation or dunning".
  func value(_ option: String, among allowed: [Value] = Array(Value.allCases)) throws -> Value {
    guard let value = Value(rawValue: text), allowed.contains(value) else {
      throw Console.fail("error: \(option) '\(text)' is not \(Choice.list(allowed))")
    }
    return value
  }

  /// `a`, `a or b`, `a, b or c`.
  static func list(_ values: [Value]) -> String {
    let names = values.map(\.rawValue)
    guard let last = names.last else { return "" }
    return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
  }
}

/// `--format` of `preflight`.
enum TableOrJSON: String, CaseIterable, Sendable {
  case table, json
}

/// `--format` of `validate`.
enum TextOrJSON: String, CaseIterable, Sendable {
  case text, json
}

/// `--kind` of `batch`: the kinds written for every customer each month.
enum BatchKind: String, CaseIterable, Sendable {
  case confirmation, dunning

  var kind: DocumentKind {
    switch self {
    case .confirmation: return .confirmation
    case .dunning: return .dunning
    }
  }
}
