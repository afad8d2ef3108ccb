import Basics

/// A token of the expression language, with its offset (in Unicode scalars) in the text.
struct Token: Equatable {
  enum Kind: Equatable {
    case identifier(String)
    case number(ExactDecimal)
    case string(String)
    case symbol(String)
    case end
  }
  let kind: Kind
  let offset: Int
}

/// Splits expression text into tokens.
struct Tokenizer {
  static let symbols = [
    "?:", "?", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "|", "(", ")", "[", "]", ".", ",", "!", "=", ":", ";",
  ]

  /// Each symbol with its scalars (one or two), split once.
  private static let symbolScalars = symbols.map { (text: $0, scalars: Array($0.unicodeScalars)) }

  // Templates are mostly ASCII: the Unicode property tables are consulted only past it.
  static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
    c.isASCII ? c == " " || (0x09...0x0D).contains(c.value) : c.properties.isWhitespace
  }

  static func startsIdentifier(_ c: Unicode.Scalar) -> Bool {
    guard c.isASCII else { return c.properties.isAlphabetic }
    return c == "_" || c == "$" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }

  static func continuesIdentifier(_ c: Unicode.Scalar) -> Bool {
    guard c.isASCII else { return c.properties.isAlphabetic || c.properties.numericType != nil }
    return startsIdentifier(c) || ("0"..."9").contains(c)
  }

  static func tokenize(_ text: [Unicode.Scalar]) throws(ExpressionSyntaxError) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    while i < text.count {
      let c = text[i]
      if Tokenizer.isWhitespace(c) {
        i += 1
        continue
      }
      let start = i
      if c == "'" || c == "\"" {
        var value = String.UnicodeScalarView()
        i += 1
        var closed = false
        while i < text.count {
          let d = text[i]
          if d == c {
            closed = true
            i += 1
            break
          }
          if d == "\\", i + 1 < text.count {
            let e = text[i + 1]
            switch e {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\\", "'", "\"": value.append(e)
            default:
              throw ExpressionSyntaxError(offset: i, message: "unknown escape '\\\(e)' in a string")
            }
            i += 2
            continue
          }
          value.append(d)
          i += 1
        }
        guard closed else {
          throw ExpressionSyntaxError(offset: start, message: "unterminated string; close it with \(c)")
        }
        tokens.append(Token(kind: .string(String(value)), offset: start))
        continue
      }
      if ("0"..."9").contains(c) {
        while i < text.count, ("0"..."9").contains(text[i]) { i += 1 }
        if i + 1 < text.count, text[i] == ".", ("0"..."9").contains(text[i + 1]) {
          i += 1
          while i < text.count, ("0"..."9").contains(text[i]) { i += 1 }
        }
        let literal = String(String.UnicodeScalarView(text[start..<i]))
        do {
          tokens.append(Token(kind: .number(try ExactDecimal(parsing: literal)), offset: start))
        } catch {
          throw ExpressionSyntaxError(offset: start, message: error.description)
        }
        continue
      }
      if Tokenizer.startsIdentifier(c) {
        while i < text.count, Tokenizer.continuesIdentifier(text[i]) { i += 1 }
        tokens.append(Token(kind: .identifier(String(String.UnicodeScalarView(text[start..<i]))), offset: start))
        continue
      }
      // The first symbol that matches, in the order of `symbols` (so `?:` before `?`).
      let next = i + 1 < text.count ? text[i + 1] : nil
      guard
        let symbol = symbolScalars.first(where: { symbol in
          symbol.scalars.first == c && (symbol.scalars.count == 1 || symbol.scalars.last == next)
        })
      else {
        throw ExpressionSyntaxError(offset: start, message: "unexpected character '\(c)'")
      }
      tokens.append(Token(kind: .symbol(symbol.text), offset: start))
      i += symbol.scalars.count
    }
    tokens.append(Token(kind: .end, offset: text.count))
    return tokens
  }
}
