import Basics
import Foundation
import Testing

/// What an HTTP client we did not write can send: characters no page can show, a login page
/// asked for again and again, guesses between logins, a browser logged in twice, and many
/// requests for one PDF.
@Suite(.serialized) struct ServeHardeningTests {
  /// A form any HTTP client can post is read as sent or refused: another charset, bytes that
  /// are not UTF-8, a field given twice, a checkbox's value that is not one; and a document of
  /// another salesperson's customer is one that does not exist.
  @Test func formsAreReadAsSentOrRefused() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("张伟", jar: "zw")
    #expect(try server.writeConfirmation(token: token, jar: "zw").status == 303)
    func post(_ path: String, _ body: String, type: String = "application/x-www-form-urlencoded") throws -> Served.Reply
    {
      let file = folder + "/body-" + UUID().uuidString
      try FileBytes.writeAtomically(Array(body.utf8), to: file)
      return try server.request("POST", path, headers: ["Content-Type: " + type], bodyFile: file, jar: "zw")
    }
    let reply = "/documents/DZ-202611-0001/reply"
    let latin = try post(
      reply, "csrf=\(token)&answer=agreed&received=2026-12-02&signedBy=Jos%E9",
      type: "application/x-www-form-urlencoded; charset=iso-8859-1")
    #expect(latin.status == 415)
    #expect(latin.body == "The form must be sent in UTF-8 (as the page's forms are), not charset=iso-8859-1.\n")
    let undecodable = try post(reply, "csrf=\(token)&answer=agreed&received=2026-12-02&signedBy=Jos%E9+M%FCller")
    #expect(undecodable.status == 422)
    #expect(
      undecodable.body
        == "signedBy: is not text as a form sends it (a '%' without two hex digits, or bytes that are not UTF-8); send the form in UTF-8, as the page's forms are\n"
    )
    // A name that is no name as sent is refused too, not read as its raw text; the character
    // U+FFFD itself, sent as UTF-8, is text like any other (the signer's name keeps it).
    let badName = try post(reply, "csrf=\(token)&answer=agreed&received=2026-12-02&%ZZ=1")
    #expect(badName.status == 422)
    #expect(
      badName.body
        == "%ZZ: is not a field name as a form sends one (a '%' without two hex digits, or bytes that are not UTF-8); send the form as the page's forms are\n"
    )
    // A query a page cannot read as sent is refused, rather than read in part.
    for (query, message) in [
      (
        "asOf=%ZZ",
        "asOf: is not text as a form sends it (a '%' without two hex digits, or bytes that are not UTF-8); send the form in UTF-8, as the page's forms are"
      ),
      ("asOf=2026-11-30&asOf=2026-10-31", "asOf: is given twice; send it once"),
    ] {
      let page = try server.request("/customers/C001?" + query, jar: "zw")
      #expect(page.status == 400, "\(query)")
      #expect(page.body == message + "\n", "\(query)")
    }
    let twice = try post(
      "/customers/C001/documents", "csrf=\(token)&kind=dunning&asOf=2026-11-30&level=2&level=3")
    #expect(twice.status == 422)
    #expect(twice.body == "level: is given twice; send it once\n")
    let maybe = try post(
      "/customers/C001/documents", "csrf=\(token)&kind=confirmation&asOf=2026-10-31&collect=maybe")
    #expect(maybe.status == 422)
    #expect(maybe.body.contains("collect: 'maybe' is not 1 (a payment request) or 0 (none)"), "\(maybe.body)")
    let none = try post("/customers/C001/documents", "csrf=\(token)&kind=confirmation&asOf=2026-10-31&collect=0")
    #expect(none.status == 303, "\(none.body)")
    let replacement = try post(
      reply, "csrf=\(token)&answer=agreed&received=2026-12-02&signedBy=%EF%BF%BD+%E7%8E%8B")
    #expect(replacement.status == 303, "\(replacement.body)")
    let page = try server.request("/documents/DZ-202611-0001", jar: "zw").body
    #expect(page.contains("<span>agreed</span>, <span>2026-12-02</span>, \u{FFFD} 王 (in-force)"))
    let shown = try CLI.run(["register", "show", "DZ-202610-0001"], in: folder).stdout
    #expect(!shown.contains("detail: collect"), "\(shown)")
    // 李娜 sees her own customers only: 张伟's letter is no document of hers, as an unknown one.
    _ = try server.login("李娜", jar: "ln")
    for path in ["/documents/DZ-202611-0001", "/documents/DZ-202611-9999"] {
      let hidden = try server.request(path, jar: "ln")
      #expect(hidden.status == 404, "\(path)")
      #expect(hidden.body.contains("There is no document DZ-202611-"), "\(path): \(hidden.body)")
      #expect(!hidden.body.contains("C001"), "\(path)")
    }
  }

  /// A browser's form that cannot be taken (the session ended, the login page open too long)
  /// leads back to the login page, which says why; a program still gets the status and a line.
  @Test func aBrowserWhoseSessionEndedIsSentToLogIn() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let html = ["Accept: text/html,application/xhtml+xml"]
    let ended = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", "x"), ("kind", "confirmation")], headers: html, jar: "b")
    #expect(ended.status == 303)
    #expect(ended.location == "/login?ended=session")
    #expect(
      try server.request("/login?ended=session", jar: "b").body.contains(
        "Your session has ended; log in and send the form again."))
    let program = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", "x"), ("kind", "confirmation")], jar: "p")
    #expect(program.status == 401)
    let stale = try server.request(
      "POST", "/login", form: [("csrf", "stale"), ("username", "fin"), ("password", "pass-word-1")], headers: html,
      jar: "b")
    #expect(stale.status == 303)
    #expect(stale.location == "/login?ended=form")
    #expect(
      try server.request("/login?ended=form", jar: "b").body.contains("The login page was open too long; log in again.")
    )
  }

  @Test func charactersNoPageCanShowAreRefusedWhereTheyComeIn() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("张伟", jar: "zw")
    #expect(try server.writeConfirmation(token: token, jar: "zw").status == 303)
    // A control, and U+FFFE, which is none but which no XML page can hold either: stored, it
    // broke the document's page for everyone.
    for (signer, named) in [("a\u{01}b", "the control character U+0001"), ("王\u{FFFE}", "the character U+FFFE")] {
      let reply = try server.request(
        "POST", "/documents/DZ-202611-0001/reply",
        form: [("csrf", token), ("answer", "agreed"), ("received", "2026-12-01"), ("signedBy", signer)], jar: "zw")
      #expect(reply.status == 422)
      #expect(reply.body == "signedBy: contains \(named); remove it\n")
    }
    #expect(try server.request("/documents/DZ-202611-0001", jar: "zw").status == 200)
    for (query, named) in [("%EF%BF%BF", "the character U+FFFF"), ("2026%0011-30", "the control character U+0000")] {
      let refused = try server.request("/customers?asOf=" + query, jar: "zw")
      #expect(refused.status == 422)
      #expect(refused.body == "asOf: contains \(named); remove it\n")
    }
    // In a path: a NUL ended the number early where it was looked up, and the page that said
    // "no such customer" could not repeat it.
    for path in ["/customers/%00", "/customers/C001%01", "/documents/DZ-202611-0001%00junk"] {
      let refused = try server.request(path, jar: "zw")
      #expect(refused.status == 422, "\(path)")
      #expect(refused.body.hasPrefix("path: contains the control character U+00"), "\(path)")
    }
    let undecodable = try server.request("/customers/C001%FF", jar: "zw")
    #expect(undecodable.status == 400)
    #expect(undecodable.body == "path: not a valid percent-encoded address; check the link\n")
    for (signer, named) in [("a\u{01}b", "the control character U+0001"), ("王\u{FFFF}", "the character U+FFFF")] {
      let cli = try CLI.run(
        ["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-01", "--signed-by", signer], in: folder)
      #expect(cli.stderr == "error: --signed-by contains \(named); remove it\n")
    }
  }

  /// HEAD is answered as GET would be, without the body (curl waits for none), and checked the
  /// same way.
  @Test func headIsAnsweredAsGetWithoutTheBody() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let login = try server.request("HEAD", "/login", jar: "h")
    #expect(login.status == 200)
    #expect(login.headers.contains("application/xhtml+xml"))
    let anonymous = try server.request("HEAD", "/customers", jar: "anonymous")
    #expect(anonymous.status == 303)
    #expect(anonymous.location == "/login")
    let token = try server.login("fin", jar: "h")
    #expect(try server.writeConfirmation(token: token, jar: "h").status == 303)
    let file = try FileBytes.read(folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html")
    let document = try server.request("HEAD", "/documents/DZ-202611-0001.html", jar: "h")
    #expect(document.status == 200)
    #expect(document.headers.lowercased().contains("content-length: \(file.count)\r\n"))
    #expect(try server.request("HEAD", "/documents/DZ-202611-0009.html", jar: "h").status == 404)
  }

  /// The login form's token travels in a cookie of its own: a visitor who is not logged in
  /// holds nothing on the server, so asking for the login page again and again fills nothing.
  @Test func theLoginPageKeepsNoSessionOnTheServer() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let page = try server.request("/login", jar: "v")
    #expect(page.headers.contains("Set-Cookie: ardoc_login="))
    #expect(page.headers.contains("Path=/login"))
    #expect(!page.headers.contains("ardoc_session"))
    let token = Served.token(page.body)
    #expect(token.count == 64)
    // The same browser asking again keeps its token.
    #expect(Served.token(try server.request("/login", jar: "v").body) == token)
    // The token without its cookie (another site's form) is refused.
    let elsewhere = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "pass-word-1")], jar: "other")
    #expect(elsewhere.status == 403)
    let right = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "pass-word-1")], jar: "v")
    #expect(right.status == 303)
    #expect(right.headers.contains("Set-Cookie: ardoc_session="))
  }

  /// Every answer tells the browser to run no script, load nothing from elsewhere, show the
  /// page in no other site's frame, guess no type and send no address elsewhere; a form a
  /// browser sends from another site's page is refused whatever token it carries.
  @Test func formsFromAnotherSiteAreRefusedAndPagesRunNoScript() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let policy =
      "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
    let login = try server.request("/login", jar: "o")
    for expected in [
      policy, "X-Frame-Options: DENY\r\n", "X-Content-Type-Options: nosniff\r\n", "Referrer-Policy: same-origin\r\n",
    ] {
      #expect(login.headers.contains(expected), "\(login.headers)")
    }
    // A login form planted on another site, with a token and cookie it fetched itself.
    let planted = try server.request(
      "POST", "/login", form: [("csrf", Served.token(login.body)), ("username", "fin"), ("password", "pass-word-1")],
      headers: ["Origin: http://elsewhere.example"], jar: "o")
    #expect(planted.status == 403)
    let host = String(server.url.dropFirst("http://".count))
    #expect(
      planted.body
        == "The form was sent from another site's page (Origin: http://elsewhere.example; this server is \(host)); open the page at this server and send the form from there. Behind a proxy, pass the browser's host on in X-Forwarded-Host.\n"
    )
    #expect(!planted.headers.contains("ardoc_session"))
    let token = try server.login("fin", jar: "o")
    let forged = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
      headers: ["Origin: http://\(host).elsewhere.example"], jar: "o")
    #expect(forged.status == 403)
    #expect(CLI.listing(folder + "/Output").filter { $0.hasPrefix("20") } == [])
    // The page's own origin, as the browser reached it directly or through a proxy, passes.
    for (origin, customer) in [(server.url, "C001"), ("https://ardoc.example.com", "C004")] {
      let own = try server.request(
        "POST", "/customers/\(customer)/documents",
        form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
        headers: ["Origin: \(origin)", "X-Forwarded-Host: ardoc.example.com"], jar: "o")
      #expect(own.status == 303, "\(origin): \(own.body)")
    }
    let multipart = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token)],
      headers: ["Content-Type: multipart/form-data; boundary=x"], jar: "o")
    #expect(multipart.status == 415)
    #expect(
      multipart.body
        == "The form must be sent as application/x-www-form-urlencoded (as the page's forms are), not multipart/form-data; boundary=x.\n"
    )
    // A form over 1 MiB is told so, whether its length is announced or it comes in chunks.
    let largeForm = folder + "/large-form"
    try FileBytes.writeAtomically(
      Array(("csrf=\(token)&note=" + String(repeating: "x", count: 1_100_000)).utf8), to: largeForm)
    for chunked in [false, true] {
      let large = try server.request(
        "POST", "/customers/C001/documents", headers: chunked ? ["Transfer-Encoding: chunked"] : [],
        bodyFile: largeForm, jar: "o")
      #expect(large.status == 413, "chunked: \(chunked)")
      #expect(
        large.body == "The form is larger than 1 MiB, which no form of this page is; send only the form's fields.\n")
    }
    let document = try server.request("/documents/DZ-202611-0001.html", jar: "o")
    #expect(document.status == 200)
    #expect(document.headers.contains(policy))
    #expect(document.headers.contains("Cache-Control: no-store\r\n"))
    // An error's answer too: a path no route takes.
    let missing = try server.request("/no-such-page", jar: "o")
    #expect(missing.status == 404)
    #expect(missing.headers.contains("X-Content-Type-Options: nosniff\r\n"), "\(missing.headers)")
    #expect(missing.headers.contains("Cache-Control: no-store\r\n"))
  }

  /// Logging in from an address forgives that user name's failures, not the other failures
  /// from the address: an account did not buy more guesses at other users' passwords.
  @Test func aLoginDoesNotForgiveTheAddressesOtherFailures() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    // Two browsers on one address: one guesses, the other logs in between.
    func attempt(_ name: String, _ password: String, jar: String = "t") throws -> Int {
      let token = Served.token(try server.request("/login", jar: jar).body)
      return try server.request(
        "POST", "/login", form: [("csrf", token), ("username", name), ("password", password)], jar: jar
      ).status
    }
    for _ in 0..<4 { #expect(try attempt("law", "guess-guess") == 401) }
    #expect(try attempt("fin", "pass-word-1", jar: "f") == 303)
    #expect(try attempt("张伟", "guess-guess") == 401)
    // The fifth failure from the address: the next attempt waits, whatever the name.
    #expect(try attempt("李娜", "pass-word-1") == 429)
  }

  /// Behind a proxy on this machine (`--behind-proxy`) every client connects from the proxy's
  /// address: failures are counted per forwarded client, so one person's typos lock out only
  /// them. A client's own `X-Forwarded-For` entries (before the proxy's) count for nothing.
  @Test(arguments: [false, true]) func behindAProxyFailuresAreCountedPerClient(proxy: Bool) throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder, arguments: proxy ? ["--behind-proxy"] : [])
    defer { server.stop() }
    func attempt(_ name: String, _ password: String, from client: String) throws -> Int {
      let jar = "j-" + client
      let token = Served.token(try server.request("/login", jar: jar).body)
      return try server.request(
        "POST", "/login", form: [("csrf", token), ("username", name), ("password", password)],
        headers: ["X-Forwarded-For: \(client)"], jar: jar
      ).status
    }
    // A client names a new address of its own before the proxy's each time: still one client.
    for n in 0..<5 { #expect(try attempt("law", "guess-guess", from: "10.9.9.\(n), 10.0.0.1") == 401) }
    #expect(try attempt("law", "pass-word-1", from: "10.0.0.1") == 429)
    // Another client through the same proxy.
    #expect(try attempt("fin", "pass-word-1", from: "10.0.0.2") == (proxy ? 303 : 429))
  }

  /// A second login in the same browser ends the first session on the server too: its cookie,
  /// kept elsewhere, no longer opens anything.
  @Test func aNewLoginEndsTheSessionTheBrowserHeld() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    _ = try server.login("fin", jar: "s")
    try FileManager.default.copyItem(atPath: folder + "/s", toPath: folder + "/s-old")
    #expect(try server.request("/customers", jar: "s-old").status == 200)
    let token = Served.token(try server.request("/login", jar: "s").body)
    let again = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "law"), ("password", "pass-word-1")], jar: "s")
    #expect(again.status == 303)
    #expect(try server.request("/customers", jar: "s").status == 200)
    let old = try server.request("/customers", jar: "s-old")
    #expect(old.status == 303)
    #expect(old.location == "/login")
  }

  /// A refusal on the page names the form's fields, not the CLI's options, and leaves out
  /// advice to pass an option the page does not have.
  @Test func refusalsNameTheFormsFields() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("law", jar: "l")
    let early = try server.request(
      "POST", "/customers/C004/documents",
      form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30"), ("date", "2026-11-01")], jar: "l")
    #expect(early.status == 422)
    #expect(early.body.contains("error: C004: date 2026-11-01 is before asOf 2026-11-30"), "\(early.body)")
    let demand = try server.request(
      "POST", "/customers/C013/documents",
      form: [("csrf", token), ("kind", "penalty-notice"), ("measure", "legal-demand"), ("asOf", "2026-11-30")],
      jar: "l")
    #expect(demand.status == 422)
    #expect(demand.body.contains("wait until it is reached</"), "\(demand.body)")
    #expect(!demand.body.contains("--despite"))
    #expect(try server.writeConfirmation(token: token, jar: "l").status == 303)
    let disputed = try server.request(
      "POST", "/documents/DZ-202611-0001/reply",
      form: [("csrf", token), ("answer", "disputed"), ("received", "2026-12-01")], jar: "l")
    #expect(disputed.status == 422)
    #expect(disputed.body.contains("error: answer disputed needs theirBalance, the balance the customer"))
    #expect(disputed.body.contains("books show (e.g. theirBalance 96000.00)"), "\(disputed.body)")
  }

  /// The customer list shows the latest letter on the page's date, by its figures' date (a
  /// letter for an earlier month written later has a higher number), and a reply only from
  /// the day it arrived.
  @Test func theCustomerListShowsTheLatestLetterOnItsDate() throws {
    let folder = try Served.examplePrepared()
    let confirm = ["confirm", "--customer", "C001"]
    #expect(try CLI.run(confirm + ["--as-of", "2026-11-30"], in: folder).status == 0)
    #expect(try CLI.run(["reply", "DZ-202611-0001", "--agreed", "--received", "2026-12-03"], in: folder).status == 0)
    let october = try CLI.run(confirm + ["--as-of", "2026-10-31", "--date", "2026-12-04"], in: folder)
    #expect(october.stdout.contains("DZ-202612-0001"), "\(october.stdout)\(october.stderr)")
    let server = try Served.start(in: folder)
    defer { server.stop() }
    _ = try server.login("fin", jar: "f")
    func cell(_ asOf: String) throws -> String {
      let page = try server.request("/customers?asOf=" + asOf, jar: "f").body
      guard let row = page.range(of: "/customers/C001\"") else { return "" }
      let rest = page[row.upperBound...]
      guard let start = rest.range(of: "class=\"reply-"), let end = rest[start.upperBound...].range(of: "</td>")
      else { return "" }
      return String(rest[start.lowerBound..<end.lowerBound])
    }
    #expect(
      try cell("2026-12-05").hasPrefix(
        #"class="reply-agreed"><span>agreed</span> · <a href="/documents/DZ-202611-0001">"#))
    #expect(
      try cell("2026-12-01").hasPrefix(
        #"class="reply-pending"><span>pending</span> · <a href="/documents/DZ-202611-0001">"#))
  }

  /// A user removed and added again (a new password, or the name given to someone else) is
  /// another account: sessions of the old one end, even when they made no request between.
  @Test func aUserAddedAgainIsAnotherAccount() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    _ = try server.login("李娜", jar: "old")
    #expect(try CLI.run(["users", "remove", "李娜"], in: folder).status == 0)
    try Served.addUser("李娜", role: "admin", password: "new-pass-word-2", in: folder)
    let old = try server.request("/customers", jar: "old")
    #expect(old.status == 303)
    #expect(old.location == "/login")
    _ = try server.login("李娜", password: "new-pass-word-2", jar: "new")
    #expect(try server.request("/customers", jar: "new").body.contains("李娜 (admin)"))
    // Two people told apart by case alone are refused, as is a name that is taken.
    try Data("pass-word-3\n".utf8).write(to: URL(fileURLWithPath: folder + "/pw3.txt"))
    for (name, message) in [
      (
        "FIN", "error: 'FIN' differs from the user 'fin' only in case; choose another name, or remove that user first\n"
      ),
      ("fin", "error: a user named 'fin' exists already; remove it first to change it\n"),
    ] {
      let added = try CLI.run(["users", "add", name, "--role", "admin"], in: folder, stdin: folder + "/pw3.txt")
      #expect(added.status == 2)
      #expect(added.stderr == message)
    }
  }

  /// Requests for one PDF at once print it once: every answer is the same file. (Chromium's
  /// PDFs differ from one print to the next, so different bytes would mean several prints.)
  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
      "needs chromium (scripts/test installs it unless ARDOC_WITH_PDF=0)"))
  func onePDFAskedForManyTimesAtOnceIsPrintedOnce() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("fin", jar: "f")
    #expect(try server.writeConfirmation(token: token, jar: "f").status == 303)
    for index in 0..<4 {
      try FileManager.default.copyItem(atPath: folder + "/f", toPath: folder + "/f-\(index)")
    }
    let bodies = Locked<[Int: String]>([:])
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      let reply = try? server.request("/documents/DZ-202611-0001.pdf", jar: "f-\(index)")
      bodies.withLock { $0[index] = reply.map { "\($0.status) \($0.body.utf8.count) \($0.body.hashValue)" } }
    }
    let answers = bodies.withLock { $0 }
    #expect(answers.count == 4)
    #expect(Set(answers.values).count == 1, "\(answers)")
    #expect(answers[0]?.hasPrefix("200 ") == true)
  }

  /// The same form sent four times at once (a double click, a client's retry): one document is
  /// written, and the others are told it is being written or stands (409, 422), never 500.
  @Test func theSameFormSentAtOnceIsOneDocumentAndNoServerFailure() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("fin", jar: "f")
    for index in 0..<4 {
      try FileManager.default.copyItem(atPath: folder + "/f", toPath: folder + "/f-\(index)")
    }
    let statuses = Locked<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      let reply = try? server.writeConfirmation(token: token, jar: "f-\(index)")
      statuses.withLock { $0.append(reply?.status ?? 0) }
    }
    let answers = statuses.withLock { $0 }
    #expect(answers.filter { $0 == 303 }.count == 1, "\(answers)")
    #expect(answers.allSatisfy { [303, 409, 422].contains($0) }, "\(answers)")
    let listed = try CLI.run(["register", "list", "--format", "csv"], in: folder)
    #expect(listed.stdout.split(separator: "\n").filter { $0.contains(",issued,") }.count == 1, "\(listed.stdout)")
  }

  /// A document whose file was moved away has nothing to show and nothing to print: both its
  /// HTML and its PDF are 404 with the same words, and neither names a path on the server.
  @Test func aDocumentWhoseFileIsGoneIsNotFoundAsHTMLOrPDF() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("fin", jar: "f")
    #expect(try server.writeConfirmation(token: token, jar: "f").status == 303)
    try FileManager.default.moveItem(
      atPath: folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html",
      toPath: folder + "/moved.html")
    for suffix in [".html", ".pdf"] {
      let reply = try server.request("/documents/DZ-202611-0001" + suffix, jar: "f")
      #expect(reply.status == 404, "\(suffix)")
      #expect(reply.body.contains("DZ-202611-0001's file cannot be read: no such file or folder"), "\(reply.body)")
      #expect(!reply.body.contains("Output/"), "\(suffix)")
    }
  }

}
