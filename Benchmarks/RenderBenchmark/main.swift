// Renders per second of a letter-sized template on all cores, beside the libxml2 floor for
// the same output (copy a parsed output document and serialize it). Run Benchmarks/render.
import Basics
import Dispatch
import Ledger
import Letters
import LibXML
import Synchronization
import Templating
import Validation
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

struct Options {
  var template = "Benchmarks/templates/letter-20k.xhtml"
  var data = "Examples/templates/letter.json"
  var roots = ["Examples/templates"]
  var seconds = 5.0
  var threads = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

  init(_ arguments: [String]) {
    var i = 1
    while i < arguments.count {
      let value = i + 1 < arguments.count ? arguments[i + 1] : ""
      switch arguments[i] {
      case "--template": template = value
      case "--data": data = value
      case "--templates": roots = [value]
      case "--seconds": seconds = Double(value) ?? seconds
      case "--threads": threads = Int(value) ?? threads
      case "--letter":
        i += 1
        continue
      case "--letter-profile", "--profile": break
      default: break
      }
      i += 2
    }
  }
}

/// Runs `work` on `threads` threads for `seconds`; returns operations per second.
func measure(threads: Int, seconds: Double, _ work: @escaping @Sendable (Int) -> () -> Void) -> Double {
  let total = Atomic<Int>(0)
  let start = ContinuousClock.now
  let deadline = start + .milliseconds(Int(seconds * 1000))
  DispatchQueue.concurrentPerform(iterations: threads) { index in
    let step = work(index)
    var count = 0
    while ContinuousClock.now < deadline {
      step()
      count += 1
    }
    total.add(count, ordering: .relaxed)
  }
  let elapsed = ContinuousClock.now - start
  let secondsElapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  return Double(total.load(ordering: .relaxed)) / secondsElapsed
}

/// `--letter`: the bundled example's confirmation letter to C001 (Templates, Examples/ledger.json),
/// rendered with its outline and validated against the ledger as a batch does, per second;
/// `--letter-profile N` renders it N times on one thread, for perf.
func letterRun(_ options: Options) throws {
  let ledger = try LedgerReader.load("Examples/ledger.json")
  let policy = try Policy.load("Examples/policy.json")
  let factory = LetterFactory(ledger: ledger, policy: policy, templateRoots: ["Templates"])
  let asOf = try CivilDate(iso: "2026-11-30")
  let prepared = try factory.prepare(LetterRequest(kind: .confirmation, customer: "C001", asOf: asOf))
  let validator = Validator(policy: policy, ledger: ledger)
  let sample = try factory.render(prepared, number: "DZ-202611-0001")
  guard validator.validate(rendered: sample.rendered, file: "letter").valid else {
    print("the example letter does not validate")
    return
  }
  if let index = CommandLine.arguments.firstIndex(of: "--letter-profile"), index + 1 < CommandLine.arguments.count,
    let count = Int(CommandLine.arguments[index + 1])
  {
    let validate = CommandLine.arguments.contains("--validate")
    for _ in 0..<count {
      let letter = try factory.render(prepared, number: "DZ-202611-0001")
      if validate { _ = validator.validate(rendered: letter.rendered, file: "x") }
    }
    return
  }
  let sink = Atomic<Int>(0)
  let render1 = measure(threads: 1, seconds: options.seconds) { _ in
    {
      if let letter = try? factory.render(prepared, number: "DZ-202611-0001") {
        sink.add(letter.bytes.count, ordering: .relaxed)
      }
    }
  }
  let checked1 = measure(threads: 1, seconds: options.seconds) { _ in
    {
      if let letter = try? factory.render(prepared, number: "DZ-202611-0001") {
        sink.add(validator.validate(rendered: letter.rendered, file: "x").findings.count, ordering: .relaxed)
      }
    }
  }
  let bytes = sample.bytes
  let floor1 = measure(threads: 1, seconds: options.seconds) { _ in
    let parsed = try? XMLDocument.parse(bytes, file: "letter.html")
    return { sink.add(parsed?.copy().xhtmlBytes().count ?? 0, ordering: .relaxed) }
  }
  print("the example confirmation letter (\(sample.bytes.count) bytes), 1 thread, documents/s:")
  print("  render \(Int(render1)), render and validate \(Int(checked1)), libxml2 copy + serialize \(Int(floor1))")
}

