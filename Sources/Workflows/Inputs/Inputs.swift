import Basics
import Ledger
import LedgerStore

/// Opening what the commands read: the ledger (a file, a CSV folder or the store), the policy,
/// and dates given on the command line.
public enum Inputs {
  /// The store a command uses when `--db` is not given: `$ARDOC_DB`, or `Output/ardoc.sqlite`,
  /// beside the documents it registers. Every command finds it the same way, so the batch,
  /// the single letters and the register listing share one register.
  public static func storePath(_ given: String?) -> String {
    if let given { return given }
    if let environment = getenv("ARDOC_DB"), environment.pointee != 0 { return String(cString: environment) }
    return defaultStore
  }

  public static let defaultStore = "Output/ardoc.sqlite"

  /// The policy file, or the documented defaults.
  public static func policy(_ path: String?) throws(LedgerError) -> Policy {
    guard let path else { return .standard }
    return try Policy.load(path)
  }

  /// The `--max-ledger-size` option: bytes, or a whole number with `K`, `M` or `G` (binary:
  /// `2G` is 2 GiB), either case; ``LedgerReader/defaultMaxLedgerBytes`` when absent.
  public static func ledgerSize(_ text: String?, option: String = "--max-ledger-size") throws(InputError) -> Int {
    guard let text else { return LedgerReader.defaultMaxLedgerBytes }
    var digits = Substring(text)
    var shift = 0
    switch digits.last {
    case "K", "k": shift = 10
    case "M", "m": shift = 20
    case "G", "g": shift = 30
    default: break
    }
    if shift > 0 { digits = digits.dropLast() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      throw InputError("\(option) '\(text)' is not a size; write bytes, or a whole number with K, M or G, e.g. 2G")
    }
    guard let count = Int(digits), count <= Int.max >> shift else {
      throw InputError("\(option) '\(text)' is too large")
    }
    guard count > 0 else { throw InputError("\(option) '\(text)' must be more than 0") }
    return count << shift
  }

  /// A date option: ISO `YYYY-MM-DD`, or today (UTC+8) when absent.
  public static func date(_ text: String?, option: String) throws(InputError) -> CivilDate {
    guard let text else { return CivilDate.today() }
    do {
      return try CivilDate(entered: text)
    } catch {
      throw InputError("\(option): \(error.description)")
    }
  }
}

/// A command-line value that cannot be used.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { "error: \(message)" }
}

extension Inputs {
  /// Template folders: the user's (first, so single files override), then the defaults:
  /// `$ARDOC_TEMPLATES`, `./Templates`, or the `Templates` folder of the ardoc checkout the
  /// running binary was built in. A folder the user names must exist: a mistyped
  /// `--templates` would otherwise print the default letters without a word.
  public static func templateRoots(user: [String]) throws(InputError) -> [String] {
    if let missing = user.first(where: { !FileBytes.isFolder($0) }) {
      throw InputError("--templates \(missing): no such folder; check the path")
    }
    var roots = user
    if let environment = getenv("ARDOC_TEMPLATES") { roots.append(String(cString: environment)) }
    if FileBytes.isFolder("Templates/partials") { roots.append("Templates") }
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 {
      var folder = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      for _ in 0..<6 {
        guard let slash = folder.lastIndex(of: "/") else { break }
        folder = String(folder[..<slash])
        if FileBytes.isFolder(folder + "/Templates/partials") {
          roots.append(folder + "/Templates")
          break
        }
      }
    }
    guard !roots.isEmpty else {
      throw InputError(
        "no template folder found; pass --templates DIR (a copy of ardoc's Templates folder), set ARDOC_TEMPLATES, or run ardoc from its checkout"
      )
    }
    return roots
  }
}

#if canImport(Glibc)
  import Glibc
#endif
