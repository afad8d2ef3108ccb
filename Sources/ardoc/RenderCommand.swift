import ArgumentParser
import Basics
import Templating
import Vocabulary

/// `ardoc render`: fill any template with JSON data.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Render a template with JSON data.",
    discussion: """
      Numbers in the JSON are read as exact decimals. Partials are looked up in each \
      --templates folder in order, then beside the template, then in ./Templates.
      Exit status: 0 rendered, 2 the template or the data has errors (all are listed).
      """
  )

  @Option(name: .long, help: "The template file (XML or XHTML).")
  var template: String

  @Option(name: .long, help: "The data, a JSON object.")
  var data: String

  @Option(name: .long, help: "A folder of templates and partials; repeat to stack (first wins).")
  var templates: [String] = []

  @Option(name: .long, help: "Date formats and month and weekday names.")
  var locale: Choice<DocumentLocale> = Choice(.standard)

  @Option(name: .long, help: "Write here (atomically) instead of standard output.")
  var out: String?

  func run() throws {
    // A template set travels with its partials: its own folder comes before the defaults.
    var roots = templates
    if let slash = template.lastIndex(of: "/") { roots.append(String(template[..<slash])) } else { roots.append(".") }
    if FileBytes.isFolder("Templates") { roots.append("Templates") }
    let engine = TemplateEngine(roots: roots)
    do {
      let compiled = try engine.compile(file: template)
      let values = try TemplateValue.load(jsonFile: data)
      let bytes = try compiled.renderBytes(values, options: RenderOptions(locale: locale.text))
      if let out {
        try FileBytes.writeAtomically(bytes, to: out)
        print(out)
      } else {
        Console.writeOut(bytes)
      }
    } catch let error as TemplateError {
      throw Console.fail(error.description)
    } catch let error as DataError {
      throw Console.fail(error.description)
    } catch let error as FileBytes.Failure {
      throw Console.fail("error: cannot write \(error.description)")
    }
  }
}
