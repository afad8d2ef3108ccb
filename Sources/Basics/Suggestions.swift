/// Suggestions for misspelt names in error messages ("did you mean ...?").

/// The candidate closest to `word` by edit distance, if reasonably close.
public func closestMatch(_ word: String, in candidates: some Sequence<String>) -> String? {
  let a = Array(word)
  var best: (String, Int)?
  for candidate in candidates {
    let b = Array(candidate)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var row = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = row
    }
    let distance = previous[b.count]
    let allowed = word.count <= 2 ? 1 : max(2, word.count / 3)
    if distance <= allowed, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
  }
  return best?.0
}
