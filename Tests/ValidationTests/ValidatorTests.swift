import Basics
import Foundation
import Ledger
import LibXML
import TestSupport
import Testing
import Validation

let goldens = packageRoot + "/Tests/LettersTests/Fixtures/golden"
let ledger: Ledger =
  (try? LedgerReader.load(packageRoot + "/Examples/ledger.json"))
  ?? Ledger(
    issuer: Issuer(name: ""), customers: [], contracts: [], invoices: [], payments: [], credits: [])
let policy: Policy = (try? Policy.load(packageRoot + "/Examples/policy.json")) ?? .standard

func goldenFiles() -> [String] {
  ["zh-CN", "en"].flatMap { locale in
    ((try? FileManager.default.contentsOfDirectory(atPath: goldens + "/" + locale)) ?? []).sorted().map {
      "\(locale)/\($0)"
    }
  }
}

func golden(_ name: String) -> String {
  (try? FileBytes.text(goldens + "/" + name)) ?? ""
}

func report(_ text: String, withLedger: Bool = true) -> ValidationReport {
  Validator(policy: policy, ledger: withLedger ? ledger : nil).validate(Array(text.utf8), file: "doc.html")
}

@Suite struct GoldenValidationTests {
  @Test func everyGoldenDocumentPasses() {
    let files = goldenFiles()
    #expect(files.count == 28)
    for file in files {
      let withLedger = report(golden(file))
      #expect(withLedger.findings == [], "\(file): \(withLedger.text)")
      #expect(report(golden(file), withLedger: false).findings == [], "\(file)")
    }
  }
}

/// Documents mutated from the goldens must fail with the rule that guards what was changed.
@Suite struct MutationTests {
  func rules(_ text: String, withLedger: Bool = true) -> Set<String> {
    Set(report(text, withLedger: withLedger).findings.map(\.rule))
  }

  func replacing(_ file: String, _ target: String, _ replacement: String) -> String {
    let text = golden(file)
    #expect(text.contains(target), "\(file) lacks \(target)")
    return text.replacingOccurrences(of: target, with: replacement)
  }

  /// Removes the element that starts with `start` (through its matching close tag).
  func removingElement(_ file: String, startingWith start: String) -> String {
    let text = golden(file)
    guard let document = try? XMLDocument.parse(Array(text.utf8), file: file),
      let node = try? document.select("//*[@\(start)]").first
    else {
      Issue.record("no element with \(start)")
      return text
    }
    node.remove()
    return document.xhtmlString
  }

  /// A payee's account changed by hand passes every other rule: with the ledger it is a
  /// `bank` finding, in the outline's check as in the parsed one.
  @Test func bankAccountChanged() {
    let changed = replacing(
      "zh-CN/dunning-2-C005.html", #"data-field="bank-account">1219 0876 5432 101<"#,
      #"data-field="bank-account">6222 0000 9999 888<"#)
    #expect(rules(changed) == ["bank"])
    #expect(rules(changed, withLedger: false) == [])
    #expect(
      report(changed).findings.first?.message
        == "the bank account reads '6222 0000 9999 888', but the ledger's issuer account is '1219 0876 5432 101'; the payment would go elsewhere"
    )
  }

  @Test func sealBlockRemoved() {
    #expect(rules(removingElement("zh-CN/dunning-2-C005.html", startingWith: "data-seal='issuer'")) == ["seals"])
  }

  @Test func sealNamingTheWrongParty() {
    let text = replacing(
      "zh-CN/confirmation-C001.html", #"data-seal="issuer" data-party="上海澄明工业软件有限公司""#,
      #"data-seal="issuer" data-party="上海澄明工业软件有限责任公司""#)
    #expect(rules(text) == ["seals"])
    #expect(rules(text, withLedger: false) == ["seals"])
  }

  /// The name printed beside the stamp is what a reader and a court see, not the attribute:
  /// a block copied from the other side is refused.
  @Test func sealPrintingTheOtherPartysName() {
    let text = replacing(
      "zh-CN/confirmation-C001.html", "发函单位（盖章）：<span>上海澄明工业软件有限公司</span>",
      "发函单位（盖章）：<span>苏州华东机电设备有限公司</span>")
    #expect(
      report(text).findings.map(\.message) == [
        "the issuer seal block prints '苏州华东机电设备有限公司', the other party's name; print '上海澄明工业软件有限公司' (its data-party) beside the stamp"
      ])
    #expect(rules(text, withLedger: false) == ["seals"])
    // A customer whose name holds ours (a subsidiary named after us): our block printing our
    // own name is not the customer's.
    let nested = replacing("zh-CN/confirmation-C001.html", "苏州华东机电设备有限公司", "上海澄明工业软件有限公司苏州分公司")
    #expect(rules(nested, withLedger: false) == [])
    // A block that prints no name passes: the stamp itself bears it.
    let unnamed = replacing(
      "zh-CN/confirmation-C001.html", "发函单位（盖章）：<span>上海澄明工业软件有限公司</span>", "发函单位（盖章）：")
    #expect(rules(unnamed) == [])
  }

