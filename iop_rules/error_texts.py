"""The wording of input errors, in English and Swedish, keyed by a stable code.

An error line is read by whoever maintains the agreement -- often a lawyer or a controller at the
municipality, who reads Swedish -- and grepped by scripts, which read English.  So the English text
stays the default and is made from the same table: a message kind is one row here, never a
translation of English wording found at run time.  Parameters are filled in already formatted (a
quoted key, a date); only the few words that name a place in the document are translated too.
"""
from __future__ import annotations

from collections.abc import Mapping

#: code -> (English, Swedish).  Both name the same {placeholders}; a test holds them to it.
TEXTS: dict[str, tuple[str, str]] = {
    # reading the file
    "file_not_found": ("no such file, expected {what}",
                       "filen finns inte; förväntade {what}"),
    "broken_link": ("broken symbolic link (to {target}, which does not exist), expected {what}",
                    "symbolisk länk till {target}, som inte finns; förväntade {what}"),
    "is_directory": ("is a directory, expected {what}",
                     "är en mapp; förväntade {what}"),
    "not_regular": ("not a regular file ({kind}), expected {what}",
                    "är ingen vanlig fil ({kind}); förväntade {what}"),
    "permission_denied": ("permission denied, expected {what} this user can read",
                          "behörighet saknas; förväntade {what} som användaren får läsa"),
    "too_large": ("larger than the limit of {limit}, expected {what} of at most {limit}",
                  "större än gränsen {limit}; förväntade {what} på högst {limit}"),
    "not_utf8": ("byte {byte} is not UTF-8, expected UTF-8 text",
                 "byte {byte} är inte UTF-8; förväntade text i UTF-8"),
    # YAML
    "yaml_syntax": ("invalid YAML: {problem}, expected well-formed YAML",
                    "ogiltig YAML ({problem}); förväntade korrekt skriven YAML"),
    "empty_file": ("file is empty, expected a YAML mapping",
                   "filen är tom; förväntade nycklar med värden (en YAML-mappning)"),
    "too_deep": ("nesting deeper than {depth} levels, expected a flat agreement file",
                 "fler än {depth} nivåer inuti varandra; förväntade en platt fil för överenskommelsen"),
    "alias": ("YAML anchors and aliases are not supported, expected the value written out",
              "YAML-ankare och alias stöds inte; förväntade att värdet skrivs ut i sin helhet"),
    "tag_not_allowed": ("YAML tag {tag} is not allowed, expected plain YAML data",
                        "YAML-taggen {tag} är inte tillåten; förväntade vanliga YAML-uppgifter"),
    "key_not_plain": ("a key must be a plain name, expected `name: value`",
                      "en nyckel måste vara ett enkelt namn; förväntade `namn: värde`"),
    "duplicate_key": ("duplicate key {key} (first on line {first_line}), expected each key once",
                      "nyckeln {key} förekommer två gånger (första gången på rad {first_line}); förväntade varje nyckel en gång"),
    "unreadable_value": ("cannot read {value}, expected a number, true/false or text",
                         "{value} går inte att läsa; förväntade ett tal, true/false eller text"),
    "not_finite": ("{value} is not a finite number, expected a number (or text in quotes)",
                   "{value} är inte ett ändligt tal; förväntade ett tal (eller text inom citattecken)"),
    "number_too_large": ("{value} is too large, expected a whole number of at most {limit} in size "
                         "(beyond it numbers are not compared exactly)",
                         "{value} är för stort; förväntade ett heltal som till beloppet är högst {limit} "
                         "(större tal jämförs inte exakt)"),
    "yaml11_octal": ("{value} is an octal number in YAML 1.1 (read as {read}), expected {meant} "
                     "without the leading zero, or text in quotes",
                     "{value} är ett oktalt tal i YAML 1.1 (läses som {read}); förväntade {meant} "
                     "utan inledande nolla, eller text inom citattecken"),
    "yaml11_base60": ("{value} is a base-60 number in YAML 1.1 (read as {read}), expected a plain "
                      "number, or text in quotes ({quoted})",
                      "{value} är ett sexagesimalt tal i YAML 1.1 (läses som {read}); förväntade ett vanligt "
                      "tal, eller text inom citattecken ({quoted})"),
    # the document's structure and values
    "not_mapping": ("the document is not a mapping, expected {keys} at the top",
                    "dokumentet består inte av nycklar med värden; förväntade {keys} överst"),
    "unknown_key": ("unknown key {key} in {parent}",
                    "okänd nyckel {key} i {parent}"),
    "unknown_key_close": ("unknown key {key} in {parent}, expected one of its keys: did you mean {close}?",
                          "okänd nyckel {key} i {parent}; menade du {close}?"),
    "unknown_key_list": ("unknown key {key} in {parent}, expected one of: {names}",
                         "okänd nyckel {key} i {parent}; tillåtna nycklar: {names}"),
    "missing": ("{where}: required field is missing, expected it to be given",
                "{where}: uppgiften är obligatorisk men saknas; förväntade att den anges"),
    "bad_date": ("{where}: {given} is not a valid date, expected an ISO date like 2019-07-01",
                 "{where}: {given} är inte ett giltigt datum; förväntade ett datum som 2019-07-01"),
    "date_as_number": ("{where}: {given} is a number (read as the Unix timestamp {date}), expected an ISO date like 2019-07-01",
                       "{where}: {given} är ett tal (läses som Unix-tidsstämpeln {date}); förväntade ett datum som 2019-07-01"),
    "date_out_of_range": ("{where}: {date} is outside the supported dates, expected a date from {first} to {last}",
                          "{where}: {date} ligger utanför de datum som stöds; förväntade ett datum från {first} till {last}"),
    "not_allowed": ("{where}: {given} is not allowed, expected one of {expected}",
                    "{where}: {given} är inte tillåtet; förväntade ett av {expected}"),
    "not_integer": ("{where}: {given} is not a whole number, expected a whole number (no quotes, no decimals)",
                    "{where}: {given} är inte ett heltal; förväntade ett heltal (utan citattecken och decimaler)"),
    "too_small": ("{where}: {given} is too small, expected a number >= {minimum}",
                  "{where}: {given} är för litet; förväntade ett tal som är minst {minimum}"),
    "bad_id": ("{where}: {given} does not match {pattern}, expected a short lowercase id or a rule ID",
               "{where}: {given} följer inte mönstret {pattern}; förväntade ett kort id med gemener eller ett regel-ID"),
    "not_bool": ("{where}: {given} is not true/false, expected true or false",
                 "{where}: {given} är inte true/false; förväntade true eller false"),
    "not_a_mapping": ("{where}: got {given}, expected a mapping of keys",
                      "{where}: fick {given}; förväntade nycklar med värden"),
    "not_a_list": ("{where}: got {given}, expected a list (lines starting with `-`)",
                   "{where}: fick {given}; förväntade en lista (rader som börjar med `-`)"),
    "not_text": ("{where}: got {given}, expected non-empty text",
                 "{where}: fick {given}; förväntade en text som inte är tom"),
    "invalid_value": ("{where}: {detail} (got {given})",
                      "{where}: ogiltigt värde, {detail} (fick {given})"),
}

