import PropertyBased
import Testing

@testable import Basics

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    ("对账函", "5e3ccf4fca79564c8af2635aa69b50964e808a64364e28731d3f8cf53b82668b"),  // sha256sum
  ])
  func knownDigests(text: String, expected: String) {
    #expect(SHA256.hex(Array(text.utf8)) == expected)
    #expect(hex(SHA256.digest(Array(text.utf8), accelerated: false)) == expected)
  }

  func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

  /// Every length around the block boundaries (the padding spills into a second block from
  /// 56 bytes on): both round implementations against each other, and all the digests
  /// together against Python's hashlib.
  @Test func blockBoundaries() {
    var all: [UInt8] = []
    for length in 0...130 {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let portable = SHA256.digest(message, accelerated: false)
      if SHA256.accelerated { #expect(SHA256.digest(message, accelerated: true) == portable, "length \(length)") }
      all += portable
    }
    // hashlib.sha256(b''.join(hashlib.sha256(m).digest() for m in the messages above))
    #expect(SHA256.hex(all) == "c6e4e8706aad569e79b1296ad67e984c018330dca4cd1bc520b46a1d8c1abb05")
  }

  @Test(.enabled(if: SHA256.accelerated)) func hardwareRoundsMatchThePortableOnes() async {
    let bytes = Gen.int(in: 0...255).map { UInt8($0) }
    await propertyCheck(input: bytes.array(of: 0...5000)) { message in
      #expect(SHA256.digest(message, accelerated: true) == SHA256.digest(message, accelerated: false))
    }
  }

  /// A message given in parts, cut anywhere, hashes as the message given whole.
  @Test func partsHashAsTheWhole() async {
    let bytes = Gen.int(in: 0...255).map { UInt8($0) }
    let cuts = Gen.int(in: 0...300).array(of: 0...6)
    await propertyCheck(input: bytes.array(of: 0...600), cuts) { message, cuts in
      for accelerated in [false, SHA256.accelerated] {
        var stream = SHA256.Stream(accelerated: accelerated)
        var from = 0
        for cut in cuts.map({ min($0, message.count) }).sorted() where cut >= from {
          stream.update(Array(message[from..<cut]))
          from = cut
        }
        stream.update(Array(message[from...]))
        #expect(stream.finish() == SHA256.digest(message, accelerated: false))
      }
    }
  }

  @Test func aMillionAs() {
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
