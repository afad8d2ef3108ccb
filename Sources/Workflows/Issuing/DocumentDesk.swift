import Basics
import Ledger
import LedgerStore
import Letters

/// One document for one customer, from wherever the ledger is to the register: what every
/// front (the command line, the web page) calls, so that none of them issues a document its
/// own way.
///
/// ```swift
/// let desk = DocumentDesk(source: .ownStore("Output/ardoc.sqlite"), storePath: "Output/ardoc.sqlite",
///                         policy: .standard, templateRoots: ["Templates"])
/// let issued = try desk.issue(LetterRequest(kind: .confirmation, customer: "C001", asOf: day),
///                             output: OutputOptions())
/// ```
public struct DocumentDesk: Sendable {
  public let source: LedgerSource
  /// The store the document is registered in (created when missing).
  public let storePath: String
  public let policy: Policy
  public let templateRoots: [String]
  public let encoding: TextEncoding?
  public let maxBytes: Int

  public init(
    source: LedgerSource, storePath: String, policy: Policy, templateRoots: [String], encoding: TextEncoding? = nil,
    maxBytes: Int = LedgerReader.defaultMaxLedgerBytes
  ) {
    self.source = source
    self.storePath = storePath
    self.policy = policy
    self.templateRoots = templateRoots
    self.encoding = encoding
    self.maxBytes = maxBytes
  }

  /// Reads the customer's ledger (from a store, only its slice), then issues the document
  /// through ``DocumentService``.
  public func issue(_ request: LetterRequest, output: OutputOptions, reissue: Bool = false) throws(GenerateError)
    -> IssuedDocument
  {
    let ledger: Ledger
    let version: String
    do {
      (ledger, version) = try source.customerLedger(request.customer, encoding: encoding, maxBytes: maxBytes)
    } catch {
      throw .ledger(error)
    }
    do {
      let store = try LedgerStore(path: storePath)
      // A reissue rebuilds the month's batch outputs, which name every customer.
      let rebuild = try source.rebuildSource(register: store)
      let service = DocumentService(
        ledger: ledger, policy: policy, store: store, templateRoots: templateRoots, source: rebuild, version: version)
      return try service.issue(request, output: output, reissue: reissue)
    } catch let error as GenerateError {
      throw error
    } catch let error as StoreError {
      throw .store(error)
    } catch {
      throw .input("\(error)")
    }
  }
}
