import Basics
import Foundation
import Vocabulary

/// What a batch is asked to do.
public struct BatchOptions: Sendable {
  public var kind: DocumentKind
  public var asOf: CivilDate
  public var date: CivilDate
  public var locale: String
  /// Only these customers (nil: all).
  public var customers: [String]?
  public var jobs: Int
  public var output: OutputOptions
  public var reissue: Bool

  public init(
    kind: DocumentKind, asOf: CivilDate, date: CivilDate? = nil, locale: String = DocumentLocale.standard.rawValue,
    customers: [String]? = nil,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, output: OutputOptions = OutputOptions(),
    reissue: Bool = false
  ) {
    self.kind = kind
    self.asOf = asOf
    self.date = date ?? asOf
    self.locale = locale
    self.customers = customers
    self.jobs = max(1, jobs)
    self.output = output
    self.reissue = reissue
  }
}

/// One line of the manifest.
public struct ManifestRow: Sendable, Equatable {
  public let number: String
  public let customer: String
  public let name: String
  public let currency: String
  public let amount: ExactDecimal
  public let detail: String
  public let file: String
  public let sha256: String
  public let status: String
  /// The ledger version the document was written from (``LedgerVersion``); empty for one
  /// registered before versions were kept.
  public let ledger: String
}

public struct BatchResult: Sendable {
  public let folder: String
  /// The customers the run took (all the ledger's, or those --customers named).
  public let customers: Int
  /// Documents in the manifest: issued now or earlier this month.
  public let documents: Int
  public let issuedNow: Int
  public let alreadyIssued: Int
  /// The customers (and currencies) that got no document, and why; also in `skipped.csv`.
  public let skipped: [BatchSkip]
  /// Documents issued now with a validator warning (a contract overrun), and earlier ones
  /// whose file the print bundle could not show: number, finding.
  public let warnings: [(number: String, message: String)]
  /// Every print PDF of the folder, and those of them printed by this run (the others had
  /// not changed).
  public let pdfs: [String]
  public var pdfsPrinted: [String] = []
  /// The print HTML each PDF is printed from (`print-001.html`, ...), when the run prints.
  public var printPages: [String] = []

  /// Each print page with the PDF printed from it, when there is one (a stale PDF that could
  /// not be printed again is removed, its page stays).
  public var printFiles: [(page: String, pdf: String?)] {
    printPages.map { page in
      let pdf = String(page.dropLast(".html".count)) + ".pdf"
      return (page, pdfs.contains(pdf) ? pdf : nil)
    }
  }
  /// Reissued now: the new number and the one it superseded.
  public var superseded: [(new: String, old: String)] = []
  /// The ledger version the letters written now come from (``LedgerVersion``).
  public var ledger: String = ""

  /// What the counts add up to, when it is not the number of customers: a letter is one
  /// customer's in one currency, so a customer with accounts in two currencies counts twice
  /// among written, already issued and skipped (a customer with no activity counts once, as
  /// skipped). `nil` when every customer counts once.
  ///
  ///     "13 customers, 14 accounts: one letter per customer and currency."
  ///     "13 customers (1 without activity), 13 accounts: one letter per customer and currency."
  public var accountsNote: String? {
    let inactive = skipped.filter { $0.reason == .noActivity }.count
    guard issuedNow + alreadyIssued + skipped.count != customers else { return nil }
    let accounts = issuedNow + alreadyIssued + skipped.count - inactive
    let who = inactive == 0 ? "\(customers) customers" : "\(customers) customers (\(inactive) without activity)"
    return "\(who), \(accounts) accounts: one letter per customer and currency."
  }

  /// What the manifests list besides the letters counted above, when they list more: the
  /// month's documents of the kind stand whether or not this run took their customer, so
  /// "11 already issued" beside a manifest of 12 rows is said, not left to be puzzled over.
  ///
  ///     "The manifests list 12 documents: 1 more stands this month for a customer this run wrote no letter for."
  public var listingNote: String? {
    let more = documents - issuedNow - alreadyIssued
    guard more > 0 else { return nil }
    let stands = more == 1 ? "1 more stands" : "\(more) more stand"
    let whom = more == 1 ? "a customer" : "customers"
    return
      "The manifests list \(documents) documents: \(stands) this month for \(whom) this run wrote no letter for (skipped now, not named in --customers, or no longer in the ledger)."
  }
}

/// Reports progress: called from one thread at a time.
public protocol BatchProgress: Sendable {
  func started(total: Int)
  func advanced(done: Int, total: Int)
  func finished(done: Int, total: Int)
  /// The PDF phase: `done` of `total` print files printed (0 of them when it starts).
  func printed(done: Int, total: Int)
}

extension BatchProgress {
  public func printed(done: Int, total: Int) {}
}
