import Basics
import Vocabulary

/// What a filter knows about the render it runs in.
public struct FilterContext: Sendable {
  /// The document's locale, `zh-CN` or `en`: formats dates and names.
  public let locale: String
}

/// A filter that could not apply to its input; the engine adds the location.
public struct FilterError: Error, Sendable, Equatable {
  public let message: String
  public init(_ message: String) { self.message = message }
}

/// A named function applied with `value | name(arguments)`.
///
/// ```swift
/// var filters = FilterRegistry.standard
/// filters.register(Filter(name: "initial", arguments: 0...0) { value, _, _ in
///   guard case .string(let s) = value else { throw FilterError("initial needs text") }
///   return .string(String(s.prefix(1)))
/// })
/// ```
public struct Filter: Sendable {
  public typealias Function =
    @Sendable (TemplateValue, [TemplateValue], FilterContext) throws(FilterError) -> TemplateValue

  public let name: String
  /// How many arguments it takes.
  public let arguments: ClosedRange<Int>
  /// When true, a missing name or member as input reaches the filter as `null`
  /// instead of failing the render (the `default` filter).
  public let acceptsMissingInput: Bool
  let function: Function

  public init(
    name: String, arguments: ClosedRange<Int>, acceptsMissingInput: Bool = false,
    _ function: @escaping Function
  ) {
    self.name = name
    self.arguments = arguments
    self.acceptsMissingInput = acceptsMissingInput
    self.function = function
  }

  var arityDescription: String {
    if arguments.lowerBound == arguments.upperBound {
      return arguments.lowerBound == 1 ? "1 argument" : "\(arguments.lowerBound) arguments"
    }
    return "\(arguments.lowerBound) to \(arguments.upperBound) arguments"
  }
}

/// The filters a template may use; unknown names are compile errors.
public struct FilterRegistry: Sendable {
  var filters: [String: Filter]

  public init(_ filters: [Filter] = []) {
    self.filters = Dictionary(filters.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
  }

  /// Adds or replaces a filter.
  public mutating func register(_ filter: Filter) { filters[filter.name] = filter }

  public subscript(name: String) -> Filter? { filters[name] }
  public var names: [String] { filters.keys.sorted() }

  /// The built-in filters: money, rmb, words, date, percent, default, upper, lower,
  /// join, count, sum, round, abs.
  public static let standard = FilterRegistry(StandardFilters.all)
}

/// The built-in filters. Numeric filters take numbers or decimal strings (ledger amounts).
enum StandardFilters {
  static func decimal(_ value: TemplateValue, _ filter: String) throws(FilterError) -> ExactDecimal {
    switch value {
    case .number(let n): return n
    case .string(let s):
      guard let n = try? ExactDecimal(parsing: s) else {
        throw FilterError("'\(filter)' needs a number, got the text '\(s)'")
      }
      return n
    default:
      throw FilterError("'\(filter)' needs a number, got \(value.typeName)")
    }
  }

  static func string(_ value: TemplateValue, _ filter: String, _ what: String = "text")
    throws(FilterError) -> String
  {
    guard case .string(let s) = value else {
      throw FilterError("'\(filter)' needs \(what) as its argument, got \(value.typeName)")
    }
    return s
  }

