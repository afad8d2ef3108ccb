import Basics
import Foundation
import Testing

/// Connections the server closes on its own: a client that stops half-way through a request,
/// or keeps a connection open without asking anything, does not hold it for ever.
@Suite struct ServeConnectionTests {
  /// Connects, sends `request` (possibly unfinished) and reports what came back and after how
  /// many seconds the server closed the connection, as `<first line>|<seconds>`.
  func silentClient(_ served: Served, sending request: String) throws -> (firstLine: String, seconds: Double) {
    let url = try #require(URL(string: served.url))
    let script = """
      import socket, sys, time
      s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
      s.settimeout(20)
      s.sendall(sys.argv[1].encode().replace(b"\\\\r\\\\n", b"\\r\\n"))
      start = time.time()
      data = b""
      while True:
          chunk = s.recv(65536)
          if not chunk:
              break
          data += chunk
      print(data.split(b"\\r\\n")[0].decode() + "|" + str(round(time.time() - start, 1)))
      """
    let result = try CLI.run(["-c", script, request], executable: "/usr/bin/python3")
    #expect(result.status == 0, "\(result.stderr)")
    let parts = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "|")
    return (parts.first ?? "", Double(parts.last ?? "") ?? -1)
  }

  @Test(.needsPython)
  func stalledAndIdleConnectionsAreClosed() throws {
    let folder = try CLI.temporaryFolder()
    let served = try Served.start(in: folder, arguments: ["--idle-timeout", "1"])
    defer { served.stop() }
    // Headers that never end (a client that stopped, or a slow attack): closed unanswered.
    let stalled = try silentClient(served, sending: "GET /login HTTP/1.1\\r\\nHost: x\\r\\nCookie: \\r\\n")
    #expect(stalled.firstLine == "")
    #expect(stalled.seconds >= 0.5 && stalled.seconds < 10, "\(stalled.seconds)")
    // A whole request is answered; the kept-alive connection is closed once it has been silent.
    let idle = try silentClient(served, sending: "GET /login HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    #expect(idle.firstLine == "HTTP/1.1 200 OK")
    #expect(idle.seconds >= 0.5 && idle.seconds < 10, "\(idle.seconds)")
  }

  /// A client that asks before it sends its form (`Expect: 100-continue`) is told to go on at
  /// once rather than left to its own timeout; one whose form is too large is told so
  /// instead, and need not send it.
  @Test(.needsPython)
  func aClientThatAsksBeforeSendingIsAnswered() throws {
    let folder = try CLI.temporaryFolder()
    let served = try Served.start(in: folder)
    defer { served.stop() }
    let url = try #require(URL(string: served.url))
    // The first answer to the head alone (within 5 s), then, after the body, the next.
    let script = """
      import socket, sys
      body = b"username=x&password=y"
      length = int(sys.argv[1]) if len(sys.argv) > 1 else len(body)
      s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
      s.settimeout(5)
      s.sendall(b"POST /login HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\n"
                + b"Expect: 100-continue\\r\\nContent-Length: " + str(length).encode() + b"\\r\\n\\r\\n")
      first = s.recv(65536)
      print(first.split(b"\\r\\n")[0].decode())
      if b" 413 " in first.split(b"\\r\\n")[0]:
          while s.recv(65536):
              pass
          print("closed")
      if first.startswith(b"HTTP/1.1 100 "):
          s.sendall(body)
          data = first.split(b"\\r\\n\\r\\n", 1)[1]
          while b"\\r\\n" not in data:
              data += s.recv(65536)
          print(data.split(b"\\r\\n")[0].decode())
      """
    let small = try CLI.run(["-c", script], executable: "/usr/bin/python3")
    #expect(small.status == 0, "\(small.stderr)")
    #expect(small.stdout == "HTTP/1.1 100 Continue\nHTTP/1.1 403 Forbidden\n")
    let large = try CLI.run(["-c", script, "2000000"], executable: "/usr/bin/python3")
    #expect(large.status == 0, "\(large.stderr)")
    // Closed once answered: the body was not read, and the client need not send it.
    #expect(large.stdout == "HTTP/1.1 413 Payload Too Large\nclosed\n")
  }

  /// A body that trickles in, a byte at a time within the idle timeout: the connection is
  /// closed once the timeout has passed in all, rather than kept while bytes keep coming. That
  /// holds for every body, not only the forms a route reads: one posted without a session
  /// (401), one with a method the path does not take (405), a GET's.
  @Test(.needsPython)
  func aBodyThatTricklesInIsCutOff() throws {
    let folder = try CLI.temporaryFolder()
    let served = try Served.start(in: folder, arguments: ["--idle-timeout", "2"])
    defer { served.stop() }
    let url = try #require(URL(string: served.url))
    let script = """
      import socket, sys, threading, time
      heads = ["POST /login", "POST /customers/C001/documents", "PUT /login", "GET /customers"]
      took = {}
      def trickle(head):
          s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
          s.sendall(head.encode() + b" HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\nContent-Length: 1000\\r\\n\\r\\n")
          start = time.time()
          try:
              while time.time() - start < 20:
                  s.sendall(b"a")
                  time.sleep(0.5)
          except OSError:
              pass
          took[head] = time.time() - start
      threads = [threading.Thread(target=trickle, args=(h,)) for h in heads]
      for t in threads: t.start()
      for t in threads: t.join()
      for h in heads: print(h, "cut off" if 1.5 <= took[h] < 10 else "after %.1f s" % took[h])
      """
    let result = try CLI.run(["-c", script], executable: "/usr/bin/python3")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "POST /login cut off\nPOST /customers/C001/documents cut off\nPUT /login cut off\nGET /customers cut off\n")
  }

  /// An HTTP/1.0 client is answered in HTTP/1.0, and its connection closed once answered
  /// unless it asked to keep it: such a client may read its answer to the end of the
  /// connection, and would otherwise wait out the idle timeout (30 s here) every time.
  @Test(.needsPython)
  func anHTTP10ClientIsAnsweredAndLetGo() throws {
    let folder = try CLI.temporaryFolder()
    let served = try Served.start(in: folder, arguments: ["--idle-timeout", "30"])
    defer { served.stop() }
    let plain = try silentClient(served, sending: "GET /login HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n")
    #expect(plain.firstLine == "HTTP/1.0 200 OK")
    #expect(plain.seconds < 5, "\(plain.seconds)")
    // Kept when asked, with the answers in order: the second request, not kept, ends it.
    let url = try #require(URL(string: served.url))
    let script = """
      import socket
      s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
      s.settimeout(20)
      s.sendall(b"GET /login HTTP/1.0\\r\\nHost: x\\r\\nConnection: keep-alive\\r\\n\\r\\n"
                + b"GET /customers HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n")
      data = b""
      while True:
          chunk = s.recv(65536)
          if not chunk:
              break
          data += chunk
      for line in data.split(b"\\r\\n"):
          line = line.split(b"\\n")[-1]
          if line.startswith(b"HTTP/") or line.lower().startswith(b"connection:"):
              print(line.decode())
      """
    let kept = try CLI.run(["-c", script], executable: "/usr/bin/python3")
    #expect(kept.status == 0, "\(kept.stderr)")
    #expect(
      kept.stdout == "HTTP/1.0 200 OK\nconnection: keep-alive\nHTTP/1.0 303 See Other\nconnection: close\n")
  }

  /// A client that sends request after request and reads none of the answers is let go once
  /// the server has waited the idle timeout (2 s) to write: the answers would otherwise wait
  /// in the server's memory for as long as the client keeps the connection.
  @Test(.needsPython)
  func aClientThatReadsNoAnswersIsLetGo() throws {
    let folder = try CLI.temporaryFolder()
    let served = try Served.start(in: folder, arguments: ["--idle-timeout", "2"])
    defer { served.stop() }
    let url = try #require(URL(string: served.url))
    // 6,000 answers fill the kernel's buffers (4 MB on Linux) and then the server's; the
    // client reads nothing for 8 s, then reads what it can until the server closes or 3 s
    // pass without a byte.
    let script = """
      import socket, time
      s = socket.create_connection(("127.0.0.1", \(try #require(url.port))))
      s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
      s.setblocking(False)
      asked = b"GET /login HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n" * 6000
      sent, start = 0, time.time()
      while sent < len(asked) and time.time() - start < 10:
          try:
              sent += s.send(asked[sent:])
          except BlockingIOError:
              time.sleep(0.05)
      time.sleep(8)
      s.setblocking(True)
      s.settimeout(3)
      try:
          while s.recv(65536):
              pass
          print("closed")
      except socket.timeout:
          print("still open")
      except OSError:
          print("closed")
      """
    let result = try CLI.run(["-c", script], executable: "/usr/bin/python3")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "closed\n")
  }

  @Test func theIdleTimeoutIsAtLeastOneSecond() throws {
    let result = try CLI.run(["serve", "--port", "0", "--idle-timeout", "0"], in: try CLI.temporaryFolder())
    #expect(result.status == 2)
    #expect(result.stderr == "error: --idle-timeout must be at least 1 second\n")
  }
}
