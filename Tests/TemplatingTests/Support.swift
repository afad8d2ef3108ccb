import Basics
import Foundation
import LibXML
import Templating
import TestSupport
import Testing

/// The package's root folder, found from this file's path.
/// The folder of test fixtures (templates, partials, goldens) in the source tree.
let fixtures = packageRoot + "/Tests/TemplatingTests/Fixtures"

/// Wraps template body text in a root element that declares the directive namespace.
func wrap(_ body: String) -> String {
  "<r xmlns:t=\"urn:ardoc:template\">\(body)</r>"
}

/// Renders a snippet and returns the serialized root element without the XML declaration.
func render(
  _ body: String, _ data: TemplateValue = [:], roots: [String] = [fixtures],
  filters: FilterRegistry = .standard, locale: String = "zh-CN"
) throws -> String {
  let engine = TemplateEngine(roots: roots, filters: filters)
  let template = try engine.compile(source: wrap(body), name: "snippet.xml")
  let text = try template.renderString(data, options: RenderOptions(locale: locale))
  let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  #expect(text.hasPrefix(declaration))
  var result = String(text.dropFirst(declaration.count))
  if result.hasSuffix("\n") { result.removeLast() }
  return result
}

/// Renders a snippet and returns the inner content of the root element.
func inner(
  _ body: String, _ data: TemplateValue = [:], roots: [String] = [fixtures],
  filters: FilterRegistry = .standard, locale: String = "zh-CN"
) throws -> String {
  let whole = try render(body, data, roots: roots, filters: filters, locale: locale)
  if whole == "<r/>" { return "" }
  #expect(whole.hasPrefix("<r>") && whole.hasSuffix("</r>"), "\(whole)")
  return String(whole.dropFirst(3).dropLast(4))
}

/// The error text a snippet produces (compile or render), or nil when it renders.
func errorText(_ body: String, _ data: TemplateValue = [:], roots: [String] = [fixtures], strict: Bool = true)
  -> String?
{
  do {
    let engine = TemplateEngine(roots: roots)
    let template = try engine.compile(source: wrap(body), name: "snippet.xml")
    _ = try template.renderString(data, options: RenderOptions(strict: strict))
    return nil
  } catch {
    return error.description
  }
}

func number(_ text: String) -> TemplateValue {
  (try? ExactDecimal(parsing: text)).map(TemplateValue.number) ?? .null
}
