import Basics
import PropertyBased
import Testing
import Vocabulary

@Suite struct DocumentPathTests {
  let november30 = CivilDate(daysSinceEpoch: 20_787)

  @Test func everyDocumentGoesToItsAsOfMonthAndKind() throws {
    #expect(DocumentPath.folder("Output", asOf: november30, kind: .confirmation) == "Output/2026-11/confirmation")
    #expect(DocumentPath.folder("Output/", month: "2026-12", kind: .penaltyNotice) == "Output/2026-12/penalty-notice")
    #expect(
      DocumentPath.folder("/srv/ar", asOf: try CivilDate(iso: "2027-01-01"), kind: .installmentProposal)
        == "/srv/ar/2027-01/installment-proposal")
    #expect(DocumentPath.month(november30) == "2026-11")
    #expect(
      DocumentPath.fileName(number: "DZ-202611-0001", kind: .confirmation, customer: "C001")
        == "DZ-202611-0001-confirmation-C001")
    #expect(DocumentPath.invalid("DZ-202611-0001-confirmation-C001") == "DZ-202611-0001-confirmation-C001-INVALID")
  }

  @Test func aNameOverTheLimitIsRefused() {
    // 240 characters with ".html": the longest name written.
    let number = String(repeating: "9", count: 240 - ".html".count - "-dunning-C1".count)
    #expect(DocumentPath.fileName(number: number, kind: .dunning, customer: "C1")?.count == 235)
    #expect(DocumentPath.fileName(number: number + "9", kind: .dunning, customer: "C1") == nil)
  }

  /// The limit is in bytes, as the file system's is: 64 Chinese characters (192 bytes) fit,
  /// 64 characters of four bytes each (256) would not, whatever their count.
  @Test func theLimitCountsBytesNotCharacters() {
    let chinese = String(repeating: "华", count: 64)
    let name = DocumentPath.fileName(number: "DZ-202611-0001", kind: .confirmation, customer: chinese)
    #expect(name == "DZ-202611-0001-confirmation-" + chinese)
    #expect(name?.utf8.count == 220)
    let wide = String(repeating: "𠀀", count: 64)
    #expect(DocumentPath.fileName(number: "DZ-202611-0001", kind: .confirmation, customer: wide) == nil)
  }

  @Test func partsOfFileNamesAreSafeOnLinuxAndWindowsShares() {
    #expect(DocumentPath.safeFileName("../../etc/passwd") == "_._.._etc_passwd")
    #expect(DocumentPath.safeFileName(#"a\b:c*d?e"f<g>h|i"#) == "a_b_c_d_e_f_g_h_i")
    #expect(DocumentPath.safeFileName(".hidden") == "_hidden")
    #expect(DocumentPath.safeFileName("") == "_")
    #expect(DocumentPath.safeFileName("客户 C😀1") == "客户 C😀1")
  }

  static let awkward = Gen<Character?>.element(
    of: Array("a.中😀/\\:*?\"<>| \t\n\u{1}\u{7F}.") as [Character]
  ).map { $0! }

  /// Whatever a number pattern or an id holds, a document's name stays one file inside its
  /// folder: no separator, no control character, no leading dot.
  @Test func noPartCanLeaveTheFolder() async {
    await propertyCheck(input: Self.awkward.string(of: 0...12), Self.awkward.string(of: 0...12)) { number, customer in
      guard let name = DocumentPath.fileName(number: number, kind: .confirmation, customer: customer) else {
        Issue.record("\(number.debugDescription) gave no name")
        return
      }
      #expect(!name.contains("/") && !name.contains("\\"))
      #expect(!name.hasPrefix("."))
      #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
      #expect(name.hasSuffix("-" + DocumentPath.safeFileName(customer)))
      // The plain-ASCII shortcut and the scalar-by-scalar rule agree.
      #expect(DocumentPath.safeFileName(customer) == Self.replacedOneByOne(customer))
    }
  }

  /// The rule spelled out: each unsafe scalar becomes `_`, then each leading dot.
  static func replacedOneByOne(_ part: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in part.unicodeScalars {
      let unsafe = scalar.value < 0x20 || scalar.value == 0x7F || #"/\:*?"<>|"#.unicodeScalars.contains(scalar)
      scalars.append(unsafe ? "_" : scalar)
    }
    var result = String(scalars)
    while result.hasPrefix(".") { result = "_" + result.dropFirst() }
    return result.isEmpty ? "_" : result
  }
}
