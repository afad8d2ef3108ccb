// Renders letters.json with letter.mustache on all cores, one file per letter.
// Usage: MustachePeer letters.json letter.mustache OUT
import Dispatch
import Foundation
import Mustache

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
  FileHandle.standardError.write(Data("usage: MustachePeer letters.json letter.mustache OUT\n".utf8))
  exit(2)
}
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
  let letters = root["letters"] as? [[String: Any]], let css = root["css"] as? String
else {
  FileHandle.standardError.write(Data("letters.json is not in the expected form\n".utf8))
  exit(2)
}
let template = try MustacheTemplate(string: String(contentsOfFile: arguments[2], encoding: .utf8))
let out = arguments[3]
try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
nonisolated(unsafe) let shared = letters
DispatchQueue.concurrentPerform(iterations: shared.count) { index in
  var letter = shared[index]
  letter["css"] = css
  let html = template.render(letter)
  let name = "\(letter["number"] as? String ?? "x")-confirmation-\(letter["id"] as? String ?? "x").html"
  FileManager.default.createFile(atPath: out + "/" + name, contents: Data(html.utf8))
}
