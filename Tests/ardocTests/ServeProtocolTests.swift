import Basics
import Foundation
import Testing

/// What HTTP/1.1 asks of a server, for clients that check it: a method a path does not take
/// is 405 with `Allow`, a 401 carries its challenge, and a request that names no host, or two,
/// is refused.
@Suite struct ServeProtocolTests {
  @Test func aWrongMethodIsToldTheMethodsThePathTakes() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    // Not logged in: the method is wrong whoever asks, and nothing is read or changed.
    func notAllowed(_ method: String, _ path: String, allow: String) throws -> Served.Reply {
      let reply = try server.request(method, path, jar: "anonymous")
      #expect(reply.status == 405, "\(method) \(path)")
      #expect(reply.headers.contains("Allow: \(allow)\r\n"), "\(method) \(path): \(reply.headers)")
      #expect(reply.headers.contains("X-Content-Type-Options: nosniff\r\n"), "\(method) \(path)")
      return reply
    }
    let delete = try notAllowed("DELETE", "/documents/DZ-202611-0001", allow: "GET, HEAD")
    #expect(delete.body == "/documents/DZ-202611-0001 takes GET, HEAD, not DELETE.\n")
    _ = try notAllowed("PUT", "/customers/C001/documents", allow: "POST")
    _ = try notAllowed("OPTIONS", "/login", allow: "GET, HEAD, POST")
    _ = try notAllowed("HEAD", "/batches", allow: "POST")
    let getForm = try notAllowed("GET", "/batches", allow: "POST")
    #expect(getForm.body == "/batches takes POST, not GET.\n")
    // A path no route takes stays 404 (after the login, as every page).
    _ = try server.login("fin", jar: "fin")
    #expect(try server.request("DELETE", "/nowhere", jar: "fin").status == 404)
    #expect(try server.request("GET", "/documents/DZ-202611-0001/reply", jar: "fin").status == 405)
  }

  @Test func anUnauthorizedAnswerCarriesItsChallenge() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let form = try server.request("POST", "/batches", form: [("kind", "confirmation")], jar: "anonymous")
    #expect(form.status == 401)
    #expect(
      form.headers.contains(
        #"WWW-Authenticate: Cookie realm="ardoc", form-action="/login", cookie-name="ardoc_session""# + "\r\n"),
      "\(form.headers)")
    let token = Served.token(try server.request("/login", jar: "wrong").body)
    let wrong = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "not-it")], jar: "wrong")
    #expect(wrong.status == 401)
    #expect(wrong.headers.contains("WWW-Authenticate: Cookie realm=\"ardoc\""), "\(wrong.headers)")
  }

  @Test(.needsPython)
  func aRequestMustNameOneHost() throws {
    let folder = try CLI.temporaryFolder()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let url = try #require(URL(string: server.url))
    // The status line and the body of the answer to one raw request.
    func raw(_ head: String) throws -> String {
      let script = """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
        s.settimeout(10)
        s.sendall(sys.argv[1].encode() + b"Connection: close\\r\\n\\r\\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\\r\\n\\r\\n")
        print(head.split(b"\\r\\n")[0].decode() + "|" + body.decode().strip())
        """
      let result = try CLI.run(
        ["-c", script, head.replacingOccurrences(of: "\n", with: "\r\n")], executable: "/usr/bin/python3")
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(
      try raw("GET /login HTTP/1.1\n")
        == "HTTP/1.1 400 Bad Request|Host: missing; an HTTP/1.1 request names the server it asks (Host: 127.0.0.1:8080)"
    )
    #expect(
      try raw("GET /login HTTP/1.1\nHost: 127.0.0.1\nHost: elsewhere.example\n")
        == "HTTP/1.1 400 Bad Request|Host: given twice; send it once")
    #expect(
      try raw("GET /login HTTP/1.1\nHost: a b\n")
        == "HTTP/1.1 400 Bad Request|Host: holds the character U+0020, which no host name or address does; send the server's name or address, and its port"
    )
    // A value with the right characters that still names no server.
    let advice = "send the server's name or address, and its port"
    for (host, problem) in [
      ("127.0.0.1:8080,evil.example", "'8080,evil.example' is not a port (0 to 65535); \(advice)"),
      ("evil.example:99999", "'99999' is not a port (0 to 65535); \(advice)"),
      ("[::1", "'[::1' opens an address with '[' and never closes it; \(advice)"),
      ("[evil]:80", "'[evil]:80' holds no IPv6 address in its brackets; \(advice)"),
      ("127.0.0.1:8080:1", "'127.0.0.1:8080:1' holds more than one ':'; an IPv6 address goes in brackets ([::1]:8080)"),
      ("%00", "holds the character U+0025, which no host name or address does; \(advice)"),
      (":8080", "':8080' names no host; \(advice)"),
    ] {
      #expect(try raw("GET /login HTTP/1.1\nHost: \(host)\n") == "HTTP/1.1 400 Bad Request|Host: \(problem)")
    }
    #expect(try raw("GET /login HTTP/1.1\nHost: [::1]:8080\n").hasPrefix("HTTP/1.1 200 OK|"))
    #expect(try raw("GET /login HTTP/1.1\nHost: [::ffff:127.0.0.1]\n").hasPrefix("HTTP/1.1 200 OK|"))
    #expect(try raw("GET /login HTTP/1.1\nHost: 127.0.0.1:65535\n").hasPrefix("HTTP/1.1 200 OK|"))
    #expect(try raw("GET /login HTTP/1.1\nHost: ardoc.example.com\n").hasPrefix("HTTP/1.1 200 OK|"))
  }
}
