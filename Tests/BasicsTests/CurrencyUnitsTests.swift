import PropertyBased
import Testing

@testable import Basics

@Suite struct CurrencyUnitsTests {
  @Test func knownCodes() {
    #expect(CurrencyUnits.places("CNY") == 2)
    #expect(CurrencyUnits.places("JPY") == 0)
    #expect(CurrencyUnits.places("jpy") == 0)
    #expect(CurrencyUnits.places("Krw") == 0)
    #expect(CurrencyUnits.places("KWD") == 2)
    #expect(CurrencyUnits.places("JPYX") == 2)
    #expect(CurrencyUnits.places("") == 2)
  }

  /// Looked up by number, a code gives what the list says of it as it is, or in capitals when
  /// it has a small ASCII letter, whatever its case or bytes (a dotless ı is not an i).
  @Test func placesAreTheListsForAnyText() async {
    let bytes = Gen<Character?>.element(of: Array("AJPYKRWSIBFabjpyz@[`{ 1éı") as [Character]).map { $0! }
    await propertyCheck(count: 1000, input: bytes.string(of: 0...4)) { text in
      let small = text.utf8.contains { (97...122).contains($0) }
      let listed =
        CurrencyUnits.whole.contains(text) || (small && CurrencyUnits.whole.contains(text.uppercased()))
      #expect(CurrencyUnits.places(text) == (listed ? 0 : 2), "\(text)")
    }
    #expect(CurrencyUnits.places("ıSK") == 2)
    #expect(CurrencyUnits.places("iSK") == 0)
    for code in CurrencyUnits.whole {
      #expect(CurrencyUnits.places(code) == 0)
      #expect(CurrencyUnits.places(code.lowercased()) == 0)
    }
  }
}
