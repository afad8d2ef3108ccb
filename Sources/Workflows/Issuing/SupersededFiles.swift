import Basics
import LedgerStore

#if canImport(Glibc)
  import Glibc
#endif

/// Superseded documents leave the folder of the standing ones: each is moved, with its PDF,
/// into `superseded/` beside it, and the register records where it went. Nobody printing
/// the month's folder picks up a letter that was replaced.
enum SupersededFiles {
  static let folderName = "superseded"

  /// Moves the file of `number`, once the register marks it superseded, into `superseded/`;
  /// returns a warning when the move failed (the register still says where the file is).
  /// Doing it again changes nothing, so a run that stopped halfway is finished by the next.
  static func archive(_ number: String, store: LedgerStore) -> String? {
    guard let entry = try? store.entry(number), entry.status == .superseded, let path = entry.path,
      let slash = path.lastIndex(of: "/")
    else { return nil }
    let folder = String(path[..<slash])
    guard !folder.hasSuffix("/" + folderName), folder != folderName, FileBytes.exists(path) else { return nil }
    let name = String(path[path.index(after: slash)...])
    let target = folder + "/" + folderName + "/" + name
    do {
      try FileBytes.createFolder(folder + "/" + folderName)
    } catch {
      return "\(number) is superseded but stays at \(path): cannot create \(error.path): \(error.reason)"
    }
    guard rename(path, target) == 0 else {
      return "\(number) is superseded but stays at \(path): cannot move it to \(target)"
    }
    let pdf = PDFPrinter.pdfPath(beside: path)
    if path.hasSuffix(".html"), FileBytes.exists(pdf) {
      _ = rename(pdf, PDFPrinter.pdfPath(beside: target))
    }
    do {
      try store.move(number: number, to: target)
    } catch {
      return "\(number) was moved to \(target), but the register could not record it: \(error.message)"
    }
    return nil
  }
}
