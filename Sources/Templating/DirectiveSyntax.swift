// The syntax of the directives around their expressions (names, `t:with` bindings, the loop
// head of `t:each`, the end of `${…}`), all found by one scanner that skips string literals
// as the expression tokenizer reads them.

/// Whether `text` can name a variable: a letter or `_`, then letters, digits or `_`, and not
/// a keyword.
func isIdentifier(_ text: String) -> Bool {
  guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
  return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    && !ExpressionParser.keywords.contains(text)
}

/// Calls `body` with each scalar outside string literals, and its offset, from `start` until
/// `body` returns false. A literal is quoted with `'` or `"`, and inside it a backslash escapes
/// the next scalar, as the expression tokenizer reads it: the directives' own syntax (`;` between
/// bindings, ` in ` of a loop, the `}` that closes `${`) is found with this one scanner, so a
/// quote written `\'` inside a literal never ends it.
func forEachOutsideStrings(
  _ scalars: [Unicode.Scalar], from start: Int = 0, _ body: (Int, Unicode.Scalar) -> Bool
) {
  var quote: Unicode.Scalar?
  var i = start
  while i < scalars.count {
    let c = scalars[i]
    if let q = quote {
      if c == "\\" {
        i += 2
        continue
      }
      if c == q { quote = nil }
    } else if c == "'" || c == "\"" {
      quote = c
    } else if !body(i, c) {
      return
    }
    i += 1
  }
}

/// Splits at `separator` outside string literals and brackets; each piece with its scalar offset.
func splitTopLevel(_ text: String, separator: Unicode.Scalar) -> [(String, Int)] {
  let scalars = Array(text.unicodeScalars)
  var cuts: [Int] = []
  var depth = 0
  forEachOutsideStrings(scalars) { index, c in
    if c == "(" || c == "[" {
      depth += 1
    } else if c == ")" || c == "]" {
      depth -= 1
    } else if c == separator, depth == 0 {
      cuts.append(index)
    }
    return true
  }
  var pieces: [(String, Int)] = []
  var start = 0
  for cut in cuts + [scalars.count] {
    pieces.append((String(String.UnicodeScalarView(scalars[start..<cut])), start))
    start = cut + 1
  }
  return pieces
}

/// The scalar offset of a lone `=` (not `==`, `!=`, `<=`, `>=`) outside string literals.
func findTopLevelEquals(_ text: String) -> Int? {
  let scalars = Array(text.unicodeScalars)
  var found: Int?
  forEachOutsideStrings(scalars) { i, c in
    guard c == "=" else { return true }
    let before = i > 0 ? scalars[i - 1] : " "
    let after = i + 1 < scalars.count ? scalars[i + 1] : " "
    guard after != "=" && !["=", "!", "<", ">"].contains(before) else { return true }
    found = i
    return false
  }
  return found
}

extension String {
  /// Without white space (Unicode's) at either end.
  var trimmed: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !Tokenizer.isWhitespace($0) }),
      let last = scalars.lastIndex(where: { !Tokenizer.isWhitespace($0) })
    else { return "" }
    return String(scalars[first...last])
  }
}
