import Foundation
import TestSupport
import Testing

@testable import Basics

/// Atomic writes, with an unnamed file (Linux) and with a hidden temporary: readers see no
/// file or the whole file, a replaced file is swapped in one step, an abandoned one leaves
/// nothing behind.
@Suite struct FileBytesTests {
  let folder: String = {
    let path = scratchPath("filebytes")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

  @Test(arguments: [true, false]) func aStreamIsInvisibleUntilCommittedAndReplacesInOneStep(unnamed: Bool) throws {
    let path = folder + "/letter.html"
    let first = try FileBytes.Stream(path, unnamed: unnamed && FileBytes.unnamedFiles)
    try first.write("<p>one</p>")
    #expect(entries().filter { !$0.hasPrefix(".") } == [])
    try first.commit()
    #expect(try FileBytes.text(path) == "<p>one</p>")

    let second = try FileBytes.Stream(path, unnamed: unnamed && FileBytes.unnamedFiles)
    try second.write(Array(repeating: UInt8(ascii: "x"), count: 3 << 20))
    #expect(try FileBytes.text(path) == "<p>one</p>")
    try second.commit()
    #expect(try FileBytes.read(path).count == 3 << 20)
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o644)
    #expect(entries() == ["letter.html"])
  }

  @Test func manySmallWritesAcrossTheBufferArriveInOrder() throws {
    let path = folder + "/bundle.html"
    let stream = try FileBytes.Stream(path)
    var expected: [UInt8] = []
    // 2,600 writes of 1,000 bytes (the 256 KiB buffer drains nine times), text and bytes in
    // turn, then one piece larger than the buffer.
    for index in 0..<2_600 {
      let piece =
        Array(String(format: "%06d", index).utf8) + Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: 994)
      expected += piece
      if index.isMultiple(of: 2) {
        try stream.write(piece)
      } else {
        try stream.write(String(decoding: piece, as: UTF8.self))
      }
      // Drained before a piece would take it past its size: it never grows.
      #expect(stream.buffer.capacity < 2 * (1 << 18))
    }
    let large = Array(repeating: UInt8(ascii: "z"), count: 300_000)
    expected += large
    try stream.write(large)
    try stream.commit()
    let written = try FileBytes.read(path)
    #expect(written.count == 2_900_000)
    #expect(written == expected)
  }

  @Test(arguments: [true, false]) func anAbandonedStreamLeavesNothing(unnamed: Bool) throws {
    do {
      let stream = try FileBytes.Stream(folder + "/gone.html", unnamed: unnamed && FileBytes.unnamedFiles)
      try stream.write("half")
    }
    let finished = try FileBytes.Stream(folder + "/finished.html", unnamed: unnamed && FileBytes.unnamedFiles)
    try finished.write("whole")
    try finished.finish()
    finished.discard()
    #expect(entries() == [])
  }

  @Test func aMissingFolderIsAnErrorNamingTheFile() {
    #expect(throws: FileBytes.Failure(path: folder + "/no/such/x.html", reason: "no such file or folder")) {
      _ = try FileBytes.Stream(folder + "/no/such/x.html")
    }
  }
}
