import Templating
import Testing

@Suite struct DirectiveTests {
  @Test func interpolatesTextAndAttributes() throws {
    #expect(
      try inner("<p title=\"${a}-${b}\">${a} and ${b}</p>", ["a": "x", "b": 2]) == "<p title=\"x-2\">x and 2</p>")
    #expect(try inner("<p>$${literal} ${'$'}{x}</p>") == "<p>${literal} ${x}</p>")
  }

  @Test func withBindsInOrder() throws {
    #expect(try inner("<p t:with=\"a = 2; b = a * 3; c = b + 1\">${a} ${b} ${c}</p>") == "<p>2 6 7</p>")
    #expect(try inner("<p t:with=\"s = 'a;b'\">${s}</p>") == "<p>a;b</p>")
    // An escaped quote inside a literal does not end it: not in t:with, t:each or ${…}.
    #expect(try inner(#"<p t:with="s = 'it\'s; x'; n = 1">${s} ${n}</p>"#) == "<p>it's; x 1</p>")
    #expect(try inner(#"<p t:with="s = 'a\' = b'">${s}</p>"#) == "<p>a' = b</p>")
    #expect(try inner(#"<p><t:block t:each="w in ['it\'s in', 'x']">${w}|</t:block></p>"#) == "<p>it's in|x|</p>")
    #expect(try inner(#"<p>${'a\'}' + '}'}</p>"#) == "<p>a'}}</p>")
  }

  @Test func eachRepeatsWithLoopStatus() throws {
    let data: TemplateValue = ["items": ["a", "b", "c"]]
    #expect(
      try inner(
        "<i t:each=\"x in items\">${loop.index}${loop.number}${x}${loop.count}${loop.first ? 'F' : ''}${loop.last ? 'L' : ''}${loop.odd ? 'o' : 'e'}</i>",
        data)
        == "<i>01a3Fo</i><i>12b3e</i><i>23c3Lo</i>")
    #expect(try inner("<i t:each=\"x, s in items\">${s.number}</i>", data) == "<i>1</i><i>2</i><i>3</i>")
    #expect(try inner("<i t:each=\"x in []\">never</i>") == "")
    #expect(
      try inner("<i t:each=\"e in o\">${e.key}=${e.value}</i>", ["o": ["b": 2, "a": 1]]) == "<i>a=1</i><i>b=2</i>")
  }

  @Test func nestedLoopsNameTheirStatus() throws {
    let data: TemplateValue = ["rows": [["cells": ["a", "b"]], ["cells": ["c"]]]]
    #expect(
      try inner(
        "<tr t:each=\"row, r in rows\"><td t:each=\"c in row.cells\">${r.number}.${loop.number}${c}</td></tr>", data)
        == "<tr><td>1.1a</td><td>1.2b</td></tr><tr><td>2.1c</td></tr>")
  }

  @Test func ifAndUnless() throws {
    let data: TemplateValue = ["yes": true, "zero": 0, "empty": "", "list": [1], "none": nil]
    #expect(
      try inner(
        "<a t:if=\"yes\">1</a><b t:if=\"zero\">2</b><c t:if=\"empty\">3</c><d t:if=\"list\">4</d><e t:if=\"none\">5</e>",
        data) == "<a>1</a><d>4</d>")
    #expect(try inner("<a t:unless=\"yes\">1</a><b t:unless=\"zero\">2</b>", data) == "<b>2</b>")
    #expect(try inner("<a t:if=\"2 gt 1 and not (1 ge 2) or false\">ok</a>") == "<a>ok</a>")
  }

  @Test func switchRendersTheFirstMatchingCase() throws {
    let body =
      "<s t:switch=\"level\"><a t:case=\"1\">one</a><b t:case=\"2\">two</b><c t:case=\"2\">again</c><d t:case=\"*\">other</d></s>"
    #expect(try inner(body, ["level": 2]) == "<s><b>two</b></s>")
    #expect(try inner(body, ["level": 1]) == "<s><a>one</a></s>")
    #expect(try inner(body, ["level": 9]) == "<s><d>other</d></s>")
  }

  @Test func textReplacesSampleContent() throws {
    #expect(try inner("<p t:text=\"name\">样例<b>bold</b></p>", ["name": "华东"]) == "<p>华东</p>")
  }

  @Test func attrSetsRemovesAndOverrides() throws {
    let data: TemplateValue = ["n": 5, "off": false, "on": true, "none": nil]
    #expect(
      try inner(
        "<p class=\"sample\" title=\"t\" t:attr=\"class: 'c' + n, data-x: n, title: none, checked: on, hidden: off, xml:lang: 'zh'\"/>",
        data)
        == "<p class=\"c5\" data-x=\"5\" checked=\"checked\" xml:lang=\"zh\"/>")
  }

  @Test func removeModes() throws {
    #expect(try inner("<a t:remove=\"all\">x<b>${undefined.name}</b></a><c/>") == "<c/>")
    #expect(try inner("<a t:remove=\"tag\">x<b>y</b></a>") == "x<b>y</b>")
    #expect(try inner("<a t:remove=\"body\">x<b>y</b></a>") == "<a/>")
    #expect(try inner("<a t:remove=\"none\">x</a>") == "<a>x</a>")
  }

  @Test func blockWritesOnlyItsChildren() throws {
    #expect(
      try inner("<t:block t:each=\"i in [1, 2]\"><dt>${i}</dt><dd>${i * 2}</dd></t:block>")
        == "<dt>1</dt><dd>2</dd><dt>2</dt><dd>4</dd>")
  }

  @Test func directivesApplyInTheirFixedOrderWhateverTheWrittenOrder() throws {
    // Written backwards: remove, attr, text, if, each, with. Applied: with, each, if, text, attr, remove.
    let body =
      "<p t:remove=\"none\" t:attr=\"id: 'n' + i\" t:text=\"i * k\" t:if=\"i != 2\" t:each=\"i in items\" t:with=\"items = [1, 2, 3]; k = 10\">sample</p>"
    #expect(try inner(body) == "<p id=\"n1\">10</p><p id=\"n3\">30</p>")
    // t:remove="tag" comes last: the text and attributes were computed, then the tag dropped.
    #expect(try inner("<p t:remove=\"tag\" t:text=\"x\" t:with=\"x = 'only text'\">s</p>") == "only text")
    // switch is evaluated after each and if: each item switches on its own value.
    #expect(
      try inner("<s t:switch=\"i\" t:each=\"i in [1, 2]\"><a t:case=\"1\">one</a><b t:case=\"*\">many</b></s>")
        == "<s><a>one</a></s><s><b>many</b></s>")
  }

  @Test func commentsAreKeptAndNamespacesDropped() throws {
    let output = try render("<!-- note --><p t:text=\"1\"/>")
    #expect(output == "<r><!-- note --><p>1</p></r>")
  }
}
