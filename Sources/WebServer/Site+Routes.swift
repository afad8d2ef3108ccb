import Foundation
import Hummingbird
import HummingbirdAuth

extension Site {
  func addRoutes(to router: Router<WebContext>) {
    router.get("/") { _, _ in Response.redirect(to: "/customers", type: .normal) }
    router.get("/web.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: pages.stylesheet)))
    }
    router.get("/login") { request, context in
      // Sent back here from a form that could not be taken (see AccessMiddleware).
      let ended: String? =
        switch request.uri.queryParameters.get("ended") {
        case "session": "Your session has ended; log in and send the form again."
        case "form": "The login page was open too long; log in again."
        default: nil
        }
      return loginPage(request, context: context, message: ended)
    }
    router.post("/login") { request, context in try await login(request, context: context) }
    router.post("/logout") { _, context in
      context.sessions.clearSession()
      return Response.redirect(to: "/login", type: .normal)
    }
    router.get("/customers") { request, context in
      await shown(context) { () async throws(PageError) in try await customers(request, context: context) }
    }
    router.get("/customers/{id}") { request, context in
      await shown(context) { () async throws(PageError) in try await customerPage(request, context: context) }
    }
    router.post("/customers/{id}/documents") { request, context in
      await shown(context) { () async throws(PageError) in try await writeDocument(request, context: context) }
    }
    router.get("/documents") { request, context in
      await shown(context) { () async throws(PageError) in try await documents(request, context: context) }
    }
    router.get("/documents/{name}") { request, context in
      await shown(context) { () async throws(PageError) in try await document(request, context: context) }
    }
    router.post("/documents/{name}/reply") { request, context in
      await shown(context) { () async throws(PageError) in try await recordReply(request, context: context) }
    }
    router.post("/batches") { request, context in
      await shown(context) { () async throws(PageError) in try await startBatch(request, context: context) }
    }
    router.get("/batches/{id}") { request, context in
      await shown(context) { () async throws(PageError) in try await batchPage(request, context: context) }
    }
    router.get("/batches/{id}/files/{name}") { request, context in
      await shown(context) { () async throws(PageError) in try await batchFile(request, context: context) }
    }
  }

  /// The response of a page, or the page that says why it cannot be shown.
  func shown(_ context: WebContext, _ body: () async throws(PageError) -> Response) async -> Response {
    do {
      return try await body()
    } catch {
      return pages.render(
        .message, ["title": .string("\(error.status.code)"), "message": .string(error.message)],
        status: error.status, session: context.sessions.session)
    }
  }
}
