import CSHA256

/// SHA-256 (FIPS 180-4), for the register's and the manifest's file digests. On processors
/// with the x86 SHA extensions the rounds run in hardware (CSHA256); elsewhere in Swift.
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum SHA256 {
  static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// Whether this processor runs the rounds in hardware.
  static let accelerated = ardoc_sha256_accelerated() != 0

  static let initial: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]

  public static func digest(_ message: [UInt8]) -> [UInt8] {
    digest(message, accelerated: accelerated)
  }

  /// `accelerated: false` runs the portable rounds (tests compare the two).
  static func digest(_ message: [UInt8], accelerated: Bool) -> [UInt8] {
    // The message's whole blocks are read in place; only the padded tail is copied.
    let whole = message.count / 64 * 64
    var tail = Array(message[whole...])
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    let bitLength = UInt64(message.count) &* 8
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    let words =
      accelerated
      ? hardwareRounds(message, whole: whole, tail: tail) : portableRounds(message, whole: whole, tail: tail)
    return words.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - $0 * 8)) } }
  }

  static func hardwareRounds(_ message: [UInt8], whole: Int, tail: [UInt8]) -> [UInt32] {
    var state = initial
    state.withUnsafeMutableBufferPointer { state in
      guard let words = state.baseAddress else { return }
      message.withUnsafeBufferPointer { if let base = $0.baseAddress { ardoc_sha256_blocks(words, base, whole / 64) } }
      tail.withUnsafeBufferPointer {
        if let base = $0.baseAddress { ardoc_sha256_blocks(words, base, tail.count / 64) }
      }
    }
    return state
  }

  static func portableRounds(_ message: [UInt8], whole: Int, tail: [UInt8]) -> [UInt32] {
    var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
      initial[0], initial[1], initial[2], initial[3], initial[4], initial[5], initial[6], initial[7]
    )
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      k.withUnsafeBufferPointer { k in
        func blocks(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) {
          var chunk = 0
          while chunk < count {
            for i in 0..<16 {
              let j = chunk + i * 4
              w[i] =
                UInt32(bytes[j]) << 24 | UInt32(bytes[j + 1]) << 16 | UInt32(bytes[j + 2]) << 8 | UInt32(bytes[j + 3])
            }
            for i in 16..<64 {
              let a = w[i - 15]
              let b = w[i - 2]
              let s0 = rotate(a, 7) ^ rotate(a, 18) ^ (a >> 3)
              let s1 = rotate(b, 17) ^ rotate(b, 19) ^ (b >> 10)
              w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            for i in 0..<64 {
              let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
              let ch = (e & f) ^ (~e & g)
              let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
              let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
              let maj = (a & b) ^ (a & c) ^ (b & c)
              let t2 = s0 &+ maj
              hh = g
              g = f
              f = e
              e = d &+ t1
              d = c
              c = b
              b = a
              a = t1 &+ t2
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
            chunk += 64
          }
        }
        message.withUnsafeBufferPointer { blocks($0, count: whole) }
        tail.withUnsafeBufferPointer { blocks($0, count: $0.count) }
      }
    }
    return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
  }

  @inline(__always) static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  public static func hex(_ message: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest(message) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
