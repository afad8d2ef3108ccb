import Hummingbird

/// `HEAD` answered as the `GET` of the same path would be, without its body, for clients that
/// check a page or a document before fetching it (link checkers, download managers): the
/// router matches `GET` routes only. It wraps the whole router, so a `HEAD` is routed as its
/// `GET` and goes through the same session and access checks.
struct HeadResponder<Base: HTTPResponder>: HTTPResponder {
  let base: Base

  func respond(to request: Request, context: Base.Context) async throws -> Response {
    guard request.method == .head else { return try await base.respond(to: request, context: context) }
    var head = request.head
    head.method = .get
    var response = try await base.respond(to: Request(head: head, body: request.body), context: context)
    // The GET's length, and no bytes: the connection knows a HEAD's answer has no body.
    response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
    return response
  }
}
