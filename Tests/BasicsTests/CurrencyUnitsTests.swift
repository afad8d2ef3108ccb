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

  /// Looked up by number, a code gives what the list of whole currencies says of it in
  /// capitals, whatever its case or bytes.
  @Test func placesAreTheListsForAnyText() async {
    let bytes = Gen<Character?>.element(of: Array("AJPYKRWabjpyz@[`{ 1é") as [Character]).map { $0! }
    await propertyCheck(input: bytes.string(of: 0...4)) { text in
      #expect(CurrencyUnits.places(text) == (CurrencyUnits.whole.contains(text.uppercased()) ? 0 : 2), "\(text)")
    }
    for code in CurrencyUnits.whole {
      #expect(CurrencyUnits.places(code) == 0)
      #expect(CurrencyUnits.places(code.lowercased()) == 0)
    }
  }
}
