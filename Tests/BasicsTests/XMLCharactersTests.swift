import Basics
import Testing

/// Which characters an input refuses: what no XML document can hold, DEL, and the C1 controls
/// (U+0080–U+009F), which print as nothing or as a box; tab, line feed and carriage return,
/// and every printing character, pass.
@Suite struct XMLCharactersTests {
  @Test func refusedCharacters() {
    let refused: [UInt32] = [0x00, 0x07, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0xFFFE, 0xFFFF]
    for code in refused {
      #expect(Unicode.Scalar(code)?.isRefusedInText == true, "U+\(String(code, radix: 16))")
    }
    let kept: [UInt32] = [0x09, 0x0A, 0x0D, 0x20, 0x7E, 0xA0, 0xA9, 0x4E2D, 0x1F600]
    for code in kept {
      #expect(Unicode.Scalar(code)?.isRefusedInText == false, "U+\(String(code, radix: 16))")
    }
    // XML itself may hold a C1 control; only an input refuses it.
    #expect(Unicode.Scalar(0x85)?.isForbiddenInXML == false)
  }
}
