/// Suggestions for misspelt names in error messages ("did you mean ...?").

/// The candidate closest to `word` by edit distance (``Swift/String/editDistance(to:ignoringCase:)``),
/// if reasonably close: one edit for a word of two characters, else a third of its length and
/// two at least. The first of equally close candidates wins.
///
/// ```swift
/// closestMatch("lenght", in: ["length", "upper"])                      // "length"
/// closestMatch("{YYYY}", in: ["{yyyy}", "{MM}"], ignoringCase: true)   // "{yyyy}"
/// ```
public func closestMatch(_ word: String, in candidates: some Sequence<String>, ignoringCase: Bool = false) -> String? {
  let allowed = word.count <= 2 ? 1 : max(2, word.count / 3)
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let distance = word.editDistance(to: candidate, ignoringCase: ignoringCase)
    if distance <= allowed, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  return best?.candidate
}
