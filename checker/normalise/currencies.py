"""Currency tables: symbols, ISO 4217 codes and names, each mapped to one ISO code.

`money.py` turns these keys into `\\L<...>` lists and looks the matched text up with
`currency_of`. Lookups ignore case, spaces and dots, so "U.S. $", "us $" and "US$" agree.

A name that several countries use ("francs", "dinars", "riyals", "pesos") maps to the
lower-case name itself ("franc") rather than to a guessed code: the unit then says what the
text says, and never equals an ISO code, which is always upper case.
`units.txt` defines the same codes for pint; a test checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from checker.patterns import compile_pattern

# Codes written in capitals before or after an amount ("EUR 20", "115USD"). Codes that are
# also English words in capitals ("ALL 5 solutions", "TOP 10", "SOS", "AMD", "CUP") are left
# out: their currencies are rare in news and the words are not.
ISO_CODES = frozenset(
    """
    AED AFN AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
    MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY
    TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
    FIM ESP NLG DEM FRF ITL BEF ATS PTE IEP GRD
    """.split()
)
CODE_WORDS = frozenset({"ALL", "TOP", "SOS", "AMD", "CUP", "MAD", "PEN", "MOP", "BOB", "GEL"})
UPPER_CODES = ISO_CODES - CODE_WORDS

# Codes also accepted in lower case ("half million usd", "usd$ 15"): none is an English word.
LOWER_CODES = frozenset(
    """
    usd eur gbp jpy cny rmb rub inr aud hkd nzd sgd chf mxn krw uah sek nok dkk pln brl zar
    myr kwd qar sar egp lbp bgn mnt ils aed thb idr vnd twd czk huf ngn kes pkr
    """.split()
)

# "RMB" is the common name of the renminbi's code in Chinese reporting.
CODE_ALIASES: Mapping[str, str] = MappingProxyType({"RMB": "CNY", "rmb": "CNY"})

# Codes that take an "M" for millions in finance tables ("30 MUSD", "MAUD 60").
MILLION_CODES = frozenset({"USD", "EUR", "GBP", "AUD", "CAD", "CHF", "JPY", "CNY", "SEK", "NOK"})

SYMBOLS: Mapping[str, str] = MappingProxyType(
    {
        "$": "USD",
        "€": "EUR",
        "£": "GBP",
        "¥": "JPY",
        "CN¥": "CNY",
        "₽": "RUB",
        "₹": "INR",
        "₩": "KRW",
        "₺": "TRY",
        "₴": "UAH",
        "₪": "ILS",
        "₦": "NGN",
        "₫": "VND",
        "฿": "THB",
        "₱": "PHP",
        "₸": "KZT",
        "₼": "AZN",
        "zł": "PLN",
        "Kč": "CZK",
    }
)

# Case-sensitive symbols that are letters: "Rs 20", "RM42".
LETTER_SYMBOLS: Mapping[str, str] = MappingProxyType(
    {"Rs": "INR", "Rs.": "INR", "RS": "INR", "RM": "MYR"}
)

# Letters before "$" that name the dollar ("HK$", "C$", "us $"). These may stand apart from
# the "$", as in tokenised wire text ("hk $ 10.05 billion").
DOLLAR_PREFIXES_SPACED: Mapping[str, str] = MappingProxyType(
    {
        "us": "USD",
        "u.s.": "USD",
        "u.s": "USD",
        "u. s.": "USD",
        "usd": "USD",
        "hk": "HKD",
        "hkd": "HKD",
        "c": "CAD",
        "ca": "CAD",
        "cad": "CAD",
        "can": "CAD",
        "au": "AUD",
        "aud": "AUD",
        "nz": "NZD",
        "nzd": "NZD",
        "mex": "MXN",
        "mx": "MXN",
        "mxn": "MXN",
        "nt": "TWD",
        "sg": "SGD",
        "sgd": "SGD",
    }
)
# Single letters only when written against the "$": "a $5 bill" is five US dollars.
DOLLAR_PREFIXES_GLUED: Mapping[str, str] = MappingProxyType(
    {"a": "AUD", "s": "SGD", "r": "BRL", "z": "ZWL"}
)


def _plural(table: dict[str, str]) -> dict[str, str]:
    """Each name with its plural in "s" added ("dollar" -> "dollars")."""
    out = dict(table)
    for name, code in table.items():
        out.setdefault(name + "s", code)
    return out


# Names after (and for some, before) an amount. Singular "pound" is left out on purpose:
# "a twenty pound bag of rice" is a weight; money takes "pounds" or "£".
NAMES: Mapping[str, str] = MappingProxyType(
    {
        **_plural(
            {
                "dollar": "USD",
                "us dollar": "USD",
                "u.s. dollar": "USD",
                "american dollar": "USD",
                "australian dollar": "AUD",
                "canadian dollar": "CAD",
                "hong kong dollar": "HKD",
                "new zealand dollar": "NZD",
                "singapore dollar": "SGD",
                "taiwan dollar": "TWD",
                "new taiwan dollar": "TWD",
                "euro": "EUR",
                "yuan": "CNY",
                "chinese yuan": "CNY",
                "renminbi": "CNY",
                "rouble": "RUB",
                "ruble": "RUB",
                "russian rouble": "RUB",
                "russian ruble": "RUB",
                "rupee": "INR",
                "indian rupee": "INR",
                "pakistani rupee": "PKR",
                "sri lankan rupee": "LKR",
                "nepalese rupee": "NPR",
                "ringgit": "MYR",
                "malaysian ringgit": "MYR",
                "malaysia ringgit": "MYR",
                "dinar": "dinar",
                "kuwaiti dinar": "KWD",
                "iraqi dinar": "IQD",
                "bahraini dinar": "BHD",
                "jordanian dinar": "JOD",
                "serbian dinar": "RSD",
                "algerian dinar": "DZD",
                "libyan dinar": "LYD",
                "tunisian dinar": "TND",
                "riyal": "riyal",
                "saudi riyal": "SAR",
                "qatari riyal": "QAR",
                "rial": "rial",
                "iranian rial": "IRR",
                "omani rial": "OMR",
                "yemeni rial": "YER",
                "shekel": "ILS",
                "new shekel": "ILS",
                "israeli shekel": "ILS",
                "franc": "franc",
                "swiss franc": "CHF",
                "french franc": "FRF",
                "belgian franc": "BEF",
                "peseta": "ESP",
                "guilder": "NLG",
                "dutch guilder": "NLG",
                "deutsche mark": "DEM",
                "deutschmark": "DEM",
                "german mark": "DEM",
                "peso": "peso",
                "mexican peso": "MXN",
                "philippine peso": "PHP",
                "argentine peso": "ARS",
                "chilean peso": "CLP",
                "colombian peso": "COP",
                "brazilian real": "BRL",
                "hryvnia": "UAH",
                "zloty": "PLN",
                "forint": "HUF",
                "koruna": "CZK",
                "czech crown": "CZK",
                "swedish krona": "SEK",
                "norwegian krone": "NOK",
                "danish krone": "DKK",
                "tugrik": "MNT",
                "tugrug": "MNT",
                "dirham": "dirham",
                "uae dirham": "AED",
                "emirati dirham": "AED",
                "moroccan dirham": "MAD",
                "afghani": "AFN",
                "lari": "GEL",
                "cedi": "GHS",
                "kenyan shilling": "KES",
                "ugandan shilling": "UGX",
                "tanzanian shilling": "TZS",
                "turkish lira": "TRY",
                "egyptian pound": "EGP",
                "lebanese pound": "LBP",
                "syrian pound": "SYP",
                "sudanese pound": "SDG",
                "british pound": "GBP",
                "pound sterling": "GBP",
            }
        ),
        "pounds": "GBP",
        "pounds sterling": "GBP",
        "sterling": "GBP",
        "yen": "JPY",
        "japanese yen": "JPY",
        "markka": "FIM",
        "markkaa": "FIM",
        "finnish markka": "FIM",
        "finnish markkaa": "FIM",
        "reais": "BRL",
        "brazilian reais": "BRL",
        "lira": "lira",
        "lire": "ITL",
        "italian lire": "ITL",
        "krona": "SEK",
        "kronor": "SEK",
        "swedish kronor": "SEK",
        "norwegian kroner": "NOK",
        "danish kroner": "DKK",
        "baht": "THB",
        "rupiah": "IDR",
        "dong": "VND",
        "naira": "NGN",
        "rand": "ZAR",
        "south african rand": "ZAR",
        "won": "KRW",
        "south korean won": "KRW",
        "korean won": "KRW",
        "north korean won": "KPW",
        "taka": "BDT",
        "tenge": "KZT",
        "kip": "LAK",
        "kyat": "MMK",
        "lev": "BGN",
        "leva": "BGN",
        "leu": "RON",
        "lei": "RON",
        "birr": "ETB",
        "renminbi yuan": "CNY",
        "yuan renminbi": "CNY",
    }
)

# Names that may also stand before an amount ("ringgit 42", "dollar 22.5 million"). Short
# or common words ("won", "rand", "dong", "lei", "real") stay out: "won 3 games".
PREFIX_NAMES = frozenset(
    name
    for name in NAMES
    if name not in {"won", "rand", "dong", "lei", "leu", "lev", "kip", "lira", "sterling"}
)

# Subunits, each with the currency it divides and by how much. "pennies" is American usage
# (Duckling: "ten pennies" = $0.10); British text writes "pence".
SUBUNITS: Mapping[str, tuple[str, float]] = MappingProxyType(
    {
        "cent": ("USD", 0.01),
        "cents": ("USD", 0.01),
        "¢": ("USD", 0.01),
        "pennies": ("USD", 0.01),
        "penny": ("GBP", 0.01),
        "pence": ("GBP", 0.01),
        "p": ("GBP", 0.01),
        "kopeck": ("RUB", 0.01),
        "kopecks": ("RUB", 0.01),
        "kopek": ("RUB", 0.01),
        "kopeks": ("RUB", 0.01),
        "paise": ("INR", 0.01),
    }
)
# Subunit words in "20 dollars 43 cents", "$20 and 43c", "20 ringgit and 43 sen": the
# currency is the one just named, so these carry only the fraction.
TAIL_SUBUNITS = ("cent", "cents", "c", "¢", "sen", "pence", "p", "kopecks", "kopeks", "paise")


def prefilter_words() -> set[str]:
    """Lower-case words that every currency mention contains at least one of."""
    words = {code.lower() for code in ISO_CODES | set(CODE_ALIASES)}
    words |= {"m" + code.lower() for code in MILLION_CODES}
    words |= {symbol.lower().rstrip(".") for symbol in LETTER_SYMBOLS}
    words |= {name.split()[-1] for name in NAMES}
    words |= {"zł", "kč"}
    words |= {name for name in SUBUNITS if name.isalpha()}
    return words


_KEY_DROP = compile_pattern(r"[\s.]+")


def _key(text: str) -> str:
    """Lookup key: lower case, no spaces or dots ("U.S. $" -> "us$")."""
    return _KEY_DROP.sub("", text).lower()


_LOOKUP: dict[str, str] = {}
for _table in (NAMES, SYMBOLS, LETTER_SYMBOLS):
    for _surface, _code in _table.items():
        _LOOKUP[_key(_surface)] = _code
for _code in ISO_CODES:
    _LOOKUP[_key(_code)] = _code
for _prefix, _code in {**DOLLAR_PREFIXES_SPACED, **DOLLAR_PREFIXES_GLUED}.items():
    _LOOKUP[_key(_prefix) + "$"] = _code
for _alias, _code in CODE_ALIASES.items():
    _LOOKUP[_key(_alias)] = _code


def currency_of(text: str) -> tuple[str, float] | None:
    """(unit, multiplier) for a matched currency mention: "US$" -> ("USD", 1.0),
    "MUSD" -> ("USD", 1e6), "pence" -> ("GBP", 0.01); None when unknown."""
    key = _key(text)
    if key in _LOOKUP:
        return _LOOKUP[key], 1.0
    sub = SUBUNITS.get(key)
    if sub is not None:
        return sub
    if len(key) == 4 and key[0] == "m" and key[1:].upper() in MILLION_CODES:
        return key[1:].upper(), 1e6
    return None


def load_units() -> object:
    """A pint UnitRegistry holding the currencies of units.txt (for conversions and checks;
    never used while scanning text)."""
    from pathlib import Path

    import pint

    registry = pint.UnitRegistry(None)
    registry.load_definitions(str(Path(__file__).with_name("units.txt")))
    return registry