  @Test func counterpartySignatureOrDateRemoved() {
    let noSignature = replacing(
      "zh-CN/confirmation-C001.html", #"<span class="blank" data-signature="agree"> </span>"#, "")
    #expect(rules(noSignature) == ["seals"])
    let noDate = replacing("zh-CN/confirmation-C001.html", #"<span data-date="disagree">"#, "<span>")
    #expect(rules(noDate) == ["seals"])
    #expect(report(noDate).findings.first?.message == "the counterparty seal has no date field (data-date)")
  }

  @Test func paymentOwnerRenamed() {
    let textOnly = replacing(
      "zh-CN/confirmation-C001.html", #"<span data-field="payment-owner">王建国</span>"#,
      #"<span data-field="payment-owner">王建军</span>"#)
    #expect(rules(textOnly) == ["payment-owner"])
    #expect(report(textOnly).findings.map(\.message).contains("the text names '王建军' but the metadata names '王建国'"))
    let both = textOnly.replacingOccurrences(of: #"content="王建国""#, with: #"content="王建军""#)
    #expect(rules(both, withLedger: false) == [])
    #expect(
      report(both).findings.map(\.message) == [
        "names '王建军', but the ledger's confirmed payment owner for C001 on 2026-11-30 is '王建国'"
      ])
  }

  @Test func oneRowAmountChanged() {
    let text = replacing("zh-CN/confirmation-C001.html", #"data-amount="100000.00""#, #"data-amount="100000.10""#)
    #expect(rules(text) == ["amounts"])
    #expect(report(text).findings.first?.message == "the rows add up to 380,000.10, but the balance is 380,000.00")
  }

  @Test func wordsChanged() {
    let text = replacing("zh-CN/confirmation-C001.html", "叁拾捌万元整", "叁拾玖万元整")
    #expect(rules(text) == ["amounts"])
  }

  @Test func balanceChanged() {
    // Metadata, figures and rows all agree with each other, but not with the ledger.
    var text = golden("zh-CN/dunning-2-C005.html")
    text = text.replacingOccurrences(of: "240000.00", with: "250000.00")
      .replacingOccurrences(of: "240,000.00", with: "250,000.00")
      .replacingOccurrences(of: "贰拾肆万元整", with: "贰拾伍万元整")
    #expect(rules(text, withLedger: false) == [])
    // The ledger names the row that differs, and the balance.
    #expect(
      report(text).findings.map(\.message) == [
        "invoice '0455 0001' is 250,000.00 open, but the ledger's open amount for it on 2026-11-30 is 240,000.00",
        "invoice '0455 0001' shows '250,000.00' invoiced, but the ledger's invoice is for 240,000.00",
        "the balance is 250,000.00 CNY, but the ledger's balance for C005 on 2026-11-30 is 240,000.00",
        "the overdue amount reads '¥250,000.00', but the ledger's overdue amount for C005 on 2026-11-30 is 240,000.00 CNY",
      ])
    let figureOnly = replacing(
      "zh-CN/dunning-2-C005.html", #"data-field="balance">¥240,000.00"#, #"data-field="balance">¥204,000.00"#)
    #expect(rules(figureOnly, withLedger: false) == ["amounts"])
  }

  /// The amount overdue and the days a dunning letter states are the ledger's; without a
  /// ledger, the amount is no more than the open invoices listed.
  @Test func overdueFiguresChanged() {
    let file = "zh-CN/dunning-3-C001.html"
    let less = replacing(file, #"data-field="overdue">¥380,000.00"#, #"data-field="overdue">¥308,000.00"#)
    #expect(rules(less, withLedger: false) == [])
    #expect(
      report(less).findings.map(\.message) == [
        "the overdue amount reads '¥308,000.00', but the ledger's overdue amount for C001 on 2026-11-30 is 380,000.00 CNY"
      ])
    let more = replacing(file, #"data-field="overdue">¥380,000.00"#, #"data-field="overdue">¥390,000.00"#)
    #expect(
      report(more, withLedger: false).findings.map(\.message) == [
        "the overdue amount reads '¥390,000.00', more than the open invoices listed add up to (380,000.00)"
      ])
    let days = replacing(file, #"data-field="days-overdue">166"#, #"data-field="days-overdue">196"#)
    #expect(rules(days, withLedger: false) == [])
    #expect(
      report(days).findings.map(\.message) == [
        "the days overdue read '196', but the ledger's oldest open invoice for C001 is 166 days overdue on 2026-11-30"
      ])
    let unmarked = replacing(file, #"<span data-field="overdue">¥380,000.00</span>"#, "¥380,000.00")
    #expect(
      report(unmarked, withLedger: false).findings.map(\.message) == [
        "the overdue amount is missing (data-field=\"overdue\")"
      ])
    let nothing = replacing(file, #"data-field="overdue">¥380,000.00"#, #"data-field="overdue">¥0.00"#)
    #expect(
      report(nothing, withLedger: false).findings.map(\.message) == [
        "the overdue amount reads '¥0.00', not an amount above 0 (a dunning letter is for what is past due)"
      ])
  }

  /// A second notice names in its text the letter of its `ardoc:letter`, for which its reply is
  /// recorded.
  @Test func aSecondNoticeNamesItsLetter() {
    let file = "zh-CN/confirmation-second-notice-C004.html"
    #expect(report(golden(file)).findings == [])
    let edited = replacing(
      file, #"<meta name="ardoc:letter" content="DZ-202611-0003" />"#,
      #"<meta name="ardoc:letter" content="DZ-202611-0009" />"#)
    #expect(
      report(edited, withLedger: false).findings.map(\.message) == [
        "the document names letter 'DZ-202611-0003', but ardoc:letter is DZ-202611-0009"
      ])
  }

  /// A proposal's installments add up to its balance and its plan total.
  @Test func installmentsChanged() {
    let file = "zh-CN/installment-proposal-C010.html"
    #expect(rules(golden(file)) == [])
    let first = replacing(file, #"data-installment="90000.00""#, #"data-installment="99000.00""#)
    #expect(
      report(first, withLedger: false).findings.map(\.message) == [
        "the installments add up to 234,000.00, but the balance is 225,000.00",
        "the plan's total reads '225,000.00', but the installments add up to 234,000.00",
        "installment 1 shows '90,000.00', but its data-installment is 99,000.00",
        "the first payment is said to be '40%' of 225,000.00, but the first installment is 99,000.00",
      ])
    let total = replacing(file, #"data-field="plan-total">225,000.00"#, #"data-field="plan-total">252,000.00"#)
    #expect(
      report(total, withLedger: false).findings.map(\.message) == [
        "the plan's total reads '252,000.00', but the installments add up to 225,000.00"
      ])
    let none = golden(file).replacingOccurrences(of: "data-installment=", with: "data-x=")
    #expect(
      report(none, withLedger: false).findings.map(\.message) == [
        "the proposal lists no installments (rows with data-installment)"
      ])
    let negative = replacing(file, #"data-installment="90000.00""#, #"data-installment="-90000.00""#)
    #expect(
      report(negative, withLedger: false).findings.map(\.message) == [
        "data-installment '-90000.00' is not a plain decimal above 0"
      ])
  }

  /// What a proposal's text says of its schedule is what its rows hold: each printed amount,
  /// due dates in order after the proposal's date, the number of installments and the first
  /// payment's share (40% of 225,000.00 is 90,000.00).
  @Test func aProposalsPrintedScheduleIsItsRows() {
    let file = "zh-CN/installment-proposal-C010.html"
    func messages(_ old: String, _ new: String) -> [String] {
      report(replacing(file, old, new)).findings.map(\.message)
    }
    #expect(
      messages(#"data-field="installment-amount">45,000.00"#, #"data-field="installment-amount">45,000.10"#) == [
        "installment 2 shows '45,000.10', but its data-installment is 45,000.00",
        "installment 3 shows '45,000.10', but its data-installment is 45,000.00",
        "installment 4 shows '45,000.10', but its data-installment is 45,000.00",
      ])
    // 0.01 moved from the last installment to the first: the sum holds, the stated share does not.
    var moved = golden(file).replacingOccurrences(
      of: #"data-installment="90000.00""#, with: #"data-installment="90000.01""#
    )
    .replacingOccurrences(of: #"installment-amount">90,000.00"#, with: #"installment-amount">90,000.01"#)
    .replacingOccurrences(
      of: #"2027年3月20日</td><td class="num" data-field="installment-amount">45,000.00"#,
      with: #"2027年3月20日</td><td class="num" data-field="installment-amount">44,999.99"#)
    if let last = moved.range(of: #"data-installment="45000.00""#, options: .backwards) {
      moved.replaceSubrange(last, with: #"data-installment="44999.99""#)
    }
    #expect(
      report(moved).findings.map(\.message) == [
        "the first payment is said to be '40%' of 225,000.00, but the first installment is 90,000.01"
      ])
    #expect(
      messages(#"data-field="plan-first-percent">40"#, #"data-field="plan-first-percent">20"#) == [
        "the first payment is said to be '20%' of 225,000.00, but the first installment is 90,000.00"
      ])
    #expect(
      messages(#"data-field="plan-count">4"#, #"data-field="plan-count">3"#) == [
        "the plan says '3' installments, but lists 4"
      ])
    #expect(
      messages("2026年12月20日", "2026年11月16日") == [
        "installment 1 is due 2026-11-16, not after the proposal's date 2026-11-30"
      ])
    #expect(
      messages("2027年2月20日", "2027年1月10日") == [
        "installment 3 is due 2027-01-10, not after the installment before it (2027-01-20)"
      ])
  }

