import Basics
import Foundation
import Hummingbird
import Templating
import Vocabulary

/// The page templates (`Templates/web/*.xhtml`), compiled once when the server starts so a
/// broken template stops it with its file:line:col instead of failing a user's request.
struct Pages: Sendable {
  enum Page: String, CaseIterable, Sendable {
    case login, customers, customer, documents, document, batch, message
  }

  private let templates: [Page: Template]
  let stylesheet: String

  init(roots: [String]) throws(TemplateError) {
    var filters = FilterRegistry.standard
    // A value as one segment of a URL path: `'/customers/' + (c.id | segment)`.
    filters.register(
      Filter(name: "segment", arguments: 0...0) { value, _, _ throws(FilterError) in
        guard case .string(let text) = value else { throw FilterError("'segment' needs text") }
        return .string(Site.pathPart(text))
      })
    let engine = TemplateEngine(roots: roots, filters: filters)
    var compiled: [Page: Template] = [:]
    for page in Page.allCases { compiled[page] = try engine.compile(file: "web/\(page.rawValue).xhtml") }
    templates = compiled
    var css = ""
    for root in roots where FileBytes.exists(root + "/web/web.css") {
      css = (try? FileBytes.text(root + "/web/web.css")) ?? ""
      break
    }
    stylesheet = css
  }

  /// The page as an HTML response; every value in `data` is escaped by the engine.
  func render(_ page: Page, _ data: TemplateMembers, status: HTTPResponse.Status = .ok, session: WebSession?)
    -> Response
  {
    var context = data
    context["css"] = .string(stylesheet)
    context["user"] =
      session?.user.map { name in
        ["name": .string(name), "role": .string(session?.role?.rawValue ?? "")] as TemplateValue
      } ?? .null
    context["csrf"] = .string(session?.csrf ?? "")
    guard let template = templates[page] else { return Response(status: .internalServerError) }
    do {
      let bytes = try template.renderBytes(
        .object(context), options: RenderOptions(locale: DocumentLocale.zhCN.rawValue))
      // XHTML as XML: the inline SVG keeps its namespace, which an HTML parser would not see.
      return Self.html(bytes, status: status, type: "application/xhtml+xml; charset=utf-8")
    } catch {
      // The details (a template's path and line) are for the server's log, not the browser.
      FileHandle.standardError.write(
        Data("ardoc serve: the \(page.rawValue) page could not be rendered: \(error)\n".utf8))
      return AccessMiddleware.text(
        .internalServerError, "The page could not be shown; the server's log says why.")
    }
  }

  static func html(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, type: String = "text/html; charset=utf-8")
    -> Response
  {
    Response(
      status: status,
      headers: [
        .contentType: type, .cacheControl: "no-store",
        .contentSecurityPolicy:
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
