import Basics
import Hummingbird
import Ledger
import Letters
import Templating
import Vocabulary

/// The new-document form: its fields are the CLI's options in camelCase (`kind`, `asOf`,
/// `date`, `locale`, `level`, `measure`, `installments`, `collect`), so any HTTP client can
/// post it. A field that cannot be used is refused with its name and the fix (422).
enum DocumentForm {
  static let kinds: [DocumentKind] = [.confirmation, .dunning, .installmentProposal, .penaltyNotice]

  /// The form's fields: the page's own (`csrf`, `form`) and the document's.
  static let fieldNames = [
    "csrf", "form", "kind", "asOf", "date", "locale", "currency", "collect", "level", "installments", "measure",
  ]

  static func request(_ fields: FormFields, customer: String, role: UserRole?) throws(PageError) -> LetterRequest {
    func refuse(_ message: String) -> PageError { PageError(.unprocessableContent, message) }
    if let (name, nearest) = fields.unknown(among: fieldNames) {
      throw refuse(
        "\(name): is not a field of this form; \(nearest.map { "did you mean '\($0)'? " } ?? "")its fields are \(fieldNames.dropFirst(2).joined(separator: ", "))"
      )
    }
    guard let kindText = fields["kind"] else {
      throw refuse("kind: missing; choose one of \(kinds.map(\.rawValue).joined(separator: ", "))")
    }
    guard let kind = DocumentKind(rawValue: kindText), kinds.contains(kind) else {
      throw refuse("kind: '\(kindText)' is not one of \(kinds.map(\.rawValue).joined(separator: ", "))")
    }
    func day(_ name: String) throws(PageError) -> CivilDate? {
      guard let text = fields[name] else { return nil }
      do {
        return try CivilDate(entered: text)
      } catch {
        throw refuse("\(name): \(error.description)")
      }
    }
    let asOf = try day("asOf") ?? CivilDate.today()
    let locale = fields["locale"] ?? DocumentLocale.standard.rawValue
    guard DocumentLocale(rawValue: locale) != nil else {
      throw refuse("locale: '\(locale)' is not zh-CN or en")
    }
    var request = LetterRequest(
      kind: kind, customer: customer, currency: fields["currency"], asOf: asOf, date: try day("date"), locale: locale)
    switch kind {
    case .confirmation:
      // The checkbox's own value, or none: `collect=0` switching on a payment demand would
      // write a letter its sender did not ask for.
      switch fields["collect"]?.lowercased() {
      case nil, "0", "false", "off", "no": request.collect = false
      case "1", "on", "true", "yes": request.collect = true
      case let other?: throw refuse("collect: '\(other)' is not 1 (a payment request) or 0 (none)")
      }
    case .dunning:
      if let text = fields["level"] {
        guard let level = Int(text), (1...3).contains(level) else { throw refuse("level: '\(text)' is not 1, 2 or 3") }
        request.level = level
      }
    case .installmentProposal:
      let text = fields["installments"] ?? "3"
      guard let count = Int(text), (1...120).contains(count) else {
        throw refuse("installments: '\(text)' is not a number of installments from 1 to 120")
      }
      request.installments = InstallmentOptions(count: count)
    case .penaltyNotice:
      guard let text = fields["measure"], let measure = PenaltyMeasure(rawValue: text) else {
        throw refuse(
          "measure: \(fields["measure"].map { "'\($0)' is not" } ?? "missing; choose") one of \(PenaltyMeasure.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      if measure == .legalDemand && role?.writesLegalDemands != true {
        throw PageError(.forbidden, "A legal demand is written by the legal team (roles legal or admin).")
      }
      request.measure = measure
    case .reconciliation:
      break
    }
    return request
  }
}
