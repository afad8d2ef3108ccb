import Basics
import HTTPTypes
import Hummingbird

/// What HTTP/1.1 asks of a server before any route sees a request (RFC 9112 section 3.2, RFC
/// 9110 section 15.5.6): a request without a `Host`, with two, or with one that names no host
/// is refused with 400; a method a path does not take gets 405 with the methods it does take
/// in `Allow`, so a client learns it sent the wrong method rather than the wrong address. It
/// wraps the whole router, before the session and access checks: neither answer reads or
/// changes anything.
struct RequestRules: HTTPResponder {
  typealias Context = WebContext
  let base: HeadResponder<RouterResponder<WebContext>>
  /// Each path the router takes, with the methods it answers (`HEAD` with `GET`).
  let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

  /// - Parameter routes: the router's own list (`Router.routes`), so that no route is named twice.
  init(base: HeadResponder<RouterResponder<WebContext>>, routes: [Router<WebContext>.RouteDescription]) {
    self.base = base
    var table: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
    for route in routes {
      let methods = route.method == .get ? [route.method, .head] : [route.method]
      if let index = table.firstIndex(where: { $0.path == route.path }) {
        table[index].methods += methods
      } else {
        table.append((route.path, methods))
      }
    }
    self.routes = table
  }

  func respond(to request: Request, context: WebContext) async throws -> Response {
    if let problem = Self.hostProblem(request) {
      var response = AccessMiddleware.text(.badRequest, "Host: \(problem)")
      SecurityHeaders.secure(&response)
      return response
    }
    if let allowed = allowed(request.uri.path), !allowed.contains(request.method) {
      let names = allowed.map(\.rawValue).sorted()
      var response = AccessMiddleware.text(
        .methodNotAllowed,
        "\(request.uri.path) takes \(names.joined(separator: ", ")), not \(request.method.rawValue).")
      response.headers[.allow] = names.joined(separator: ", ")
      SecurityHeaders.secure(&response)
      return response
    }
    return try await base.respond(to: request, context: context)
  }

  /// The methods the route that takes `path` answers, or nil when no route takes it (404).
  func allowed(_ path: String) -> [HTTPRequest.Method]? {
    let parts = path.split(separator: "/")
    let matching = routes.filter { route in
      route.path.components.count == parts.count
        && zip(route.path.components, parts).allSatisfy { element, part in element ~= part }
    }
    return matching.isEmpty ? nil : matching.flatMap(\.methods)
  }

  /// Why the request's `Host` names no host, or nil. HTTP/1.1 requires one on every request,
  /// and once only: two could name two servers, and a check of one (the form's origin) would
  /// not hold for the other.
  static func hostProblem(_ request: Request) -> String? {
    guard let host = request.head.authority else {
      return "missing; an HTTP/1.1 request names the server it asks (Host: 127.0.0.1:8080)"
    }
    // The conversion from HTTP/1 takes the first Host as the authority and leaves any other.
    if let name = secondHost, request.headers[name] != nil { return "given twice; send it once" }
    if let bad = host.unicodeScalars.first(where: { !hostCharacters.contains($0) }) {
      return
        "holds \(bad.refusedName), which no host name or address does; send the server's name or address, and its port"
    }
    return nil
  }

  /// A `Host` after the first, which the conversion from HTTP/1 leaves among the fields.
  static let secondHost = HTTPField.Name("Host")

  /// The characters of a host, an address (`[::1]`) and a port (RFC 3986's authority without
  /// user information).
  static let hostCharacters = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:[]%".unicodeScalars)
}
