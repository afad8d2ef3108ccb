import Basics

/// Document numbers from a pattern: `{yyyy}`, `{yy}`, `{MM}`, `{dd}` from the document date
/// and `{seq}` / `{seq:N}` (zero-padded to N digits) counting per expanded prefix, so
/// `DZ-{yyyy}{MM}-{seq:4}` gives `DZ-202611-0001`, `DZ-202611-0002`, then `DZ-202612-0001`.
public enum NumberPattern {
  /// The counter scope (the pattern with the date filled in) and the formatter for a sequence.
  public static func expand(_ pattern: String, date: CivilDate) -> (scope: String, number: (Int) -> String) {
    // By bytes, not with Foundation's search and regular expressions: a batch expands the
    // pattern for every chunk, and those look up protocol conformances at run time.
    var filled = Array(pattern.utf8)
    for (token, value) in [
      ("{yyyy}", date.year.zeroPadded(to: 4)), ("{yy}", (date.year % 100).zeroPadded(to: 2)),
      ("{MM}", date.month.zeroPadded(to: 2)), ("{dd}", date.day.zeroPadded(to: 2)),
    ] {
      filled = Array(split(filled, at: Array(token.utf8)).joined(separator: Array(value.utf8)))
    }
    var width = 1
    var token = Array("{seq}".utf8)
    // The first {seq:N}, read as the policy reads it (which refuses a width not of 1 to 12).
    if let start = ByteSearch.find(Array("{seq:".utf8), in: filled),
      let end = filled[start...].firstIndex(of: UInt8(ascii: "}"))
    {
      token = Array(filled[start...end])
      width = Int(String(decoding: filled[(start + 5)..<end], as: UTF8.self)) ?? 1
    }
    // Split at the token once; each number is then the parts joined by its digits (a batch
    // takes a number for every letter).
    let parts = split(filled, at: token).map { String(decoding: $0, as: UTF8.self) }
    return (parts.joined(separator: "#"), { parts.joined(separator: $0.zeroPadded(to: width)) })
  }

  /// `bytes` cut at each `separator`, left to right, without overlaps.
  static func split(_ bytes: [UInt8], at separator: [UInt8]) -> [ArraySlice<UInt8>] {
    var parts: [ArraySlice<UInt8>] = []
    var from = 0
    while let found = ByteSearch.find(separator, in: bytes, from: from) {
      parts.append(bytes[from..<found])
      from = found + separator.count
    }
    parts.append(bytes[from...])
    return parts
  }
}
