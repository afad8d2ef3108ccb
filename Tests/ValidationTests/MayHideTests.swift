import Foundation
import PropertyBased
import Testing

@testable import Validation

/// The byte scan that sends a render to the parsed check (``HidingRules/mayHide(_:)``) finds every
/// word that could hide something, in any case: it must agree with the plain rule, written
/// here as a regular expression over the text in lower case.
@Suite struct MayHideTests {
  static let rule = try? NSRegularExpression(
    pattern:
      #"\\|hidden|display[ \t\n\r:]*none|visibility[ \t\n\r:]*collapse|<template|<details|<dialog|<noscript|<link|@import"#
  )

  static func byRule(_ text: String) -> Bool {
    let lower = String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    return rule?.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)) != nil
  }

  /// Pieces of the words, their neighbours and what stands between them.
  static let pieces = Gen<String?>.element(of: [
    "hid", "den", "HIDDEN", "h", "i", "dis", "play", "Display", ":", " ", "\t", "\n", "no", "ne", "NONE", "n", "o",
    "visibility", "col", "lapse", "c", "<", "<t", "emplate", "<DETAILS", "<di", "alog", "<noscript", "<link", "<li",
    "@", "@im", "port", "`", "\\", "a", "中", "文", ">", "=", "\"",
  ]).map { $0! }

  @Test func findsWhatTheRuleFinds() async {
    #expect(HidingRules.mayHide(Array("<p style=\"DISPLAY : none\">".utf8)))
    #expect(HidingRules.mayHide(Array("<p style=\"visibility:Collapse\">".utf8)))
    #expect(!HidingRules.mayHide(Array("<p class=\"none\">display</p>".utf8)))
    #expect(!HidingRules.mayHide(Array("确认函 confirmation notice".utf8)))
    await propertyCheck(input: Self.pieces.array(of: 0...12)) { parts in
      let text = parts.joined()
      #expect(HidingRules.mayHide(Array(text.utf8)) == Self.byRule(text), "\(text.debugDescription)")
    }
  }
}