  /// A letter is saved as .html, and a browser (and the PDF printed from it) reads it as HTML:
  /// what that reading would show otherwise than the XML the rules read is refused.
  @Test func whatABrowserReadsOtherwiseIsRefused() {
    let file = "zh-CN/confirmation-C001.html"
    let owner = #"<span data-field="payment-owner">王建国</span>"#
    let cases: [(String, String)] = [
      (
        #"<span STYLE="display:none" data-field="payment-owner">王建国</span>李四"#,
        "<span STYLE=…>: attribute names are lower case in XHTML; a browser reads it as 'style', which the document would then mean otherwise"
      ),
      (
        #"<span data-field="payment-owner"><![CDATA[王建国]]></span>李四"#,
        "a CDATA section, which a browser reading the file as HTML takes for a comment: its text would not show; write the text itself, with &lt; and &amp;"
      ),
      (
        #"<div style="margin:0" />"# + owner,
        "<div … />: a browser reading the file as HTML ignores '/>' on <div>, which then holds everything after it; write <div></div>"
      ),
    ]
    for (replacement, message) in cases {
      let findings = report(replacing(file, owner, replacement)).findings.filter { $0.rule == "markup" }
      #expect(findings.map(\.message) == [message], "\(replacement)")
      #expect(findings.first?.line == 57, "\(replacement)")
    }
    // What a browser does not show inside: a video's fallback, a custom property's display.
    for replacement in [
      "<video>" + owner + "</video>李四",
      #"<span style="--d:none; display: var(--d)" data-field="payment-owner">王建国</span>"#,
    ] {
      #expect(rules(replacing(file, owner, replacement)).contains("hidden"), "\(replacement)")
    }
  }

