import CSHA256

/// SHA-256 (FIPS 180-4), for the register's and the manifest's file digests. On processors
/// with the x86 SHA extensions the rounds run in hardware (CSHA256); elsewhere in Swift.
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum SHA256 {
  /// The round constants, from CSHA256 (one table for both round implementations).
  static let k: [UInt32] = withUnsafeBytes(of: ardoc_sha256_k) { Array($0.bindMemory(to: UInt32.self)) }

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
    var stream = Stream(accelerated: accelerated)
    stream.update(message)
    return stream.finish()
  }

  /// SHA-256 over bytes given in parts, so that a large text is hashed as it is written
  /// instead of being held whole.
  ///
  /// ```swift
  /// var stream = SHA256.Stream()
  /// stream.update(Array("ab".utf8))
  /// stream.update(Array("c".utf8))
  /// stream.finish() == SHA256.digest(Array("abc".utf8))  // true
  /// ```
  public struct Stream: Sendable {
    var state = SHA256.initial
    /// Bytes after the last whole block (fewer than 64).
    var pending: [UInt8] = []
    var length: UInt64 = 0
    let accelerated: Bool

    public init() { self.init(accelerated: SHA256.accelerated) }

    init(accelerated: Bool) { self.accelerated = accelerated }

    public mutating func update(_ bytes: [UInt8]) {
      length &+= UInt64(bytes.count)
      var from = 0
      if !pending.isEmpty {
        from = min(64 - pending.count, bytes.count)
        pending.append(contentsOf: bytes[0..<from])
        guard pending.count == 64 else { return }
        rounds(pending, blocks: 1)
        pending.removeAll(keepingCapacity: true)
      }
      // Whole blocks are read in place; only what is left over is copied.
      let whole = (bytes.count - from) / 64
      if whole > 0 {
        bytes.withUnsafeBufferPointer { all in
          rounds(UnsafeBufferPointer(rebasing: all[from..<(from + whole * 64)]), blocks: whole)
        }
      }
      pending.append(contentsOf: bytes[(from + whole * 64)...])
    }

    /// The digest of everything given, padded as FIPS 180-4 says.
    public consuming func finish() -> [UInt8] {
      var tail = pending
      tail.append(0x80)
      while tail.count % 64 != 56 { tail.append(0) }
      let bitLength = length &* 8
      for shift in stride(from: 56, through: 0, by: -8) {
        tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
      }
      rounds(tail, blocks: tail.count / 64)
      return state.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - $0 * 8)) } }
    }

    mutating func rounds(_ bytes: [UInt8], blocks: Int) {
      bytes.withUnsafeBufferPointer { rounds($0, blocks: blocks) }
    }

    mutating func rounds(_ bytes: UnsafeBufferPointer<UInt8>, blocks: Int) {
      if accelerated {
        SHA256.hardwareRounds(&state, bytes, blocks: blocks)
      } else {
        SHA256.portableRounds(&state, bytes, blocks: blocks)
      }
    }
  }

  static func hardwareRounds(_ state: inout [UInt32], _ bytes: UnsafeBufferPointer<UInt8>, blocks: Int) {
    state.withUnsafeMutableBufferPointer { state in
      guard let words = state.baseAddress, let base = bytes.baseAddress else { return }
      ardoc_sha256_blocks(words, base, blocks)
    }
  }

  static func portableRounds(_ state: inout [UInt32], _ bytes: UnsafeBufferPointer<UInt8>, blocks: Int) {
    var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
      state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]
    )
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      k.withUnsafeBufferPointer { k in
        var chunk = 0
        while chunk < blocks * 64 {
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
    }
    state = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
  }

  @inline(__always) static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  public static func hex(_ message: [UInt8]) -> String { hex(digest: digest(message)) }

  /// A digest as lowercase hex.
  public static func hex(digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
