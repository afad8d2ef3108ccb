import Basics
import Foundation
import LedgerStore

/// The folder a register's files are named from. The register names each document's file as
/// it was written, relative to the folder ardoc ran in (`Output/2026-11/…`); run from another
/// folder (with `--db` or `$ARDOC_DB` pointing at the store), every file would look missing,
/// a batch would write a second month folder here, and its advice to reissue the "missing"
/// letters would replace good ones. So commands that write check first where the files are.
public enum RegisterFolder {
  /// Why this is the wrong folder to run in for `store`: its last document's file is not
  /// here but is beside the store (in the store's folder or the one above it, where the
  /// default layout puts `Output/`); nil when the file is here, or nowhere ardoc can tell.
  public static func problem(_ store: LedgerStore) -> String? {
    guard let path = try? store.latestFile(), !path.hasPrefix("/"), !FileBytes.exists(path) else { return nil }
    let here = FileManager.default.currentDirectoryPath
    let storeFile = ((store.path.hasPrefix("/") ? store.path : here + "/" + store.path) as NSString).standardizingPath
    let storeFolder = (storeFile as NSString).deletingLastPathComponent
    for root in [storeFolder, (storeFolder as NSString).deletingLastPathComponent]
    where root != here && FileBytes.exists(root + "/" + path) {
      return
        "the register's files are named from \(root) (\(path) is there, not in \(here)); run ardoc from \(root), where its letters are"
    }
    return nil
  }
}
