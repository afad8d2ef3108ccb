import Basics
import Foundation
import GRDB
import Testing

/// `ardoc notice` as the legal team uses it: refused below the policy's thresholds, warnings
/// printed and kept in the register, earlier demands read from the register.
@Suite struct LegalDemandCommandTests {
  let example = CLI.root + "/Examples/ledger.json"

  func prepared() throws -> String { try CLI.importedExample() }

  func notice(_ customer: String, _ measure: String, _ more: [String] = [], in folder: String) throws -> CLI.Result {
    try CLI.run(["notice", "--customer", customer, "--measure", measure, "--as-of", "2026-11-30"] + more, in: folder)
  }

  @Test func belowTheThresholdsNothingIsWrittenAndNoNumberTaken() throws {
    let folder = try prepared()
    let demand = try notice("C013", "legal-demand", in: folder)
    #expect(demand.status == 2)
    #expect(
      demand.stderr
        == "error: C013: a legal demand needs the policy's legal threshold, 180 days and 100,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 20 days overdue (short of 180) and 90,000.00 CNY is overdue (short of 100,000.00 CNY); wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)\n"
    )
    let supply = try notice("C013", "stop-supply", in: folder)
    #expect(supply.status == 2)
    #expect(
      supply.stderr
        == "error: C013: a stop-supply notice needs the policy's penalty threshold, 90 days and 50,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 20 days overdue (short of 90) and 90,000.00 CNY is overdue; wait until it is reached, or pass --despite-threshold to issue it anyway (the register records that)\n"
    )
    let c001 = try notice("C001", "legal-demand", in: folder)
    #expect(c001.status == 2)
    #expect(c001.stderr.hasPrefix("error: C001: a legal demand needs the policy's legal threshold, 180 days"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
    let ok = try notice("C011", "legal-demand", in: folder)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stderr == "")
    #expect(ok.stdout == "Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html\n")
  }

  /// A currency without a minor unit (JPY) has no interest of 0.53 yen: each period, claim and
  /// total is rounded to the whole yen, the note says so, and the validator, which figures the
  /// interest again, agrees. C011's debt of the example, in yen: 260,000 due 2025-11-30 (100,000
  /// paid 2025-12-20) and 250,000, at 4.5% ACT/365 to 2026-11-30.
  @Test func interestInACurrencyWithoutCentsIsInWholeUnits() throws {
    let folder = try CLI.temporaryFolder()
    try CLI.importExample(in: "JPY", for: ["C011"], in: folder)
    // The example policy sets its legal threshold in yuan and dollars, not yen.
    let result = try notice("C011", "legal-demand", ["--despite-threshold"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let path = folder + "/Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html"
    let text = try FileBytes.text(path)
    // 260,000 × 19 days × 4.5% ÷ 365 = 609.04… → 609; to the end, 7,434.24… → 7,434 (6,825 more).
    #expect(text.contains(#"data-interest="609.00""#))
    #expect(text.contains(#"data-interest="6825.00""#))
    #expect(text.contains(#"data-interest="7434.00""#))
    // The cells write whole yen too; the data- attributes the validator reads keep two places.
    #expect(text.contains(#"<td class="num" data-field="period-interest">609</td>"#), "\(text)")
    // 0461 0002: 250,000 (the 10,000 credited on 2026-03-15 earns none) × 275 days = 8,476.03…
    // → 8,476; with 0461 0001's 7,434, 15,910.
    #expect(text.contains(#"<td class="num figure" data-field="interest-total">15,910</td>"#))
    #expect(!text.contains(#".00</td>"#))
    #expect(text.contains("四舍五入至元；"))
    #expect(text.contains("每段与按本段单独计算之值相差不足一元。"))
    #expect(!text.contains("四舍五入至分"))
    let words = try #require(text.firstMatch(of: /data-field="demand-total-in-words">([^<]*)</)?.1)
    #expect(words.hasPrefix("日元") && words.hasSuffix("元整"), "\(words)")
    let checked = try CLI.run(["validate", "--ledger", "JPY.json", path], in: folder)
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
  }

  /// A customer who paid late and too much is owed money by us: no notice treats them as a
  /// debtor, though interest accrued while they were late (C004: 160,000.00 due 2026-11-05,
  /// 200,000.00 paid 2026-11-20).
  @Test func aCustomerInCreditGetsNoNotice() throws {
    let folder = try prepared()
    try CLI.importExample(
      paying: ["id": "P-C004", "customer": "C004", "receivedOn": "2026-11-20", "amount": "200000.00"], in: folder)
    for measure in ["legal-demand", "stop-supply"] {
      let result = try notice("C004", measure, ["--despite-threshold"], in: folder)
      #expect(result.status == 2)
      #expect(
        result.stderr
          == "error: C004: the account is in credit by 40,000.00 CNY on 2026-11-30: we owe the customer; settle the credit (a refund, or an offset recorded in the ledger) before a penalty notice\n"
      )
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
  }

  @Test func despiteTheThresholdTheRegisterRecordsIt() throws {
    let folder = try prepared()
    let result = try notice("C001", "legal-demand", ["--despite-threshold"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C001.html\n")
    let warning =
      "[threshold] issued with --despite-threshold: a legal demand needs the policy's legal threshold, 180 days and 100,000.00 CNY overdue; on 2026-11-30 the oldest overdue invoice is 166 days overdue (short of 180) and 380,000.00 CNY is overdue"
    #expect(result.stderr == "warning: TZ-2026-0001: \(warning)\n")
    let shown = try CLI.run(["register", "show", "TZ-2026-0001"], in: folder)
    #expect(shown.stdout.contains("findings:\n  -: warning \(warning)\n"))
    #expect(shown.stdout.contains("status: issued\n"))
  }

  @Test func aLimitationPeriodEndingNearTheDeadlineIsWarnedAboutAndKept() throws {
    let folder = try prepared()
    let result = try notice("C010", "legal-demand", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let warning =
      "[limitation] the limitation periods of invoices 0460 0001, 0460 0002, 0460 0003, 0460 0004 end on 2026-12-20, 5 days after the payment deadline 2026-12-15: the demand interrupts them only if it reaches the customer by that day; serve it at once with proof of delivery, or file suit before 2026-12-20 (--deadline sets an earlier payment deadline)"
    #expect(result.stderr == "warning: TZ-2026-0001: \(warning)\n")
    let shown = try CLI.run(["register", "show", "TZ-2026-0001"], in: folder)
    #expect(shown.stdout.contains("  -: warning \(warning)\n"))
    // The demand passes the validator against the ledger, paid-late row and periods included.
    let validated = try CLI.run(
      ["validate", "Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C010.html", "--ledger", example],
      in: folder)
    #expect(validated.status == 0, "\(validated.stdout)")
    let html = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C010.html")
    #expect(html.contains(#"<meta name="ardoc:interest" content="27695.35" />"#))

    // A second demand, with a shorter deadline: the first one's delivery is not recorded, so
    // it interrupted nothing the register can show, and the warning stands.
    let shorter = try notice("C010", "legal-demand", ["--deadline", "2026-12-05"], in: folder)
    #expect(shorter.status == 0, "\(shorter.stderr)")
    #expect(
      shorter.stderr.hasPrefix(
        "warning: TZ-2026-0002: [limitation] the limitation periods of invoices 0460 0001, 0460 0002, 0460 0003, 0460 0004 end on 2026-12-20, 15 days after the payment deadline 2026-12-05:"
      ))
    let second = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0002-penalty-notice-C010.html")
    #expect(second.contains(#"请贵公司于 <span data-field="deadline">2026年12月5日</span> 前"#))
    #expect(!second.contains("送达催告"))
    #expect(second.contains("诉讼时效期间至 <span data-field=\"limitation-expires\">2026年12月20日</span>"))
  }

  @Test func aDeadlineThatCannotBeIsRefused() throws {
    let folder = try prepared()
    let same = try notice("C011", "legal-demand", ["--deadline", "2026-11-30"], in: folder)
    #expect(same.status == 2)
    #expect(
      same.stderr
        == "error: C011: --deadline 2026-11-30 is not after the document's date 2026-11-30; give the customer at least one day to pay\n"
    )
    let bad = try notice("C011", "legal-demand", ["--deadline", "2026-12-32"], in: folder)
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("error: --deadline: "))
    #expect(!FileManager.default.fileExists(atPath: folder + "/Output/2026-11"))
  }

  @Test func earlierDemandsComeFromTheRegister() throws {
    let folder = try prepared()
    // No earlier demand: none is claimed.
    let first = try notice("C011", "stop-service", in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let firstText = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html")
    #expect(firstText.contains("最长逾期 <span data-field=\"days-overdue\">365</span> 天，至今仍未支付：</p>"))
    // The stop-service notice and a dunning letter are two earlier demands for a notice dated
    // after them (on their own day they would not be "earlier": the customer had no time).
    let dun = try CLI.run(["dun", "--customer", "C011", "--as-of", "2026-11-30"], in: folder)
    #expect(dun.status == 0, "\(dun.stderr)")
    try CLI.recordOnTheirDates(in: folder)
    let sameDay = try notice("C011", "legal-demand", in: folder)
    #expect(sameDay.status == 0, "\(sameDay.stderr)")
    let sameDayText = try FileBytes.text(
      folder + "/Output/2026-11/penalty-notice/TZ-2026-0002-penalty-notice-C011.html")
    #expect(sameDayText.contains("至今仍未支付：</p>"))
    let demand = try notice("C011", "legal-demand", ["--date", "2026-12-10"], in: folder)
    // Filed under the month of its figures (as of 2026-11-30), not of its date.
    #expect(demand.status == 0, "\(demand.stderr)")
    let text = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0003-penalty-notice-C011.html")
    #expect(
      text.contains(
        "经本公司多次催告（催款函 CK-202611-0001，2026年11月30日；处置通知 TZ-2026-0001，2026年11月30日；催告函 TZ-2026-0002，2026年11月30日）仍未支付：</p>"
      ))
    #expect(text.contains("催告文件：CK-202611-0001（2026年11月30日）"))
  }

  /// Letters written today and dated long before are no earlier demands: the register recorded
  /// them more than 31 days after their dates, and the notice says so on the console and names
  /// none of them (the audit's K3 of ledger1.json, on the example's C011).
  @Test func lettersDatedLongBeforeTheyWereMadeAreNotCited() throws {
    let folder = try prepared()
    for asOf in ["2025-12-31", "2026-01-31"] {
      let made = try CLI.run(["dun", "--customer", "C011", "--as-of", asOf, "--level", "2"], in: folder)
      #expect(made.status == 0, "\(made.stderr)")
    }
    // The register's day for them is this run's (UTC+8), whatever day that is: always more
    // than 31 days after 2026-01-31 from 2026-03-04 on.
    let stamps = try DatabaseQueue(path: folder + "/Output/ardoc.sqlite").read { db in
      try String.fetchAll(db, sql: "SELECT created_at FROM documents ORDER BY number")
    }
    let recorded = try stamps.map { stamp in
      let utc = try CivilDate(iso: String(stamp.prefix(10)))
      return (Int(stamp.dropFirst(11).prefix(2)) ?? 0) >= 16 ? utc.adding(days: 1) : utc
    }
    try #require(recorded.count == 2)
    let first = try CivilDate(iso: "2025-12-31")
    let second = try CivilDate(iso: "2026-01-31")
    let demand = try notice("C011", "legal-demand", in: folder)
    #expect(demand.status == 0, "\(demand.stderr)")
    #expect(
      demand.stderr
        == "warning: TZ-2026-0001: [recorded-late] not cited as earlier demands or as evidence: CK-202512-0001 (dunning level-2, dated 2025-12-31) was recorded in the register on \(recorded[0].iso), \(first.days(until: recorded[0])) days after its date; CK-202601-0001 (dunning level-2, dated 2026-01-31) was recorded in the register on \(recorded[1].iso), \(second.days(until: recorded[1])) days after its date; a document made more than 31 days after the date it bears does not show it was sent on that date\n"
    )
    let text = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html")
    #expect(text.contains("最长逾期 <span data-field=\"days-overdue\">365</span> 天，至今仍未支付：</p>"))
    #expect(!text.contains("CK-202512-0001"))
    #expect(!text.contains("CK-202601-0001"))
    // Recorded on their dates, as a run on each day would have: both are cited.
    try CLI.recordOnTheirDates(in: folder)
    let again = try notice("C011", "legal-demand", in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr == "")
    let cited = try FileBytes.text(folder + "/Output/2026-11/penalty-notice/TZ-2026-0002-penalty-notice-C011.html")
    #expect(
      cited.contains(
        "经本公司多次催告（催款函 CK-202512-0001，2025年12月31日；催款函 CK-202601-0001，2026年1月31日）仍未支付：</p>"))
  }

  /// The example ledger with C011's contract HT-2025-041 agreeing `lateInterest` (written as
  /// `agreed.json`), imported into `folder`'s store.
  func importAgreeing(_ lateInterest: [String: Any], in folder: String) throws {
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: example))) as? [String: Any])
    root["contracts"] = try #require(root["contracts"] as? [[String: Any]]).map { contract in
      var contract = contract
      if contract["id"] as? String == "HT-2025-041" { contract["lateInterest"] = lateInterest }
      return contract
    }
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: folder + "/agreed.json"))
    let imported = try CLI.run(["import", "--ledger", "agreed.json"], in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")
  }

  static let agreedRateAdvice =
    "a court may reduce agreed damages excessively higher than the loss (民法典第585条第2款), and courts commonly cap late-payment damages at 4 × the one-year LPR; the demand claims the rate as the contract states it: claim it only after counsel's review, or correct lateInterest in the ledger if the contract states another rate"

  /// A demand at an agreed rate above four times the LPR is written as the contract states it,
  /// with an `agreed-rate` warning printed and kept in the register: 0.1% a day is 36.5% a
  /// year, against 4 × the standard policy's 3.00% (12%), or, with the policy's lprHistory,
  /// 4 × the 3.10% in force when C011's breaches began (2025-12-01 and 2026-03-01): 12.4%.
  @Test func anAgreedRateAboveFourTimesTheLPRIsWarnedAbout() throws {
    let folder = try prepared()
    try importAgreeing(["dailyRate": "0.001", "clause": "第9.2条"], in: folder)
    let result = try notice("C011", "legal-demand", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let warning =
      "[agreed-rate] contract HT-2025-041 agrees late interest of 0.10% a day (第9.2条), that is 36.50% a year (the daily rate × 365), more than 12.00%, 4 × the policy's one-year LPR of 3.00% (published 2025-05-20): \(Self.agreedRateAdvice)"
    #expect(result.stderr == "warning: TZ-2026-0001: \(warning)\n")
    let shown = try CLI.run(["register", "show", "TZ-2026-0001"], in: folder)
    #expect(shown.stdout.contains("  -: warning \(warning)\n"), "\(shown.stdout)")
    // The demand claims the rate as agreed, and the validator figures the same interest.
    let path = "Output/2026-11/penalty-notice/TZ-2026-0001-penalty-notice-C011.html"
    let html = try FileBytes.text(folder + "/" + path)
    #expect(
      html.contains(
        #"合同 HT-2025-041：按日 <span data-field="daily-rate">0.10%</span> 计算，为合同第9.2条约定的逾期付款利率，即年利率 <span data-field="interest-rate">36.50%</span>（日利率 × 365，ACT/365）。"#
      ))
    let validated = try CLI.run(["validate", path, "--ledger", "agreed.json"], in: folder)
    #expect(validated.status == 0, "\(validated.stdout)")

    let policy = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Examples/policy.json"))) as? [String: Any])
    var withHistory = policy
    withHistory["interest"] = [
      "lpr": "0.0300", "markup": "0.3", "basis": "ACT/365",
      "lprHistory": [["from": "2024-10-21", "lpr": "0.0310"]],
    ]
    try JSONSerialization.data(withJSONObject: withHistory).write(to: URL(fileURLWithPath: folder + "/history.json"))
    let again = try notice("C011", "legal-demand", ["--policy", "history.json"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      again.stderr
        == "warning: TZ-2026-0002: [agreed-rate] contract HT-2025-041 agrees late interest of 0.10% a day (第9.2条), that is 36.50% a year (the daily rate × 365), more than 12.40%, 4 × the one-year LPR in force when their breaches began, 3.10% (published 2024-10-21): \(Self.agreedRateAdvice)\n"
    )
  }

  /// A rate at four times the LPR is no warning: 12% a year against the standard policy's 3.00%.
  @Test func anAgreedRateAtFourTimesTheLPRIsNoWarning() throws {
    let folder = try prepared()
    try importAgreeing(["annualRate": "0.12", "basis": "ACT/365", "clause": "第9.2条"], in: folder)
    let result = try notice("C011", "legal-demand", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "")
  }

  /// The web page shows the warning with the document it was written with.
  @Test func theDocumentPageShowsTheAgreedRateWarning() throws {
    let folder = try Served.examplePrepared()
    try importAgreeing(["annualRate": "0.99", "basis": "ACT/365"], in: folder)
    let server = try Served.start(in: folder)
    defer { server.stop() }
    let token = try server.login("law", jar: "law")
    let written = try server.request(
      "POST", "/customers/C011/documents",
      form: [("csrf", token), ("kind", "penalty-notice"), ("measure", "legal-demand"), ("asOf", "2026-11-30")],
      jar: "law")
    #expect(written.status == 303, "\(written.body)")
    let page = try server.request(written.location, jar: "law").body
    #expect(
      page.contains(
        "[agreed-rate] contract HT-2025-041 agrees late interest of 99.00% a year, more than 12.00%, 4 × the policy's one-year LPR of 3.00% (published 2025-05-20): \(Self.agreedRateAdvice)</li>"
      ), "\(page)")
  }
}
