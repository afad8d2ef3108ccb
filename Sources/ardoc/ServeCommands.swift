import ArgumentParser
import Basics
import Dispatch
import Foundation
import LedgerStore
import Vocabulary
import WebServer
import Workflows

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "The web page for salespeople and finance: customers, documents, replies, the month's batch.",
    discussion: """
      Listens on 127.0.0.1 unless --host says otherwise (--host 0.0.0.0 shares it with your office network). \
      Users come from 'ardoc users add'. Stop it with Ctrl-C.
      """)

  @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
  var db: String?
  @Option(name: .long, help: "The address to listen on (default: 127.0.0.1, this machine only).")
  var host: String = "127.0.0.1"
  @Option(name: .long, help: "The port (0: a free one, printed).")
  var port: Int = 8080
  @Option(name: .long, help: "A policy file (ardoc-policy/1); default: the documented defaults.")
  var policy: String?
  @Option(name: .long, help: "A folder with your own templates; any file there replaces the default one.")
  var templates: [String] = []
  @Option(name: .long, help: "The output folder for documents.")
  var out: String = "Output"
  @Flag(name: .long, help: "The page is reached over HTTPS (a TLS proxy in front): mark the session cookie Secure.")
  var tls = false
  @Option(
    name: .long, help: "Seconds a connection may stay silent, or a form's body take to arrive, before it is closed.")
  var idleTimeout: Int = 60
  @Flag(
    name: .long,
    help:
      "A reverse proxy on this machine forwards the page: count failed logins per client (X-Forwarded-For), not all together as the proxy's."
  )
  var behindProxy = false

  func run() throws {
    guard (0...65535).contains(port) else { throw Console.fail("error: --port \(port) is not a port (0 to 65535)") }
    guard idleTimeout >= 1 else { throw Console.fail("error: --idle-timeout must be at least 1 second") }
    let options = ServerOptions(
      host: host, port: port, storePath: Inputs.storePath(db), templateRoots: try templateRoots(templates),
      output: OutputOptions(folder: out), policyPath: policy, tls: tls, idleTimeout: idleTimeout,
      behindProxy: behindProxy)
    if let users = try? LedgerStore(path: options.storePath).users(), users.isEmpty {
      Console.writeError(
        "ardoc serve: \(options.storePath) has no users yet, so nobody can log in; add one with 'ardoc users add NAME --role ROLE'"
      )
    }
    let finished = DispatchSemaphore(value: 0)
    let failure = Locked<String?>(nil)
    let loopback = options.loopbackOnly
    Task {
      do {
        try await ArdocServer.run(options) { address in
          // Written straight to the descriptor: a test or script waits for this line.
          Console.writeOut(
            Array(
              ("ardoc serve: listening on \(address)"
                + (loopback ? " (this machine only; --host 0.0.0.0 shares it)\n" : " (reachable from the network)\n"))
                .utf8))
        }
      } catch {
        failure.withLock { $0 = "\(error)" }
      }
      finished.signal()
    }
    finished.wait()
    if let message = failure.withLock({ $0 }) {
      if message.contains("Address already in use") {
        throw Console.fail(
          "error: cannot listen on \(host):\(port): the address is in use; choose another --port, or stop the server using it"
        )
      }
      if message.contains("Permission denied") || message.contains("Cannot assign requested address") {
        throw Console.fail("error: cannot listen on \(host):\(port) (\(message)); check --host and --port")
      }
      throw Console.fail(message.hasPrefix("error: ") || message.contains(": error: ") ? message : "error: \(message)")
    }
  }
}

struct UsersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "users", abstract: "The web page's users and their roles.",
    subcommands: [Add.self, List.self, Remove.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Add a user; the password is read from standard input (one line), never from the command line.")
    @Argument(help: "The user name (a salesperson's is the name their contracts give).")
    var name: String
    @Option(name: .long, help: "What the user may do.")
    var role: Choice<UserRole>
    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?

    func run() throws {
      let chosen = try role.value("--role")
      guard let password = readLine(strippingNewline: true) else {
        throw Console.fail(
          "error: no password on standard input; e.g. printf '%s\\n' \"$PASSWORD\" | ardoc users add \(name) --role \(chosen.rawValue)"
        )
      }
      do {
        let account = try Accounts.add(
          name: name, role: chosen, password: password, store: try LedgerStore(path: Inputs.storePath(db)))
        print("added \(account.name) (\(account.role.rawValue))")
      } catch let error as Accounts.Problem {
        throw Console.fail(error.description)
      } catch let error as StoreError {
        throw Console.fail(error.description)
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users and their roles.")
    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?

    func run() throws {
      do {
        let users = try LedgerStore.existing(Inputs.storePath(db)).users()
        print(
          TextTable.render(
            header: ["user", "role", "added"], rows: users.map { [$0.name, $0.role.rawValue, $0.createdAt] }),
          terminator: "")
      } catch {
        throw Console.fail(error.description)
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user.")
    @Argument(help: "The user name.")
    var name: String
    @Option(name: .long, help: "The SQLite store (default: $ARDOC_DB, or Output/ardoc.sqlite).")
    var db: String?

    func run() throws {
      do {
        guard try LedgerStore.existing(Inputs.storePath(db)).removeUser(name) else {
          throw Console.fail("error: there is no user named '\(name)'; see 'ardoc users list'")
        }
        print("removed \(name)")
      } catch let error as StoreError {
        throw Console.fail(error.description)
      }
    }
  }
}
