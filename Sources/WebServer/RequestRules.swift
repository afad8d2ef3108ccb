import Basics
import HTTPTypes
import Hummingbird
import NIOCore

/// What HTTP/1.1 asks of a server before any route sees a request (RFC 9112 section 3.2, RFC
/// 9110 section 15.5.6): a request without a `Host`, with two, or with one that names no host
/// is refused with 400; a method a path does not take gets 405 with the methods it does take
/// in `Allow`, so a client learns it sent the wrong method rather than the wrong address. It
/// wraps the whole router, before the session and access checks: neither answer changes
/// anything.
///
/// Every request's body is read here first, whatever answers it, and must arrive in all within
/// `bodyDeadline` (the idle timeout, which restarts with every byte): a body no route reads (a
/// form posted without a session, a GET with a body, a wrong method) would otherwise be drained
/// after the answer one byte at a time, holding the connection for as long as the client likes,
/// and a few hundred such clients every connection the server may open.
struct RequestRules: HTTPResponder {
  typealias Context = WebContext
  let base: HeadResponder<RouterResponder<WebContext>>
  let bodyDeadline: Duration
  /// Each path the router takes, with the methods it answers (`HEAD` with `GET`).
  let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

  /// - Parameter routes: the router's own list (`Router.routes`), so that no route is named twice.
  init(
    base: HeadResponder<RouterResponder<WebContext>>, routes: [Router<WebContext>.RouteDescription],
    bodyDeadline: Duration
  ) {
    self.base = base
    self.bodyDeadline = bodyDeadline
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
    var request = request
    // Said at once when the client announces it, before a byte of the body is read.
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.largestForm {
      return Self.tooLarge
    }
    // Read whether or not the headers announce a body: no guess about framing decides which
    // bodies are held to the deadline (one that has none ends at once).
    do {
      request.body = .init(buffer: try await Self.body(of: request, within: bodyDeadline, closing: context.channel))
    } catch is NIOTooManyBytesError {
      return Self.tooLarge
    }
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

  /// The largest form body read, in bytes: the page's forms send a few hundred, a differences
  /// list a few thousand.
  static let largestForm = 1 << 20

  /// The answer to a form over ``largestForm``.
  /// With `Connection: close`: the body is not read, and the connection cannot be used again
  /// without reading it (see ``ContinueHandler``).
  static var tooLarge: Response {
    var response = AccessMiddleware.text(
      .contentTooLarge, "The form is larger than 1 MiB, which no form of this page is; send only the form's fields.")
    response.headers[.connection] = "close"
    SecurityHeaders.secure(&response)
    return response
  }

  /// The request's body (at most ``largestForm``), or, when it has not all arrived within
  /// `deadline`, the connection closed and 408 thrown.
  static func body(of request: Request, within deadline: Duration, closing channel: any Channel) async throws
    -> ByteBuffer
  {
    try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
      group.addTask {
        var copy = request
        return try await copy.collectBody(upTo: largestForm)
      }
      group.addTask {
        try await Task.sleep(for: deadline)
        return nil
      }
      let first = try await group.next() ?? nil
      guard let first else {
        // Closing ends the read that is still waiting for the body.
        channel.close(promise: nil)
        group.cancelAll()
        throw HTTPError(.requestTimeout, message: "The form's body did not arrive in time.")
      }
      group.cancelAll()
      return first
    }
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
    return syntaxProblem(host)
  }

  /// Why `host` is not a host name or address with an optional port (RFC 3986's `host [":"
  /// port]`, the name as DNS writes one), or nil: `a b`, `[::1`, `a:1:2`, `a:99999`, `a,b` and
  /// `%00` name no server, and a check of the form's origin against one would compare nothing.
  static func syntaxProblem(_ host: String) -> String? {
    let advice = "send the server's name or address, and its port"
    var name = Substring(host)
    var port: Substring?
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else {
        return "'\(host)' opens an address with '[' and never closes it; \(advice)"
      }
      let address = host[host.index(after: host.startIndex)..<close]
      if address.isEmpty || !address.unicodeScalars.allSatisfy({ addressCharacters.contains($0) }) {
        return "'\(host)' holds no IPv6 address in its brackets; \(advice)"
      }
      let rest = host[host.index(after: close)...]
      guard rest.isEmpty || rest.hasPrefix(":") else { return "'\(host)' has '\(rest)' after its address; \(advice)" }
      name = address
      port = rest.isEmpty ? nil : rest.dropFirst()
    } else {
      let parts = host.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count <= 2 else {
        return "'\(host)' holds more than one ':'; an IPv6 address goes in brackets ([::1]:8080)"
      }
      name = parts[0]
      port = parts.count == 2 ? parts[1] : nil
      if let bad = name.unicodeScalars.first(where: { !hostCharacters.contains($0) }) {
        return "holds \(bad.refusedName), which no host name or address does; \(advice)"
      }
      if name.isEmpty { return "'\(host)' names no host; \(advice)" }
    }
    if let port, !port.isEmpty {
      let digits = port.count <= 5 && port.allSatisfy { $0.isASCII && $0.isNumber }
      guard digits, let number = Int(port), number <= 65535 else {
        return "'\(port)' is not a port (0 to 65535); \(advice)"
      }
    }
    return nil
  }

  /// A `Host` after the first, which the conversion from HTTP/1 leaves among the fields.
  static let secondHost = HTTPField.Name("Host")

  /// The characters of a host name or an IPv4 address (RFC 3986's unreserved characters: the
  /// sub-delimiters and percent-encoding it also allows are in no name DNS resolves).
  static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
  /// The characters of an IPv6 address in brackets (with an IPv4 tail).
  static let addressCharacters = Set("0123456789abcdefABCDEF:.".unicodeScalars)
}
