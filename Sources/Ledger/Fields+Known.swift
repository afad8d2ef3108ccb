import Basics

extension Fields {
  /// Logs every field that is not one of `known`: in a file written by hand, a misspelt
  /// name (`paymentDeadlineDay`) would otherwise be ignored and its default used without a
  /// word. The nearest known name is suggested. A name that starts with `_` is a comment.
  func onlyKnown(_ known: [String], in what: String) {
    guard log.checksNames else { return }
    for (key, entry) in record.fields where !known.contains(key) && !key.hasPrefix("_") {
      let hint = closestMatch(key, in: known, ignoringCase: true).map { "did you mean '\($0)'? " } ?? ""
      problem(entry, "is not a field of \(what); \(hint)the fields are \(known.joined(separator: ", "))")
    }
  }
}
