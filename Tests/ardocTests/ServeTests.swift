import Basics
import Foundation
import GRDB
import Testing

/// The web page through the real binary on a loopback port, driven by curl.
@Suite(.serialized) struct ServeTests {
  @Test func pagesNeedALoginAndEveryFormItsToken() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let users = try CLI.run(["users", "list"], in: folder).stdout.components(separatedBy: "\n")
    #expect(users.contains { $0.hasPrefix("fin ") && $0.contains(" finance ") })
    #expect(users.contains { $0.hasPrefix("张伟 ") && $0.contains(" salesperson ") })
    let anonymous = try server.request("/customers", jar: "a")
    #expect(anonymous.status == 303)
    #expect(anonymous.location == "/login")
    let post = try server.request("POST", "/customers/C001/documents", form: [("kind", "confirmation")], jar: "a")
    #expect(post.status == 401)
    let login = try server.request("/login", jar: "a")
    #expect(login.status == 200)
    #expect(login.body.contains(#"<input type="password" name="password""#))
    #expect(login.headers.contains("SameSite=Strict"))
    #expect(login.headers.contains("HttpOnly"))
    let noToken = try server.request(
      "POST", "/login", form: [("username", "fin"), ("password", "pass-word-1")], jar: "a")
    #expect(noToken.status == 403)
    let token = Served.token(login.body)
    let wrong = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "nope-nope")], jar: "a")
    #expect(wrong.status == 401)
    #expect(wrong.body.contains("Wrong user name or password."))
    let right = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "pass-word-1")], jar: "a")
    #expect(right.status == 303)
    #expect(right.location == "/customers")
    // A new session at login: the token of the login page is no longer the session's.
    let stale = try server.request("POST", "/logout", form: [("csrf", token)], jar: "a")
    #expect(stale.status == 403)
    let page = try server.request("/customers", jar: "a")
    #expect(page.status == 200)
    let fresh = Served.token(page.body)
    let forged = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", String(fresh.reversed())), ("kind", "confirmation")],
      jar: "a")
    #expect(forged.status == 403)
    let out = try server.request("POST", "/logout", form: [("csrf", fresh)], jar: "a")
    #expect(out.status == 303)
    #expect(try server.request("/customers", jar: "a").status == 303)
  }

  @Test func rolesAreEnforcedOnTheServerAndOutputIsEscaped() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("张伟", jar: "zw")
    let mine = try server.request("/customers", jar: "zw").body
    #expect(mine.contains(#"data-customer="C001""#))
    #expect(!mine.contains(#"data-customer="C002""#))
    #expect(mine.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!mine.contains("<script>"))
    #expect(try server.request("/customers/C002", jar: "zw").status == 404)
    #expect(
      try server.request(
        "POST", "/customers/C002/documents", form: [("csrf", token), ("kind", "confirmation")], jar: "zw"
      )
      .status == 404)
    let demand = try server.request(
      "POST", "/customers/C011/documents",
      form: [("csrf", token), ("kind", "penalty-notice"), ("measure", "legal-demand"), ("asOf", "2026-11-30")],
      jar: "zw")
    #expect(demand.status == 403)
    #expect(
      try server.request("POST", "/batches", form: [("csrf", token), ("kind", "confirmation")], jar: "zw").status == 403
    )
    let theirs = try server.login("李娜", jar: "ln")
    #expect(try server.request("/customers/C002", jar: "ln").status == 200)
    #expect(try server.request("/customers/C001", jar: "ln").status == 404)
    _ = theirs
    let all = try server.request(
      "/customers",
      jar: {
        _ = try? server.login("fin", jar: "fin")
        return "fin"
      }()
    ).body
    #expect(all.contains(#"data-customer="C002""#) && all.contains(#"data-customer="C001""#))
    let lawToken = try server.login("law", jar: "law")
    let legal = try server.request(
      "POST", "/customers/C011/documents",
      form: [("csrf", lawToken), ("kind", "penalty-notice"), ("measure", "legal-demand"), ("asOf", "2026-11-30")],
      jar: "law")
    #expect(legal.status == 303, "\(legal.body)")
    #expect(legal.location == "/documents/TZ-2026-0001")
  }

  /// A document form sent twice (a double click, a browser's retry) writes one document: the
  /// second sending is sent to the first's page. A legal demand twice is a second demand.
  @Test func aFormSentTwiceWritesOneDocument() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("law", jar: "law")
    let page = try server.request("/customers/C011", jar: "law").body
    let formToken = try #require(
      page.range(of: #"name="form" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
    #expect(formToken.count == 64)
    let form = [
      ("csrf", token), ("form", formToken), ("kind", "penalty-notice"), ("measure", "legal-demand"),
      ("asOf", "2026-11-30"),
    ]
    let first = try server.request("POST", "/customers/C011/documents", form: form, jar: "law")
    #expect(first.status == 303, "\(first.body)")
    #expect(first.location == "/documents/TZ-2026-0001")
    let again = try server.request("POST", "/customers/C011/documents", form: form, jar: "law")
    #expect(again.status == 303)
    #expect(again.location == "/documents/TZ-2026-0001")
    let listed = try CLI.run(["register", "list", "--kind", "penalty-notice"], in: folder).stdout
    #expect(listed.components(separatedBy: "\n").filter { $0.hasPrefix("TZ-") }.count == 1, "\(listed)")
    // A misspelt field is named, not read as absent (asOf would default to today).
    let misspelt = try server.request(
      "POST", "/customers/C011/documents",
      form: [("csrf", token), ("kind", "penalty-notice"), ("measure", "stop-supply"), ("asof", "2026-11-30")],
      jar: "law")
    #expect(misspelt.status == 422)
    #expect(
      misspelt.body.contains(
        "asof: is not a field of this form; did you mean 'asOf'? its fields are kind, asOf, date, locale, currency, collect, level, installments, measure"
      ), "\(misspelt.body)")
    // A new page's form is a new document.
    let next = try server.request("/customers/C011", jar: "law").body
    #expect(!next.contains(formToken))
  }

  @Test func aConfirmationWrittenFromThePageIsTheCLIsDocument() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("张伟", jar: "zw")
    let customer = try server.request("/customers/C001?asOf=2026-11-30", jar: "zw")
    #expect(customer.status == 200)
    #expect(customer.body.contains("no open dispute"))
    #expect(customer.body.contains(#"xmlns:ns1="http://www.w3.org/2000/svg""#))
    #expect(customer.body.contains(##"<ns1:rect x="80" height="16" fill="#3b6ea5" y="90" width="300">"##))
    #expect(customer.headers.lowercased().contains("content-type: application/xhtml+xml; charset=utf-8"))
    let written = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
      jar: "zw")
    #expect(written.status == 303, "\(written.body)")
    #expect(written.location == "/documents/DZ-202611-0001")
    let page = try server.request("/documents/DZ-202611-0001", jar: "zw")
    #expect(page.status == 200)
    #expect(page.body.contains(#"<a data-field="pdf" href="/documents/DZ-202611-0001.pdf">PDF</a>"#))
    let html = try server.request("/documents/DZ-202611-0001.html", jar: "zw")
    #expect(html.status == 200)
    let file = try FileBytes.text(folder + "/Output/2026-11/confirmation/DZ-202611-0001-confirmation-C001.html")
    #expect(html.body == file)
    // The same refusal as the CLI's, nothing written, no number taken; the page has no
    // --reissue to offer and links the letter that stands instead.
    let again = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
      jar: "zw")
    #expect(again.status == 422)
    #expect(
      again.body.contains(
        "<p class=\"error\" data-field=\"message\">error: C001 already has confirmation DZ-202611-0001 for CNY as of 2026-11, issued on 2026-11-30</p>"
      ))
    #expect(again.body.contains(#"<a data-field="standing" href="/documents/DZ-202611-0001">DZ-202611-0001</a>"#))
    #expect(!again.body.contains("--reissue"))
    let noOwner = try server.request(
      "POST", "/customers/C008/documents", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
      jar: "zw")
    #expect(noOwner.status == 422)
    #expect(noOwner.body.contains("error: C008: no confirmed payment owner on 2026-11-30"))
    let badKind = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "letter")], jar: "zw")
    #expect(badKind.status == 422)
    #expect(
      badKind.body.contains("kind: &apos;letter&apos; is not one of")
        || badKind.body.contains("kind: 'letter' is not one of"))
    let register = try CLI.run(["register", "list"], in: folder).stdout
    #expect(register.components(separatedBy: "\n").filter { $0.hasPrefix("DZ-") }.count == 1)
    if FileManager.default.fileExists(atPath: "/usr/bin/chromium") {
      let pdf = try server.request("/documents/DZ-202611-0001.pdf", jar: "zw")
      #expect(pdf.status == 200)
      #expect(pdf.body.hasPrefix("%PDF-"))
      #expect(pdf.headers.lowercased().contains("content-type: application/pdf"))
    }
    // The reply form of the page records through the same service as 'ardoc reply'.
    let reply = try server.request(
      "POST", "/documents/DZ-202611-0001/reply",
      form: [("csrf", token), ("answer", "disputed"), ("received", "2026-12-02"), ("theirBalance", "300000.00")],
      jar: "zw")
    #expect(reply.status == 303, "\(reply.body)")
    let replies = try CLI.run(["replies", "--format", "csv", "--customer", "C001"], in: folder).stdout
    #expect(replies.contains("DZ-202611-0001,C001,CNY,380000.00,disputed,2026-12-02,300000.00,-80000.00,"))
    let blocked = try server.request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "dunning"), ("asOf", "2026-11-30")],
      jar: "zw")
    #expect(blocked.status == 422)
    #expect(blocked.body.contains("DZ-202611-0001 is disputed since 2026-12-02"))
    // The way on is said in the page's words where the page can do it; the customer's items
    // come as a file, which only the command takes.
    let advice =
      "their reply leaves -80,000.00 CNY unexplained: record the customer's corrected items with 'ardoc reply DZ-202611-0001 --disputed --their-balance AMOUNT --differences FILE --received DATE', then write a reconciliation statement with 'ardoc reconcile DZ-202611-0001' and record the customer's stamp on it, or record their agreed reply to the letter itself with the reply form on DZ-202611-0001's page"
    #expect(
      blocked.body.contains(
        "DZ-202611-0001 is disputed since 2026-12-02: their balance 300,000.00, ours 380,000.00 CNY; \(advice)</p>"),
      "\(blocked.body)")
    #expect(blocked.body.contains("ours 380,000.00 CNY — \(advice)"))
    #expect(!blocked.body.contains("--agreed"))
  }

  @Test func behindHTTPSTheCookieIsSecureAndTheServerSaysWhereItListens() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder, arguments: ["--tls"])
    defer { server.stop() }
    let login = try server.request("/login", jar: "s")
    #expect(login.headers.contains("; Secure"))
    #expect(login.headers.contains("SameSite=Strict"))
    let printed = try FileBytes.text(server.process.out)
    #expect(printed.contains("ardoc serve: listening on \(server.url) (this machine only; --host 0.0.0.0 shares it)\n"))
  }

  @Test func guessesSentTogetherAreThrottledAndARemovedUserIsLoggedOut() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    // Removed while logged in: the next request is logged out.
    let lawToken = try server.login("law", jar: "law")
    #expect(try server.request("/customers", jar: "law").status == 200)
    #expect(try CLI.run(["users", "remove", "law"], in: folder).stdout == "removed law\n")
    #expect(try server.request("/customers", jar: "law").status == 303)
    #expect(
      try server.request(
        "POST", "/customers/C012/documents", form: [("csrf", lawToken), ("kind", "dunning")], jar: "law"
      )
      .status == 401)
    // Guesses sent together: five are checked, the rest refused (the address is held too).
    let token = Served.token(try server.request("/login", jar: "g").body)
    // One copy of the jar (the same session cookie) per request: curl rewrites its jar as it
    // ends, and another curl reading the file while it is rewritten would send no cookie.
    for index in 0..<12 {
      try FileManager.default.copyItem(atPath: folder + "/g", toPath: folder + "/g-\(index)")
    }
    let answers = Locked<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 12) { index in
      let reply = try? server.request(
        "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "guess-\(index)")],
        jar: "g-\(index)")
      answers.withLock { $0.append(reply?.status ?? 0) }
    }
    let statuses = answers.withLock { $0 }
    #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses)")
    #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
  }

  @Test func loginsAreThrottledPerNameAndAddress() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = Served.token(try server.request("/login", jar: "t").body)
    for _ in 0..<5 {
      let wrong = try server.request(
        "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "guess-guess")], jar: "t")
      #expect(wrong.status == 401)
    }
    let blocked = try server.request(
      "POST", "/login", form: [("csrf", token), ("username", "fin"), ("password", "pass-word-1")], jar: "t")
    #expect(blocked.status == 429)
    #expect(blocked.body.contains("Too many failed logins for this user name or address; try again in 15 minutes."))
    let wait = blocked.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("retry-after:") }
    #expect(
      wait.flatMap { Int($0.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespaces)) }.map {
        (800...900).contains($0)
      } == true, "\(blocked.headers)")
    // A form without a password is no guess: said, and not counted.
    let empty = try server.request("POST", "/login", form: [("csrf", token), ("username", "law")], jar: "t")
    #expect(empty.status == 422)
    #expect(empty.body.contains("password: missing; fill in both."))
  }

  @Test func theMonthsBatchRunsInTheBackground() throws {
    let folder = try Served.examplePrepared()
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("fin", jar: "fin")
    let started = try server.request(
      "POST", "/batches", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")], jar: "fin")
    #expect(started.status == 303)
    #expect(started.location == "/batches/1")
    let running = try server.request("/batches/1", jar: "fin").body
    #expect(running.contains(#"<meta http-equiv="refresh" content="2" />"#) || running.contains("finished"))
    var page = ""
    for _ in 0..<200 {
      page = try server.request("/batches/1", jar: "fin").body
      if page.contains("finished") { break }
      usleep(100_000)
    }
    #expect(page.contains(#"<p data-field="summary">12 written, 0 already issued, 2 skipped.</p>"#), "\(page)")
    #expect(
      page.contains(
        #"<p data-field="accounts">13 customers, 14 accounts: one letter per customer and currency.</p>"#))
    #expect(!page.contains("http-equiv=\"refresh\""))
    #expect(page.contains(#"href="/batches/1/files/manifest.csv""#))
    let manifest = try server.request("/batches/1/files/manifest.csv", jar: "fin")
    #expect(manifest.status == 200)
    #expect(manifest.body.contains("DZ-202611-0001,C001,"))
    #expect(try server.request("/batches/1/files/..%2Fardoc.sqlite", jar: "fin").status == 404)
    #expect(try server.request("/batches/1/files/ardoc.sqlite", jar: "fin").status == 404)
    #expect(!page.contains("data-field=\"warning\""))
    // C005 pays part after its letter was written: the next run's page says the letter no
    // longer agrees with the ledger.
    try CLI.importExample(
      paying: ["id": "P-C005", "customer": "C005", "receivedOn": "2026-11-20", "amount": "1000.00"], in: folder)
    let again = try server.request(
      "POST", "/batches", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")], jar: "fin")
    #expect(again.location == "/batches/2")
    for _ in 0..<200 {
      page = try server.request("/batches/2", jar: "fin").body
      if page.contains("finished") { break }
      usleep(100_000)
    }
    #expect(
      page.contains(
        #"<li data-field="warning">DZ-202611-0004: stands for C005 at 240,000.00 CNY as of 2026-11-30, but the ledger now gives 239,000.00 as of 2026-11-30; check it before it is sent (a reissue writes a new one)</li>"#
      ), "\(page)")
    // A day that has not come is refused on the form, in its words, and no batch starts.
    let future = try server.request(
      "POST", "/batches", form: [("csrf", token), ("kind", "dunning"), ("asOf", "2099-12-31")], jar: "fin")
    #expect(future.status == 422)
    #expect(future.body.contains("asOf 2099-12-31 is after today ("), "\(future.body)")
    #expect(try server.request("/batches/3", jar: "fin").status == 404)
  }

  /// Twenty clients at once, each writing a confirmation for its own customer: every document
  /// is numbered once and the register and files agree (the timing is Benchmarks/serve-load's).
  @Test func twentyClientsWriteConfirmationsAtOnce() throws {
    let folder = try CLI.temporaryFolder()
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Examples/ledger.json")))
        as? [String: Any])
    root = try LoadLedger.widened(root, copies: 20)
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/ledger.json"))
    #expect(try CLI.run(["import", "--ledger", "ledger.json"], in: folder).status == 0)
    try Served.addUser("fin", role: "finance", in: folder)
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let tokens = try (1...20).map { try server.login("fin", jar: "c\($0)") }
    let results = Locked<[Int: Served.Reply]>([:])
    DispatchQueue.concurrentPerform(iterations: 20) { index in
      let reply = try? server.request(
        "POST", "/customers/L\(index + 1)/documents",
        form: [("csrf", tokens[index]), ("kind", "confirmation"), ("asOf", "2026-11-30")], jar: "c\(index + 1)")
      results.withLock { $0[index] = reply }
    }
    let replies = results.withLock { $0 }
    #expect(replies.count == 20)
    #expect(replies.values.allSatisfy { $0.status == 303 })
    let numbers = Set(replies.values.map(\.location))
    #expect(numbers.count == 20)
    #expect(numbers == Set((1...20).map { String(format: "/documents/DZ-202611-%04d", $0) }))
    let rows = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try Row.fetchAll(db, sql: "SELECT number, status, sha256, path FROM documents")
    }
    #expect(rows.count == 20)
    for row in rows {
      #expect(row["status"] as String == "issued")
      let path: String = row["path"]
      #expect(SHA256.hex(try FileBytes.read(folder + "/" + path)) == row["sha256"] as String)
    }
  }
}