  static func integer(_ value: TemplateValue, _ filter: String, _ range: ClosedRange<Int>)
    throws(FilterError) -> Int
  {
    guard case .number(let n) = value, n.normalized.scale == 0, let i = Int(exactly: n.integerPart),
      range.contains(i)
    else {
      throw FilterError("'\(filter)' needs a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return i
  }

  /// `money` writes an amount in digits grouped by commas: with no argument to two decimals;
  /// with a currency code to that currency's unit (no decimals for JPY, KRW, …), after its
  /// symbol (`'symbol'`, the default), its code (`'code'`) or nothing (`'digits'`, for a table's
  /// column whose heading names the currency).
  static let money = Filter(name: "money", arguments: 0...2) { value, arguments, _ throws(FilterError) in
    let amount = try decimal(value, "money")
    guard let code = arguments.first else { return .string(amount.formatted(places: 2)) }
    let given = try string(code, "money", "a currency code")
    // A code in capitals, as the ledger's are, is used as it is: money is on every cell's path.
    let currency = given.utf8.contains(where: { (97...122).contains($0) }) ? given.uppercased() : given
    let style = try arguments.count > 1 ? string(arguments[1], "money", "'symbol', 'code' or 'digits'") : "symbol"
    let places = CurrencyUnits.places(currency)
    let unsigned = amount.magnitude.formatted(places: places)
    let sign = amount.rounded(scale: places).isNegative ? "-" : ""
    switch style {
    case "symbol":
      if let symbol = CurrencyMarks.symbol(currency) { return .string(sign + symbol + unsigned) }
      return .string(sign + currency + " " + unsigned)
    case "code":
      return .string(currency + " " + sign + unsigned)
    case "digits":
      return .string(sign + unsigned)
    default:
      throw FilterError("'money' style must be 'symbol', 'code' or 'digits', not '\(style)'")
    }
  }

  static let rmb = Filter(name: "rmb", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    let amount = try decimal(value, "rmb")
    let currency = try arguments.first.map { v throws(FilterError) in try string(v, "rmb", "a currency code") } ?? "CNY"
    do {
      return .string(try AmountInWords.chinese(amount, currency: currency))
    } catch {
      throw FilterError("\(error)")
    }
  }

  static let words = Filter(name: "words", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    let amount = try decimal(value, "words")
    let currency = try arguments.first.map { code throws(FilterError) in
      try string(code, "words", "a currency code").uppercased()
    }
    do {
      if let currency { return .string(try AmountInWords.english(amount, currency: currency)) }
      return .string(try AmountInWords.english(amount))
    } catch {
      throw FilterError("\(error)")
    }
  }

  static let date = Filter(name: "date", arguments: 0...1) { value, arguments, context throws(FilterError) in
    let text = try string(value, "date", "an ISO date (YYYY-MM-DD)")
    let day: CivilDate
    do {
      day = try CivilDate(iso: text.utf8.count > 10 ? String(text.prefix(10)) : text)
    } catch {
      throw FilterError("'date' needs an ISO date (YYYY-MM-DD): \(error)")
    }
    let pattern = try arguments.first.map { v throws(FilterError) in try string(v, "date", "a pattern") } ?? "long"
    return .string(try DateFormat.format(day, pattern: pattern, locale: context.locale))
  }

  static let percent = Filter(name: "percent", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    let rate = try decimal(value, "percent")
    guard let hundredfold = try? rate.shifted(byDecimalPlaces: 2) else {
      throw FilterError("'percent': the number is too large")
    }
    if let places = arguments.first {
      let p = try integer(places, "percent", 0...10)
      return .string(hundredfold.formatted(places: p, grouping: false) + "%")
    }
    return .string(hundredfold.normalized.description + "%")
  }

  static let defaultValue = Filter(name: "default", arguments: 1...1, acceptsMissingInput: true) {
    value, arguments, _ in
    switch value {
    case .null, .string(""): return arguments[0]
    default: return value
    }
  }

  static let upper = Filter(name: "upper", arguments: 0...0) { value, _, _ throws(FilterError) in
    .string(try string(value, "upper").uppercased())
  }

  static let lower = Filter(name: "lower", arguments: 0...0) { value, _, _ throws(FilterError) in
    .string(try string(value, "lower").lowercased())
  }

  static let join = Filter(name: "join", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    guard case .array(let items) = value else {
      throw FilterError("'join' needs a list, got \(value.typeName)")
    }
    let separator = try arguments.first.map { v throws(FilterError) in try string(v, "join", "a separator") } ?? ", "
    var parts: [String] = []
    for item in items {
      guard let text = item.text else { throw FilterError("'join' cannot write \(item.typeName) as text") }
      parts.append(text)
    }
    return .string(parts.joined(separator: separator))
  }

  static let count = Filter(name: "count", arguments: 0...0) { value, _, _ throws(FilterError) in
    switch value {
    case .array(let items): return .number(ExactDecimal(items.count))
    case .object(let members): return .number(ExactDecimal(members.count))
    case .string(let s): return .number(ExactDecimal(s.count))
    default: throw FilterError("'count' needs a list, an object or text, got \(value.typeName)")
    }
  }

  static let sum = Filter(name: "sum", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    guard case .array(let items) = value else {
      throw FilterError("'sum' needs a list, got \(value.typeName)")
    }
    let field = try arguments.first.map { v throws(FilterError) in try string(v, "sum", "a member name") }
    var total = ExactDecimal.zero
    for (index, item) in items.enumerated() {
      var element = item
      if let field {
        guard let member = item[field] else {
          throw FilterError("'sum': item \(index) has no member '\(field)'")
        }
        element = member
      }
      do {
        total = try total.adding(decimal(element, "sum"))
      } catch let error as FilterError {
        throw error
      } catch {
        throw FilterError("'sum': \(error)")
      }
    }
    return .number(total)
  }

  static let round = Filter(name: "round", arguments: 0...1) { value, arguments, _ throws(FilterError) in
    let n = try decimal(value, "round")
    let places = try arguments.first.map { v throws(FilterError) in try integer(v, "round", 0...10) } ?? 0
    return .number(n.rounded(scale: places))
  }

  static let abs = Filter(name: "abs", arguments: 0...0) { value, _, _ throws(FilterError) in
    .number(try decimal(value, "abs").magnitude)
  }

  static let all = [money, rmb, words, date, percent, defaultValue, upper, lower, join, count, sum, round, abs]
}

/// Date patterns: `yyyy yy MMMM MMM MM M dd d EEEE EEE`, text in single quotes, or the
/// names `long`, `short`, `iso`. Month and weekday names follow the locale.
enum DateFormat {
  static let englishMonths = CivilDate.englishMonthNames
  static let chineseMonths = CivilDate.chineseMonthNames
  static let englishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let chineseDays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
  static let chineseShortDays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

  /// The pattern the long form follows.
  static func longPattern(english: Bool) -> String { english ? "d MMMM yyyy" : "yyyy年M月d日" }

  static func format(_ day: CivilDate, pattern: String, locale: String) throws(FilterError) -> String {
    let english = DocumentLocale.isEnglish(locale)
    switch pattern {
    // The long form is on every letter several times: written directly, as its pattern
    // (``longPattern(english:)``) would write it.
    case "long":
      let year = day.year.zeroPadded(to: 4)
      return english ? "\(day.day) \(englishMonths[day.month - 1]) \(year)" : "\(year)年\(day.month)月\(day.day)日"
    case "short", "iso", "yyyy-MM-dd": return day.iso
    default: break
    }
    var output = ""
    let chars = Array(pattern.unicodeScalars)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "'" {
        if i + 1 < chars.count, chars[i + 1] == "'" {
          output.unicodeScalars.append("'")
          i += 2
          continue
        }
        i += 1
        while i < chars.count, chars[i] != "'" {
          output.unicodeScalars.append(chars[i])
          i += 1
        }
        i += 1
        continue
      }
      guard ("a"..."z").contains(c) || ("A"..."Z").contains(c) else {
        output.unicodeScalars.append(c)
        i += 1
        continue
      }
      var run = 1
      while i + run < chars.count, chars[i + run] == c { run += 1 }
      switch (c, run) {
      case ("y", 4): output += day.year.zeroPadded(to: 4)
      case ("y", 2): output += (day.year % 100).zeroPadded(to: 2)
      case ("M", 1): output += String(day.month)
      case ("M", 2): output += day.month.zeroPadded(to: 2)
      case ("M", 3): output += english ? String(englishMonths[day.month - 1].prefix(3)) : chineseMonths[day.month - 1]
      case ("M", 4): output += english ? englishMonths[day.month - 1] : chineseMonths[day.month - 1]
      case ("d", 1): output += String(day.day)
      case ("d", 2): output += day.day.zeroPadded(to: 2)
      case ("E", 3):
        output += english ? String(englishDays[day.isoWeekday - 1].prefix(3)) : chineseShortDays[day.isoWeekday - 1]
      case ("E", 4): output += english ? englishDays[day.isoWeekday - 1] : chineseDays[day.isoWeekday - 1]
      default:
        let token = String(String.UnicodeScalarView(repeatElement(c, count: run)))
        throw FilterError(
          "'date' pattern '\(pattern)' has '\(token)'; use yyyy, yy, MMMM, MMM, MM, M, dd, d, EEEE, EEE, or quote text in '...'"
        )
      }
      i += run
    }
    return output
  }
}
