import Dispatch
import Foundation
import Letters
import Vocabulary

extension Batch {
  /// A run's templates, and the kind's template compiling for it on another core.
  public struct Templates: Sendable {
    struct Ahead: Sendable {
      let kind: DocumentKind
      let locale: String
      let compiling: DispatchGroup
    }
    let letters: LetterTemplates
    let ahead: Ahead?

    init(roots: [String], ahead: Ahead?) {
      letters = LetterTemplates(
        roots: roots, cache: TemplateCache(replicas: min(ProcessInfo.processInfo.activeProcessorCount, 8)))
      self.ahead = ahead
    }
  }

  /// Starts compiling the kind's template on another core, to be given to the batch once its
  /// ledger is read: a JSON or CSV ledger is read and checked whole first, and the compile need
  /// not wait for that.
  ///
  /// ```swift
  /// let templates = Batch.compilingAhead(templateRoots: roots, kind: .confirmation, locale: "zh-CN")
  /// let batch = Batch(source: source, policy: policy, store: store, templates: templates)
  /// ```
  public static func compilingAhead(templateRoots: [String], kind: DocumentKind, locale: String) -> Templates {
    let compiling = DispatchGroup()
    let templates = Templates(
      roots: templateRoots, ahead: Templates.Ahead(kind: kind, locale: locale, compiling: compiling))
    DispatchQueue.global().async(group: compiling) { [letters = templates.letters] in
      letters.compileAhead(kind, locale: locale)
    }
    return templates
  }
}