func main() throws {
  let options = Options(CommandLine.arguments)
  if CommandLine.arguments.contains("--letter") || CommandLine.arguments.contains("--letter-profile") {
    return try letterRun(options)
  }
  let engine = TemplateEngine(roots: options.roots)
  let compileStart = ContinuousClock.now
  let template = try engine.compile(file: options.template)
  print("compile: \(ContinuousClock.now - compileStart)")
  // Again, once the runtime's first-use costs (metadata, conformances, pages) are paid.
  let againStart = ContinuousClock.now
  _ = try engine.compile(file: options.template)
  print("compile again: \(ContinuousClock.now - againStart) (\(engine.replicas) replicas each)")
  let data = try TemplateValue.load(jsonFile: options.data)
  let output = try template.renderBytes(data)
  print(
    "template: \(options.template)  output: \(output.count) bytes  threads: \(options.threads)  \(options.seconds) s per run"
  )

  let sink = Atomic<Int>(0)
  func engineRun(_ threads: Int) -> Double {
    measure(threads: threads, seconds: options.seconds) { _ in
      // Each thread renders its own data, as a batch renders each customer's own.
      let mine = (try? TemplateValue.load(jsonFile: options.data)) ?? data
      return {
        if let bytes = try? template.renderBytes(mine) { sink.add(bytes.count, ordering: .relaxed) }
      }
    }
  }
  func floorRun(_ threads: Int) -> Double {
    measure(threads: threads, seconds: options.seconds) { _ in
      // Each thread owns its parsed copy: libxml2 documents are not shared across threads.
      let parsed = try? XMLDocument.parse(output, file: "output.html")
      return {
        if let copy = parsed?.copy() { sink.add(copy.xhtmlBytes().count, ordering: .relaxed) }
      }
    }
  }
  if let index = CommandLine.arguments.firstIndex(of: "--profile"), index + 1 < CommandLine.arguments.count,
    let count = Int(CommandLine.arguments[index + 1])
  {
    // A fixed number of operations, for instruction counts (valgrind --tool=callgrind).
    if CommandLine.arguments.contains("--floor") {
      let parsed = try XMLDocument.parse(output, file: "output.html")
      for _ in 0..<count { _ = parsed.copy().xhtmlBytes() }
    } else {
      for _ in 0..<count { _ = try template.renderBytes(data) }
    }
    return
  }
  if CommandLine.arguments.contains("--breakdown") {
    let outlined = measure(threads: 1, seconds: options.seconds) { _ in
      { if let doc = try? template.render(data, outline: true) { sink.add(doc.outline.count, ordering: .relaxed) } }
    }
    let serializeOnly = measure(threads: 1, seconds: options.seconds) { _ in
      let parsed = try? XMLDocument.parse(output, file: "output.html")
      return { sink.add(parsed?.xhtmlBytes().count ?? 0, ordering: .relaxed) }
    }
    let copyOnly = measure(threads: 1, seconds: options.seconds) { _ in
      let parsed = try? XMLDocument.parse(output, file: "output.html")
      return { sink.add(parsed?.copy().root == nil ? 0 : 1, ordering: .relaxed) }
    }
    print(
      "breakdown, 1 thread: render with the validator's outline \(Int(outlined))/s, serialize parsed \(Int(serializeOnly))/s, copy \(Int(copyOnly))/s"
    )
  }
  if CommandLine.arguments.contains("--own-template") {
    let own = measure(threads: options.threads, seconds: options.seconds) { _ in
      let mine = try? engine.compile(file: options.template)
      return { if let bytes = try? mine?.renderBytes(data) { sink.add(bytes.count, ordering: .relaxed) } }
    }
    print("each thread compiles its own template: \(Int(own))/s on \(options.threads) threads")
  }
  let engine1 = engineRun(1)
  let floor1 = floorRun(1)
  let engineN = engineRun(options.threads)
  let floorN = floorRun(options.threads)
  func row(_ name: String, _ one: Double, _ all: Double) -> String {
    func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    return name + pad(String(Int(one.rounded())), 14) + pad(String(Int(all.rounded())), 14)
  }
  print("                               1 thread   \(options.threads) threads   (documents/s)")
  print(row("ardoc render (bytes)       ", engine1, engineN))
  print(row("libxml2 copy + serialize   ", floor1, floorN))
  let ratio = floorN / engineN
  print(
    "ardoc renders \(String(format1(1 / ratio)))x the floor's documents per second on \(options.threads) threads (\(String(format1(engine1 / floor1)))x on 1)"
  )
  _ = sink.load(ordering: .relaxed)
}

func format1(_ value: Double) -> String {
  let tenths = Int((value * 10).rounded())
  return "\(tenths / 10).\(tenths % 10)"
}

do {
  try main()
} catch {
  print("benchmark failed: \(error)")
  exit(1)
}