#: Parameters that name a place or a thing in English words; an empty place means the whole document.
_WORDS: dict[str, dict[str, str]] = {
    "where": {"": "dokumentet"},
    "parent": {"": "översta nivån"},
    "what": {"a YAML file": "en YAML-fil"},
    "kind": {"a directory": "en mapp", "a FIFO": "ett namngivet rör, FIFO", "a character device": "en teckenenhet",
             "a block device": "en blockenhet", "a socket": "en socket", "a symbolic link": "en symbolisk länk",
             "an unusual kind of file": "en ovanlig sorts fil"},
}
_ENGLISH_EMPTY = {"where": "the document", "parent": "the top level"}
#: How a size limit reads in Swedish: the same number, Swedish unit names.
_UNITS = (("MB", "MB"), ("KB", "kB"), ("bytes", "byte"))


def render(code: str, params: Mapping[str, str], lang: str = "en") -> str:
    """The message of kind `code` in `lang` (English for any language without a table of its own)."""
    english, swedish = TEXTS[code]
    if lang != "sv":
        return english.format(**{k: v or _ENGLISH_EMPTY.get(k, v) for k, v in params.items()})
    return swedish.format(**{k: _swedish(k, v) for k, v in params.items()})


def _swedish(name: str, value: str) -> str:
    words = _WORDS.get(name, {})
    if value in words:
        return words[value]
    if name == "limit":
        for english, swedish in _UNITS:
            value = value.replace(english, swedish)
    return value
