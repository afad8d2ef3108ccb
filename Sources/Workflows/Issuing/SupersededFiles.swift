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
    if FileBytes.exists(target) {
      return
        "\(number) is superseded but stays at \(path): \(target) is already there (not this register's file); move it away and run the command again"
    }
    guard moveNew(path, to: target) else {
      return "\(number) is superseded but stays at \(path): cannot move it to \(target)"
    }
    let pdf = PDFPrinter.pdfPath(beside: path)
    if path.hasSuffix(".html"), FileBytes.exists(pdf) {
      _ = moveNew(pdf, to: PDFPrinter.pdfPath(beside: target))
    }
    do {
      try store.move(number: number, to: target)
    } catch {
      return "\(number) was moved to \(target), but the register could not record it: \(error.message)"
    }
    return nil
  }

  /// Moves a file to a name nothing has: linked there, then unlinked here, so a file that
  /// came to `target` meanwhile is never replaced (rename would). A file system without hard
  /// links falls back to rename.
  static func moveNew(_ path: String, to target: String) -> Bool {
    if link(path, target) == 0 {
      _ = unlink(path)
      return true
    }
    guard errno == EPERM || errno == ENOTSUP || errno == EXDEV else { return false }
    return !FileBytes.exists(target) && rename(path, target) == 0
  }
}
