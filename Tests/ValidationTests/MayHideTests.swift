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
      #"\\|hidden|display[ \t\n\r:]*(none|var\()|visibility[ \t\n\r:]*(collapse|var\()|<template|<details|<dialog|<noscript|<link|<video|<audio|<canvas|<iframe|<object|<!\[|@import"#
  )

  static func byRule(_ text: String) -> Bool {
    let lower = String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    return rule?.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)) != nil || capitalName(text)
  }

  /// A name in capitals that a browser would read in lower case: an element's (just after `<`)
  /// or an attribute's (after a space inside a tag, outside its quoted values).
  static func capitalName(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var inTag = false
    var quote: UInt8?
    for (index, byte) in bytes.enumerated() {
      if inTag {
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          inTag = false
        } else if (65...90).contains(byte), index > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]) {
          return true
        }
      }
      if byte == UInt8(ascii: "<") {
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if (65...90).contains(next) { return true }
        inTag = next != UInt8(ascii: "!") && next != UInt8(ascii: "?")
      }
    }
    return false
  }

  /// Pieces of the words, their neighbours and what stands between them.
  static let pieces = Gen<String?>.element(of: [
    "hid", "den", "HIDDEN", "h", "i", "dis", "play", "Display", ":", " ", "\t", "\n", "no", "ne", "NONE", "n", "o",
    "visibility", "col", "lapse", "c", "<", "<t", "emplate", "<DETAILS", "<di", "alog", "<noscript", "<link", "<li",
    "@", "@im", "port", "`", "\\", "a", "中", "文", ">", "=", "\"", "var(", "<video", "<!", "[", "'", "<p", "STYLE",
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
