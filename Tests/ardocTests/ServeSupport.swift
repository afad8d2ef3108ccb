import Basics
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `ardoc serve` started on a free loopback port in a test folder, and driven with curl (a
/// real HTTP client with a cookie jar), as any client of the page would.
struct Served {
  let folder: String
  let url: String
  let process: CLI.Running

  /// A folder with the example ledger changed for the tests: C002 and C003 are 李娜's, C010
  /// is named like a script; four users, one of each role, password `pass-word-1`.
  static func examplePrepared() throws -> String {
    let folder = try CLI.temporaryFolder()
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Examples/ledger.json")))
        as? [String: Any])
    var contracts = try #require(root["contracts"] as? [[String: Any]])
    for index in contracts.indices where ["C002", "C003"].contains(contracts[index]["customer"] as? String ?? "") {
      contracts[index]["salesperson"] = "李娜"
    }
    root["contracts"] = contracts
    var customers = try #require(root["customers"] as? [[String: Any]])
    for index in customers.indices where customers[index]["id"] as? String == "C010" {
      customers[index]["name"] = "<script>alert(1)</script>"
    }
    root["customers"] = customers
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/ledger.json"))
    let imported = try CLI.run(["import", "--ledger", "ledger.json"], in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")
    for (name, role) in [("张伟", "salesperson"), ("李娜", "salesperson"), ("fin", "finance"), ("law", "legal")] {
      try addUser(name, role: role, in: folder)
    }
    return folder
  }

  static func addUser(_ name: String, role: String, password: String = "pass-word-1", in folder: String) throws {
    try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/pw.txt"))
    let added = try CLI.run(["users", "add", name, "--role", role], in: folder, stdin: folder + "/pw.txt")
    #expect(added.stdout == "added \(name) (\(role))\n", "\(added.stderr)")
  }

  /// Starts the server and waits for its "listening on" line.
  static func start(in folder: String, arguments: [String] = []) throws -> Served {
    let process = try CLI.start(["serve", "--port", "0"] + arguments, in: folder)
    for _ in 0..<400 {
      let text = (try? FileBytes.text(process.out)) ?? ""
      if let range = text.range(of: "listening on http://") {
        let rest = text[range.upperBound...]
        let address = rest.prefix { !$0.isWhitespace }
        return Served(folder: folder, url: "http://" + address, process: process)
      }
      usleep(50_000)
    }
    process.child.signal()
    Issue.record("the server did not start: \((try? FileBytes.text(process.err)) ?? "")")
    throw CocoaError(.fileReadUnknown)
  }

  func stop() {
    process.child.signal()
    _ = process.wait()
  }

  struct Reply {
    let status: Int
    let body: String
    let location: String
    let headers: String
    let seconds: Double
  }

  /// One request with curl; `jar` keeps the browser's cookies between requests.
  func request(_ path: String, jar: String) throws -> Reply { try request("GET", path, jar: jar) }

  /// `headers` are sent as they are (`Origin: http://elsewhere.example`).
  func request(
    _ method: String, _ path: String, form: [(String, String)] = [], headers: [String] = [], bodyFile: String? = nil,
    jar: String
  ) throws -> Reply {
    let base = folder + "/curl-" + UUID().uuidString
    var arguments = [
      "-s", "-o", base + ".body", "-D", base + ".headers", "-c", folder + "/" + jar, "-b", folder + "/" + jar, "-w",
      "%{http_code} %{time_total}",
    ]
    for header in headers { arguments += ["-H", header] }
    if method == "HEAD" { arguments.append("-I") }
    if !["GET", "HEAD", "POST"].contains(method) { arguments += ["-X", method] }
    if method == "POST" {
      arguments += ["-X", "POST"]
      for (name, value) in form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
      // A body larger than one argument may be (128 KiB) comes from a file.
      if let bodyFile { arguments += ["--data-binary", "@" + bodyFile] }
      if form.isEmpty && bodyFile == nil { arguments += ["-d", ""] }
    }
    arguments.append(url + path)
    let result = try CLI.run(arguments, in: folder, executable: "/usr/bin/curl")
    let parts = result.stdout.split(separator: " ")
    let headers = (try? FileBytes.text(base + ".headers")) ?? ""
    let location =
      headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }
      .map { String($0.dropFirst("location:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
    return Reply(
      status: Int(parts.first ?? "") ?? 0, body: (try? FileBytes.text(base + ".body")) ?? "", location: location,
      headers: headers, seconds: Double(parts.dropFirst().first ?? "") ?? 0)
  }

  /// Writes C001's confirmation as of 2026-11-30 from the customer page's form, as `jar`'s user.
  func writeConfirmation(token: String, jar: String) throws -> Reply {
    try request(
      "POST", "/customers/C001/documents", form: [("csrf", token), ("kind", "confirmation"), ("asOf", "2026-11-30")],
      jar: jar)
  }

  /// The csrf token of the last page shown.
  static func token(_ page: String) -> String {
    guard let range = page.range(of: #"name="csrf" value=""#) else { return "" }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
  }

  /// Logs in as `user` in its own cookie jar; the token for its forms.
  func login(_ user: String, password: String = "pass-word-1", jar: String) throws -> String {
    let page = try request("/login", jar: jar)
    let done = try request(
      "POST", "/login", form: [("csrf", Served.token(page.body)), ("username", user), ("password", password)], jar: jar)
    #expect(done.status == 303, "\(user): \(done.status) \(done.body)")
    return Served.token(try request("/customers", jar: jar).body)
  }
}

extension Trait where Self == ConditionTrait {
  /// A test that talks to the server through a raw socket, with python3.
  static var needsPython: Self {
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
      "needs python3 for a raw socket (scripts/test installs it)")
  }
}
