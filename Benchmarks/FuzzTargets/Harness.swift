// The fuzz targets' entry points. Built with `-sanitize=fuzzer,address -DFUZZING` (see
// Benchmarks/fuzz), `ardoc-fuzz TARGET [libFuzzer options] [CORPUS...]` fuzzes one target.
// Built normally, `ardoc-fuzz TARGET FILE|FOLDER...` runs saved inputs (a crash file, a
// corpus) through the same code without libFuzzer.
import Basics
import Foundation

/// A target takes one input; it returns for any input the product handles (true when the
/// input was accepted, false for a clear error) and calls `finding` for anything else.
typealias FuzzTarget = @Sendable ([UInt8]) -> Bool

let targets: [String: FuzzTarget] = [
  "template": fuzzTemplate,
  "expression": fuzzExpression,
  "json-ledger": fuzzJSONLedger,
  "csv-ledger": fuzzCSVLedger,
  "validator": fuzzValidator,
]

/// Stops the run with a message; libFuzzer saves the input that led here.
func finding(_ message: String) -> Never {
  FileHandle.standardError.write(Data(("FINDING: " + message + "\n").utf8))
  abort()
}

#if FUZZING
  // SwiftPM links an executable's entry point as `<module>_main`; here it hands the run to
  // libFuzzer's driver after taking the target's name off the arguments.
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  nonisolated(unsafe) var selected: FuzzTarget = { _ in false }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = selected(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }

  @_cdecl("ardoc_fuzz_main")
  func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    let name = argc > 1 ? argv[1].map { String(cString: $0) } ?? "" : ""
    guard let target = targets[name] else {
      print(
        "usage: ardoc-fuzz TARGET [libFuzzer options] [CORPUS...]  (targets: \(targets.keys.sorted().joined(separator: ", ")))"
      )
      return 2
    }
    selected = target
    // The driver sees the program name followed by everything after the target's name.
    var count = argc - 1
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv + 1
    arguments?[0] = argv[0]
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOne)
  }
#else
  @main
  struct Replay {
    static func main() throws {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first, let target = targets[name], arguments.count > 1 else {
        print("usage: ardoc-fuzz TARGET FILE|FOLDER...  (targets: \(targets.keys.sorted().joined(separator: ", ")))")
        exit(2)
      }
      var count = 0
      var accepted = 0
      for path in arguments.dropFirst() {
        var files = [path]
        if FileBytes.isFolder(path) {
          files = try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        }
        for file in files {
          if target(try FileBytes.read(file, limit: 1 << 28)) { accepted += 1 }
          count += 1
        }
      }
      print("\(name): \(count) inputs, \(accepted) accepted, no finding")
    }
  }
#endif
