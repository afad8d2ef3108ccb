import Basics
import Foundation
import Ledger
import Testing

@testable import Validation

/// The reply slip answers its own letter, and ledger text that looks like a template leftover
/// is data.
@Suite struct ReplySlipAndDataTests {
  func messages(_ text: String, ledger: Ledger? = ledger) -> [String] {
    Validator(policy: policy, ledger: ledger).validate(Array(text.utf8), file: "doc.html").findings.map(\.message)
  }

  @Test func theReplySlipNamesItsLetterCustomerAndBalance() throws {
    let text = golden("zh-CN/confirmation-C001.html")
    try #require(text.contains(#"<td data-field="reply-number">DZ-202611-0001</td>"#))
    #expect(messages(text) == [])
    let number = text.replacingOccurrences(
      of: #"<td data-field="reply-number">DZ-202611-0001</td>"#,
      with: #"<td data-field="reply-number">DZ-202611-0002</td>"#)
    #expect(messages(number) == ["the reply slip names letter 'DZ-202611-0002', but this letter is DZ-202611-0001"])
    let balance = text.replacingOccurrences(
      of: #"<td class="num" data-field="reply-balance">¥380,000.00</td>"#,
      with: #"<td class="num" data-field="reply-balance">¥38,000.00</td>"#)
    #expect(messages(balance) == ["the reply slip states the balance '¥38,000.00', but ardoc:balance is 380,000.00"])
    let customer = text.replacingOccurrences(
      of: #"<td data-field="reply-customer">苏州华东机电设备有限公司</td>"#,
      with: #"<td data-field="reply-customer">苏州华东机电有限公司</td>"#)
    #expect(
      messages(customer) == ["the reply slip names '苏州华东机电有限公司', but the letter is addressed to '苏州华东机电设备有限公司'"])
  }

  /// A customer really named `${customer.name} 张三机电`: the ledger says so, so the letter is
  /// valid against it; without the ledger nothing tells data from a leftover, and it is refused.
  @Test func ledgerTextHoldingAnExpressionOrSampleWordIsData() throws {
    let odd = "${customer.name} 张三机电"
    var renamed = ledger
    let index = try #require(renamed.customers.firstIndex { $0.id == "C001" })
    renamed.customers[index].name = odd
    let escaped = odd.replacingOccurrences(of: "&", with: "&amp;")
    let text = golden("zh-CN/confirmation-C001.html").replacingOccurrences(of: "苏州华东机电设备有限公司", with: escaped)
    #expect(messages(text, ledger: renamed) == [])
    #expect(
      Set(messages(text, ledger: nil)) == [
        "an unrendered expression '${' is left in the text", "an unrendered expression '${' is left in an attribute",
        "sample text '张三' is left in the document; if it is a name or value from the ledger, validate with the ledger",
      ])
    // With the ledger, a leftover beside the data is still one.
    let leftover = text.replacingOccurrences(of: "为保证双方账目清晰一致", with: "${greeting}为保证双方账目清晰一致")
    #expect(messages(leftover, ledger: renamed) == ["an unrendered expression '${' is left in the text"])
    // Sample text beside a name that holds it, in the same paragraph: still sample text.
    let beside = text.replacingOccurrences(of: "</span>：</p>", with: "</span>：张三</p>")
    #expect(beside != text)
    #expect(messages(beside, ledger: renamed) == ["sample text '张三' is left in the document"])
  }

  /// A hostile document's figures that overflow are reported, not summed to a wrong total.
  @Test func rowsTooLargeToAddUpAreAFinding() throws {
    let text = golden("zh-CN/confirmation-C001.html")
    let huge = "9" + String(repeating: "0", count: 35) + ".00"
    let rows = try NSRegularExpression(pattern: #"data-amount="[0-9.]+""#)
    let edited = rows.stringByReplacingMatches(
      in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "data-amount=\"\(huge)\"")
    #expect(
      messages(edited, ledger: nil).contains(
        "the data-amount rows add up to more than an amount can hold; check their figures"))
  }

  /// Sample text is data only where a ledger value covers it: decided by coverage, so the
  /// order the values are tried in does not matter, and a character joined to it does not hide it.
  @Test func sampleTextIsDataOnlyWhereALedgerValueCoversIt() {
    #expect(!Check<ParsedDocument>.leftOver("张三", in: "联系人张三丰", ["张三丰"]))
    #expect(!Check<ParsedDocument>.leftOver("张三", in: "DZ-0001张三丰张三", ["0001张三", "三丰张三"]))
    #expect(Check<ParsedDocument>.leftOver("张三", in: "张三丰张三", ["0001张三", "三丰张三"]))
    #expect(Check<ParsedDocument>.leftOver("样例", in: "样例\u{200D}", []))
    #expect(Check<ParsedDocument>.leftOver("${", in: "${a} ${b}", ["${a}"]))
  }
}