  /// A style rule hides what it matches: an id rule hides the element with that id, and a rule
  /// on a pseudo-element hides generated content, none of the element's own text.
  @Test func styleRulesHideOnlyWhatTheyMatch() {
    let file = "zh-CN/confirmation-C001.html"
    for rule in [
      "#watermark { display: none; }", ".reply .blank::after { display: none }", "p:before { display:none }",
    ] {
      #expect(report(replacing(file, "<style>", "<style>" + rule)).findings == [], "\(rule)")
    }
    let byId = replacing(file, #"<span data-field="payment-owner">"#, #"<span id="w" data-field="payment-owner">"#)
    #expect(rules(byId.replacingOccurrences(of: "<style>", with: "<style>#w { display: none; }")).contains("hidden"))
  }

  /// A confirmation's reply slip states the letter's number, customer and balance: one a
  /// template dropped (and showed another figure in its place) is refused.
  @Test func aReplySlipStatesAllThree() {
    let text = replacing("zh-CN/confirmation-C001.html", #"data-field="reply-balance""#, #"class="x""#)
    #expect(
      report(text).findings.map(\.message) == [
        "the reply slip lacks reply-balance (data-field=\"reply-balance\"), which the returned slip must state"
      ])
  }

  /// The as-of date a letter states is the one its figures are computed at, however the
  /// template formats it.
  @Test func theStatedAsOfDateIsTheFiguresDate() {
    let file = "zh-CN/confirmation-C001.html"
    let other = replacing(file, #"data-field="as-of">2026年11月30日"#, #"data-field="as-of">2026年10月31日"#)
    #expect(
      report(other).findings.map(\.message) == [
        "the as-of date reads '2026年10月31日', but ardoc:as-of is 2026-11-30: the figures are as of that day"
      ])
    for shown in ["2026-11-30", "30 November 2026", "Nov 30, 2026"] {
      let same = replacing(file, #"data-field="as-of">2026年11月30日"#, #"data-field="as-of">"# + shown)
      #expect(report(same).findings == [], "\(shown)")
    }
  }

  /// A letter that asks for payment marks the account it is to be paid into.
  @Test func aLetterAskingForPaymentMarksItsAccount() {
    let text = golden("zh-CN/dunning-2-C005.html").replacingOccurrences(
      of: #"data-field="bank-account""#, with: #"class="account""#)
    #expect(
      report(text, withLedger: false).findings.map(\.message) == [
        "the letter asks for payment but names no account to pay into in a data-field=\"bank-account\"; mark the account (the partials' bank() does)"
      ])
  }

  @Test func contractInASoftReminder() {
    let text = replacing("zh-CN/dunning-1-C013.html", "感谢贵公司长期以来", "根据双方合同，感谢贵公司长期以来")
    #expect(rules(text) == ["wording"])
    #expect(report(text).findings.first?.message == "'合同' must not appear in a dunning-1 document")
    // The same word is allowed in a final notice.
    #expect(
      !rules(golden("zh-CN/dunning-3-C001.html").replacingOccurrences(of: "至今仍未付清", with: "依据合同至今仍未付清")).contains(
        "wording"))
  }

  @Test func forbiddenWordsWithQuotesAreFound() {
    // XPath 1.0 has no escape for a quote: a search that dropped it would see the word in the
    // bytes, never locate it, and let it pass.
    var rules = policy
    rules.forbiddenWords["dunning-1"] = ["don't", #"say "final""#, #"it's "final""#]
    let text = replacing(
      "en/dunning-1-C013.html", "<p>Attention:", #"<p>We don't say "final", but it's "final".</p><p>Attention:"#)
    #expect(
      Validator(policy: rules).validate(Array(text.utf8), file: "doc.html").findings.map(\.message) == [
        "'don't' must not appear in a dunning-1 document",
        "'it's \"final\"' must not appear in a dunning-1 document",
        "'say \"final\"' must not appear in a dunning-1 document",
      ])
  }

  /// A word is what a reader sees: split by inline markup, a comment or CDATA, or spelled with
  /// character references, it is still found, and pointed to in the element that shows it.
  @Test func forbiddenWordsAreFoundHoweverTheyAreWritten() {
    let spellings = [
      "起诉", "起&#35785;", "&#x8D77;&#x8BC9;", "起<b>诉</b>", "<span>起</span><span>诉</span>", "起<!-- 注 -->诉",
      "起<![CDATA[诉]]>",
    ]
    for spelling in spellings {
      let text = replacing("zh-CN/dunning-1-C013.html", "感谢贵公司长期以来", "将" + spelling + "。感谢贵公司长期以来")
      // CDATA is refused as well: a browser reading the file as HTML would not show its text.
      let findings = report(text).findings.filter { $0.rule != "markup" }
      #expect(findings.map(\.message) == ["'起诉' must not appear in a dunning-1 document"], "\(spelling)")
      #expect(findings.first?.xpath == "/html/body/main/p[1]", "\(spelling)")
      #expect(report(text).findings.contains { $0.rule == "markup" } == spelling.contains("CDATA"), "\(spelling)")
    }
    // Not shown as text: in an attribute, a comment or a style.
    let attribute = replacing("zh-CN/dunning-1-C013.html", "<p>感谢贵公司长期以来", #"<p title="起诉">感谢贵公司长期以来"#)
    #expect(report(attribute).findings == [])
    let comment = replacing("zh-CN/dunning-1-C013.html", "</head>", "<!-- 起诉 --></head>")
    #expect(report(comment).findings == [])
    let style = replacing("zh-CN/dunning-1-C013.html", "</head>", "<style>p::after { content: \"起\" }</style></head>")
    #expect(report(style).findings == [])
  }

  /// A browser shows text wherever it stands outside the head's styles and scripts: before
  /// the body, after it, after `</html>` (libxml2's HTML parser puts it beside the root), and
  /// in the title, which is the window's name and the PDF's title.
  @Test func wordsOutsideTheBodyAreFound() {
    let file = "zh-CN/dunning-1-C013.html"
    let places: [(String, String, String?)] = [
      ("</head>", "</head><p>将起诉</p>", "/html/p"),
      ("</body>", "</body><p>将起诉</p>", "/html/p"),
      ("</html>", "</html>\n<p>将起诉</p>", "/p"),
      ("</html>", "</html>\n将起诉", nil),
      ("<title>", "<title>起诉 ", "/html/head/title"),
    ]
    for (target, replacement, xpath) in places {
      let findings = report(replacing(file, target, replacement)).findings
      #expect(findings.map(\.message) == ["'起诉' must not appear in a dunning-1 document"], "\(replacement)")
      if let xpath { #expect(findings.first?.xpath == xpath, "\(replacement)") }
    }
    let sample = replacing("zh-CN/confirmation-C001.html", "</html>", "</html>\n<p>张三</p>")
    #expect(report(sample).findings.map(\.message) == ["sample text '张三' is left in the document"])
    #expect(report(sample).readAsHTML)
  }

  /// Sample text is found however it is written, as forbidden words are.
  @Test func sampleTextIsFoundHoweverItIsWritten() {
    for spelling in ["张三", "张&#19977;", "张<b>三</b>", "张三&#x200D;", "<b>张三</b>&#xFE0F;", "张三\u{301}"] {
      let text = replacing("zh-CN/confirmation-C001.html", "烦请核对。", "烦请核对" + spelling + "。")
      #expect(
        report(text).findings.map(\.message) == ["sample text '张三' is left in the document"], "\(spelling)")
    }
  }

  @Test func leftoverDirectivesAndExpressions() {
    let expression = replacing("zh-CN/confirmation-C001.html", "烦请核对。", "烦请核对 ${customer.name}。")
    #expect(rules(expression) == ["leftovers"])
    let directive = replacing(
      "zh-CN/confirmation-C001.html", #"<p class="docnumber">"#, #"<p class="docnumber" t:if="x">"#)
    #expect(rules(directive) == ["leftovers"])  // not well-formed XML (t: undeclared): read as HTML
    #expect(report(directive).readAsHTML)
    let sample = replacing("zh-CN/confirmation-C001.html", ">苏州华东机电设备有限公司</span>：", ">某某机电设备有限公司</span>：")
    #expect(rules(sample).contains("leftovers"))
    // A NUL byte ahead of the expression must not hide it from the byte search.
    let hidden = replacing("zh-CN/confirmation-C001.html", "烦请核对。", "烦\u{0}请核对 ${customer.name}。")
    #expect(rules(hidden).contains("leftovers"))
  }

  @Test func documentDatedBeforeItsFigures() {
    let text = replacing(
      "zh-CN/confirmation-C001.html", #"<meta name="ardoc:date" content="2026-11-30" />"#,
      #"<meta name="ardoc:date" content="2026-11-01" />"#)
    #expect(
      report(text, withLedger: false).findings.map(\.message) == [
        "ardoc:date 2026-11-01 is before ardoc:as-of 2026-11-30: the document states figures as of a day after its own date",
        "the issuer seal is dated 2026-11-30, but the document's date (ardoc:date) is 2026-11-01; date the seal on the document's date",
      ])
  }

  /// A demand's notes state the rate its claims bear, and the law firm the ledger's issuer
  /// instructed: a note at 6.00% over claims at 3.90%, or another firm's name, passed before.
  @Test func aDemandsNotesAreItsFigures() {
    let file = "zh-CN/penalty-legal-demand-C010.html"
    let rate = replacing(file, #"data-field="interest-rate">3.90%<"#, #"data-field="interest-rate">6.00%<"#)
    #expect(
      report(rate).findings.map(\.message) == [
        "the rate note states 6.00%, but the claims bear 3.90%; state the rate the interest is figured at",
        "claim '0460 0001' bears 3.90%, which no rate note (data-field=\"interest-rate\") states",
        "claim '0460 0002' bears 3.90%, which no rate note (data-field=\"interest-rate\") states",
        "claim '0460 0003' bears 3.90%, which no rate note (data-field=\"interest-rate\") states",
        "claim '0460 0004' bears 3.90%, which no rate note (data-field=\"interest-rate\") states",
        "the rate note says 3.00% × (1 + 30%) = 6.00%, but that is 3.90%",
      ])
    let firm = replacing(file, #"data-field="law-firm">上海明衡律师事务所<"#, #"data-field="law-firm">北京金杜律师事务所<"#)
    #expect(
      report(firm).findings.map(\.message) == [
        "the document names the law firm '北京金杜律师事务所', but the ledger's issuer is represented by '上海明衡律师事务所'"
      ])
    #expect(report(firm, withLedger: false).findings.isEmpty)
  }

  /// What a reader sees beside the stamp and under the title is the document's own: its date
  /// and its number as the register holds them. A blank date (the customer's side) is not read.
  @Test func theShownNumberAndSealDateAreTheDocuments() {
    let cases: [(file: String, target: String, replacement: String, message: String)] = [
      (
        "zh-CN/confirmation-C001.html", #"data-field="number">DZ-202611-0001<"#,
        #"data-field="number">DZ-202611-0099<"#,
        "the document's number reads 'DZ-202611-0099', but ardoc:number is DZ-202611-0001: the register and the reply know it by that number"
      ),
      (
        "zh-CN/confirmation-C001.html", #"data-date="issuer">2026年11月30日<"#, #"data-date="issuer">2025年11月30日<"#,
        "the issuer seal is dated 2025-11-30, but the document's date (ardoc:date) is 2026-11-30; date the seal on the document's date"
      ),
      (
        "en/confirmation-C001.html", #"data-date="issuer">30 November 2026<"#, #"data-date="issuer">3 November 2026<"#,
        "the issuer seal is dated 2026-11-03, but the document's date (ardoc:date) is 2026-11-30; date the seal on the document's date"
      ),
    ]
    for c in cases {
      #expect(report(replacing(c.file, c.target, c.replacement)).findings.map(\.message) == [c.message], "\(c.target)")
    }
    // An invoice row's number and dates are the ledger's: a due date moved a year on makes a
    // debt look not yet due. Without a ledger only the number is compared, with the row's own.
    let due = replacing(
      "zh-CN/confirmation-C001.html", #"data-field="row-due">2026-08-20<"#, #"data-field="row-due">2027-08-20<"#)
    #expect(
      report(due).findings.map(\.message) == [
        "invoice '0451 0003' shows '2027-08-20' due, but the ledger's invoice is due 2026-08-20"
      ])
    #expect(report(due, withLedger: false).findings.isEmpty)
    let number = replacing(
      "zh-CN/confirmation-C001.html", #"data-field="row-invoice">0451 0003<"#, #"data-field="row-invoice">0451 0009<"#)
    #expect(
      report(number, withLedger: false).findings.map(\.message) == [
        "invoice '0451 0003' shows the number '0451 0009', another invoice's than its data-invoice"
      ])
    // What a reader takes for the same passes: a number kept on one line by a no-break space,
    // and a date in a form no reader can be sure of is not compared.
    let kept = replacing(
      "zh-CN/confirmation-C001.html", #"data-field="row-invoice">0451 0003<"#,
      #"data-field="row-invoice">0451&#160;0003<"#)
    #expect(report(kept).findings.isEmpty)
    let slashed = replacing(
      "zh-CN/confirmation-C001.html", #"data-field="row-due">2026-08-20<"#, #"data-field="row-due">20/08/2026<"#)
    #expect(report(slashed).findings.isEmpty)
    // The counterparty's date is theirs to write; a filled-in one is not ours to check.
    let theirs = replacing(
      "zh-CN/confirmation-C001.html", #"<span data-date="agree">　　　年　　月　　日</span>"#,
      #"<span data-date="agree">2026年12月3日</span>"#)
    #expect(report(theirs).findings.isEmpty)
  }

  @Test func metadataRemoved() {
    let text = replacing("zh-CN/confirmation-C001.html", #"<meta name="ardoc:as-of" content="2026-11-30" />"#, "")
    #expect(rules(text) == ["metadata"])
    #expect(report(text).findings.first?.message == "<meta name=\"ardoc:as-of\"> is missing or empty")
  }

  /// The table a reader sees: a cell changed by hand, with the attributes left alone, is
  /// refused; with the ledger, each row is the ledger's invoice.
  @Test func editedTableCellsAreFound() {
    let open = replacing(
      "zh-CN/confirmation-C001.html", #"<td class="num" data-field="row-open">100,000.00</td>"#,
      #"<td class="num" data-field="row-open">10,000.00</td>"#)
    let both = open.replacingOccurrences(
      of: #"<td class="num figure" data-field="total">380,000.00</td>"#,
      with: #"<td class="num figure" data-field="total">290,000.00</td>"#)
    #expect(
      report(both, withLedger: false).findings.map(\.message) == [
        "invoice '0451 0002' shows '10,000.00' open, but its data-amount is 100,000.00",
        "invoice '0451 0002' shows 480,000.00 invoiced and 380,000.00 received, which leaves 100,000.00, not '10,000.00'",
        "the table's total reads '290,000.00', but the balance is 380,000.00",
      ])
    let invoiced = replacing(
      "zh-CN/confirmation-C001.html", #"<td class="num" data-field="row-amount">480,000.00</td>"#,
      #"<td class="num" data-field="row-amount">490,000.00</td>"#)
    #expect(
      report(invoiced).findings.map(\.message) == [
        "invoice '0451 0002' shows 490,000.00 invoiced and 380,000.00 received, which leaves 110,000.00, not '100,000.00'",
        "invoice '0451 0002' shows '490,000.00' invoiced, but the ledger's invoice is for 480,000.00",
      ])
    // A row moved to another invoice number: the figures add up, the ledger says otherwise.
    let renamed = replacing("zh-CN/confirmation-C001.html", #"data-invoice="0451 0003""#, #"data-invoice="0451 0009""#)
    #expect(
      report(renamed).findings.map(\.message) == [
        "invoice '0451 0009' shows the number '0451 0003', another invoice's than its data-invoice",
        "invoice '0451 0009' is not an invoice of C001 in CNY on 2026-11-30 in the ledger",
      ])
  }

  /// Nesting deeper than libxml2 reads is a parse finding, not a document read in part (whose
  /// missing owner and seals were reported as if absent).
  @Test func nestingTooDeepToReadIsAParseFinding() {
    let deep = replacing(
      "zh-CN/confirmation-C001.html", "<main",
      String(repeating: "<div>", count: 300) + String(repeating: "</div>", count: 300) + "<main")
    #expect(
      report(deep).findings.map { "\($0.rule): \($0.message)" } == [
        "parse: elements nested deeper than 256 levels; what lies deeper cannot be read"
      ])
  }

  /// What a reader does not see does not count: a payment owner, a seal block or a figure
  /// hidden by an inline style, the `hidden` attribute, a rule of the document's style, an
  /// element shown only when opened, or a hidden part inside it.
  @Test func hiddenMarksDoNotCount() {
    let file = "zh-CN/confirmation-C001.html"
    let tail = "; what a reader does not see does not count"
    // The real owner hidden, another name shown beside it.
    let owner = replacing(
      file, #"<span data-field="payment-owner">王建国</span>"#,
      #"<span data-field="payment-owner" style="display: none">王建国</span><span>李四</span>"#)
    #expect(
      report(owner).findings.map(\.message).first
        == "data-field=\"payment-owner\" is hidden from a reader, in whole or in part (by its own attributes, style or kind)"
        + tail)
    #expect(rules(owner) == ["hidden", "payment-owner"])
    // A style rule, however its selector is spaced or its operator written.
    for rule in ["[data-seal] { display:none }", "[ data-seal ^= \"iss\" ]{DISPLAY: /* x */ NONE}"] {
      let seals = replacing(file, "</style>", rule + "</style>")
      #expect(
        report(seals).findings.contains {
          $0.message
            == "the issuer seal block is hidden from a reader, in whole or in part (by its own attributes, style or kind)"
            + tail
        }, "\(rule)")
      #expect(rules(seals).contains("seals"), "\(rule)")
    }
    // The hidden attribute, an element around, an element closed until opened.
    let words = replacing(
      file, #"<span class="figure" data-field="balance-in-words">"#,
      #"<span class="figure" data-field="balance-in-words" hidden="hidden">"#)
    #expect(rules(words).contains("hidden"))
    let around = replacing(file, #"<div class="seals">"#, #"<div class="seals" style="visibility:HIDDEN">"#)
    #expect(
      report(around).findings.first?.message.hasPrefix(
        "the issuer seal block is hidden from a reader, in whole or in part (by /html/body/") == true)
    let closed = replacing(file, #"<div class="seals">"#, #"<details><div class="seals">"#)
      .replacingOccurrences(of: "</main>", with: "</details></main>")
    #expect(rules(closed).contains("hidden"))
    // A figure whose text holds a hidden digit reads 380,000.00 and shows 38,000.00.
    let digit = replacing(
      file, #"data-field="balance">¥380,000.00</span>"#,
      #"data-field="balance">¥38<span style="display:none">0</span>,000.00</span>"#)
    #expect(
      report(digit).findings.first?.message
        == "data-field=\"balance\" is hidden from a reader, in whole or in part (by /html/body/main/p[2]/span[1]/span)"
        + tail,
      "\(report(digit).text)")
    // A stylesheet from elsewhere could hide anything.
    let imported = replacing(file, "</style>", "@import url(x.css);</style>")
    #expect(
      report(imported).findings.map(\.message) == [
        "the document loads a stylesheet from elsewhere (<link rel=\"stylesheet\"> or @import), which could hide what a reader is told; put its rules in the document's <style>"
      ])
  }

  @Test func findingsAreLocated() {
    let text = replacing(
      "zh-CN/confirmation-C001.html", #"<span data-field="payment-owner">王建国</span>"#,
      #"<span data-field="payment-owner">王建军</span>"#)
    let finding = report(text).findings.first
    #expect(finding?.line == 57)
    #expect(finding?.xpath == "/html/body/main/div[1]/p[2]/span")
  }
}

@Suite struct HandEditedTests {
  @Test func aWordProcessorFileIsReadAsHTMLWithLineNumbers() throws {
    let text = try FileBytes.text(packageRoot + "/Tests/ValidationTests/Fixtures/hand-edited.html")
    let result = report(text)
    #expect(result.readAsHTML)
    #expect(
      result.findings.map { "\($0.line) \($0.rule): \($0.message)" } == [
        "14 payment-owner: names '王建军', but the ledger's confirmed payment owner for C001 on 2026-11-30 is '王建国'",
        "13 seals: the counterparty seal block is missing (an element with data-seal=\"counterparty\")",
        // Without its reply slip, too: the returned slip states none of the letter's figures.
        "13 amounts: the reply slip lacks reply-number (data-field=\"reply-number\"), which the returned slip must state",
        "13 amounts: the reply slip lacks reply-customer (data-field=\"reply-customer\"), which the returned slip must state",
        "13 amounts: the reply slip lacks reply-balance (data-field=\"reply-balance\"), which the returned slip must state",
      ])
  }
}

/// Invoices above their contract's amount: a warning that names the contract and the excess;
/// the document stays valid.
@Suite struct ContractOverrunTests {
  func ledger(_ contract: String, amount: String) throws -> Ledger {
    var changed = ValidationTests.ledger
    let index = try #require(changed.contracts.firstIndex { $0.id == contract })
    changed.contracts[index].amount = try ExactDecimal(parsing: amount)
    return changed
  }

  func findings(_ file: String, _ ledger: Ledger) -> ValidationReport {
    Validator(policy: policy, ledger: ledger).validate(Array(golden(file).utf8), file: "doc.html")
  }

  @Test func invoicesAboveTheContractWarn() throws {
    // C005's contract HT-2026-025: 240,000.00 invoiced, no credit note.
    let report = findings("zh-CN/dunning-2-C005.html", try ledger("HT-2026-025", amount: "200000.00"))
    #expect(report.valid)
    #expect(
      report.findings == [
        Finding(
          rule: "amounts", severity: .warning,
          message:
            "contract HT-2026-025 is for 200,000.00 CNY, but its invoices up to 2026-11-30 come to 240,000.00 after credit notes, 40,000.00 more; attach the supplement or change order that covers it, or correct the ledger",
          line: report.findings.first?.line ?? 0, xpath: report.findings.first?.xpath ?? "")
      ])
    #expect(report.findings.first?.line ?? 0 > 0)
    #expect(report.text.hasPrefix("doc.html: valid, with warnings\n"))
  }

  @Test func creditNotesCountAgainstTheContract() throws {
    // C011's contract HT-2025-041: 520,000.00 invoiced, 10,000.00 credited (CN-2026-0003).
    let file = "zh-CN/penalty-legal-demand-C011.html"
    #expect(findings(file, try ledger("HT-2025-041", amount: "510000.00")).findings == [])
    #expect(
      findings(file, try ledger("HT-2025-041", amount: "509999.99")).findings.map(\.message) == [
        "contract HT-2025-041 is for 509,999.99 CNY, but its invoices up to 2026-11-30 come to 510,000.00 after credit notes, 0.01 more; attach the supplement or change order that covers it, or correct the ledger"
      ])
    // Without a ledger there is nothing to compare with.
    #expect(Validator(policy: policy).validate(Array(golden(file).utf8), file: "doc.html").findings == [])
  }
}
