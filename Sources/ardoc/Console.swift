import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// Printing for the CLI: results to stdout, problems to stderr.
enum Console {
  static func write(_ bytes: [UInt8], to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }

  static func writeOut(_ bytes: [UInt8]) { write(bytes, to: 1) }

  static func writeError(_ text: String) {
    write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: 2)
  }

  /// Reports input errors; the caller throws the error returned (exit status 2).
  static func fail(_ text: String) -> ExitCode {
    writeError(text)
    return ExitCode(2)
  }
}
