"""The last conventions of issue 17: JUnit that agrees with the exit code, parameters in `rules show`,
input errors in Swedish."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import AGREEMENTS, run_cli
from tests.samples import local_ruleset

ONLY_WARNINGS = AGREEMENTS / "lund-kompis-sverige-2019.yaml"  # four warning-level failures, nothing at error


def _junit(*extra: str) -> tuple[int, ET.Element]:
    run = run_cli("check", str(ONLY_WARNINGS), "--format", "junit", *extra)
    return run.code, ET.fromstring(run.out)


def test_junit_counts_no_failure_when_the_run_passes() -> None:
    code, root = _junit("--fail-on", "error")
    assert code == 0
    assert root.get("failures") == "0" and root.findall(".//failure") == []
    shown = [c for c in root.iter("testcase") if c.find("system-out") is not None]
    assert len(shown) == 4  # the warnings are still there for a reader, on the case
    assert all("--fail-on error" in (c.findtext("system-out") or "") for c in shown)


def test_junit_failures_follow_fail_on_like_the_exit_code() -> None:
    code, root = _junit("--fail-on", "warning")
    assert code == 1
    assert root.get("failures") == "4" and len(root.findall(".//failure")) == 4
    assert all(c.find("system-out") is None for c in root.iter("testcase"))


def test_junit_extra_output_uses_the_same_fail_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.xml"
    run = run_cli("check", str(ONLY_WARNINGS), "--fail-on", "error", "--junit-output", str(out))
    assert run.code == 0 and ET.parse(out).getroot().get("failures") == "0"



def test_junit_findings_already_in_the_baseline_are_not_failures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(run_cli("check", str(ONLY_WARNINGS), "--format", "json").out, encoding="utf-8")
    code, root = _junit("--fail-on", "warning", "--baseline", str(baseline))
    assert code == 0 and root.get("failures") == "0"
    notes = [c.findtext("system-out") or "" for c in root.iter("testcase") if c.find("system-out") is not None]
    assert len(notes) == 4 and all("baslinjen" in n for n in notes)


LOCAL = local_ruleset(parameters="  max_duration_months:\n    value: 48\n    reference: \"Testkommunens riktlinjer 2024, 3 §: högst fyra år\"\n")


def _parameter_block(out: str, name: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(f"- `{name}`")
    block = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        block.append(line.strip())
    return block


def test_rules_show_gives_a_parameter_per_ruleset_with_its_reference() -> None:
    run = run_cli("rules", "show", "IOP-PERIOD-02")
    assert run.code == 0, run.err
    block = _parameter_block(run.out, "max_duration_months")
    assert block[0].startswith("- iop-core (inherited by boras-2016, uddevalla-2020, vgr): not set — Ingen gräns i kärnan")
    assert "- lund-socialnamnd-2017: 24 — Riktlinjer 2017-08-23: överenskommelser ska vara tidsbegränsade " \
           "till att maximalt gälla i två år" in block
    assert any(line.startswith("- lund-socialnamnd-2020: 36 — Riktlinjer 2020-11-11 §167") for line in block)


def test_rules_show_gives_dated_values_each_with_its_source() -> None:
    block = _parameter_block(run_cli("rules", "show", "IOP-LOU-01").out, "lou_threshold_sek")
    assert block[0].startswith("- iop-core (inherited by boras-2016, lund-socialnamnd-2017, lund-socialnamnd-2020, "
                               "uddevalla-2020, vgr): by decision date — Direktupphandlingsgräns")
    assert block[1] == "- from 2018-01-01: 586907 — Konkurrensverket, tröskelvärden och direktupphandlingsgränser " \
                       "2018-01-01–2019-12-31: 586 907 kr"
    assert [line.split(":")[0] for line in block[1:]] == [f"- from {y}-01-01" for y in (2018, 2020, 2022, 2024)]


def test_rules_show_includes_a_local_ruleset_that_sets_the_parameter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rulesets").mkdir()
    (tmp_path / "rulesets" / "testkommun.yaml").write_text(LOCAL, encoding="utf-8")
    run = run_cli("rules", "show", "IOP-PERIOD-02", "--rulesets-dir", str(tmp_path / "rulesets"), "--isolated")
    assert run.code == 0, run.err
    assert "- testkommun-2024: 48 — Testkommunens riktlinjer 2024, 3 §: högst fyra år" in _parameter_block(run.out, "max_duration_months")


# ---- input errors in Swedish ---------------------------------------------------------------

BAD_INPUTS = {  # file name -> (text, the Swedish line's message, after `path:line:col: `)
    "syntax.yaml": ("id: a\nparties: [\n", "ogiltig YAML (…); förväntade korrekt skriven YAML"),  # (…): the YAML parser's words
    "dup.yaml": ("id: a\nid: b\n", "nyckeln 'id' förekommer två gånger (första gången på rad 1); förväntade varje nyckel en gång"),
    "typo.yaml": ("id: a\nperiodd: {}\n", "okänd nyckel 'periodd' i översta nivån; menade du 'period'?"),
    "type.yaml": ("id: a\nfunding:\n  - {amount: '12 000'}\n",
                  "funding[0].amount: '12 000' är inte ett heltal; förväntade ett heltal (utan citattecken och decimaler)"),
    "missing.yaml": ("parties: []\n", "id: uppgiften är obligatorisk men saknas; förväntade att den anges"),
    "date.yaml": ("id: a\nperiod: {start: 2019-02-30}\n",
                  "period.start: '2019-02-30' är inte ett giltigt datum; förväntade ett datum som 2019-07-01"),
}
FILE_PROBLEMS = {
    "absent.yaml": "filen finns inte; förväntade en YAML-fil",
    "pipe.yaml": "är ingen vanlig fil (ett namngivet rör, FIFO); förväntade en YAML-fil",
    "big.yaml": "större än gränsen 2 MB; förväntade en YAML-fil på högst 2 MB",
}


def _bad_files(tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    import os
    for name, (text, _) in BAD_INPUTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "big.yaml").write_text("id: big\n" + "#" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    return sorted([*BAD_INPUTS, *FILE_PROBLEMS])


def _lines(stderr: str) -> dict[str, tuple[str, str]]:
    """file name -> (line:col, message) of each error line."""
    out = {}
    for line in stderr.splitlines():
        path, position_and_message = line.split(":", 1)
        row, col, message = position_and_message.split(":", 2)
        out[path] = (f"{row}:{col}", message.strip())
    return out


def test_input_errors_are_swedish_with_lang_sv_and_english_without(tmp_path) -> None:  # type: ignore[no-untyped-def]
    names = _bad_files(tmp_path)
    swedish = run_cli("check", "--lang", "sv", "--isolated", *names, cwd=tmp_path)
    english = run_cli("check", "--isolated", *names, cwd=tmp_path)
    assert swedish.code == english.code == 2
    sv, en = _lines(swedish.err), _lines(english.err)
    assert sorted(sv) == sorted(en) == names
    for name, (_, message) in BAD_INPUTS.items():
        head, _, tail = message.partition("…")
        assert sv[name][1] == message if not tail else sv[name][1].startswith(head) and sv[name][1].endswith(tail), name
    for name, message in FILE_PROBLEMS.items():
        assert sv[name][1] == message, name
    assert {name: pos for name, (pos, _) in sv.items()} == {name: pos for name, (pos, _) in en.items()}
    assert en["dup.yaml"][1] == "duplicate key 'id' (first on line 1), expected each key once"
    assert en["typo.yaml"][1] == "unknown key 'periodd' in the top level, expected one of its keys: did you mean 'period'?"
    assert en["absent.yaml"][1] == "no such file, expected a YAML file"
    assert en["missing.yaml"][1] == "id: required field is missing, expected it to be given"


def test_the_settings_file_can_ask_for_swedish_errors_and_a_flag_overrides_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".iop-rules.toml").write_text('lang = "sv"\n', encoding="utf-8")
    (tmp_path / "dup.yaml").write_text(BAD_INPUTS["dup.yaml"][0], encoding="utf-8")
    assert _lines(run_cli("check", "dup.yaml", cwd=tmp_path).err)["dup.yaml"][1] == BAD_INPUTS["dup.yaml"][1]
    english = _lines(run_cli("check", "dup.yaml", "--lang", "en", cwd=tmp_path).err)
    assert english["dup.yaml"][1].startswith("duplicate key 'id'")


def test_a_broken_ruleset_is_refused_in_swedish(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "rulesets").mkdir()
    (tmp_path / "rulesets" / "local.yaml").write_text(LOCAL.replace("rules: []\n", "rules: []\ntitle: igen\n"), encoding="utf-8")
    run = run_cli("check", "--lang", "sv", "--isolated", "--rulesets-dir", "rulesets", str(ONLY_WARNINGS), cwd=tmp_path)
    assert run.code == 2
    assert run.err.strip() == "rulesets/local.yaml:12:1: nyckeln 'title' förekommer två gånger (första gången på rad 2); " \
                              "förväntade varje nyckel en gång"


def test_every_message_kind_names_the_same_values_in_both_languages() -> None:
    from string import Formatter
    from iop_rules.error_texts import TEXTS
    for code, (english, swedish) in TEXTS.items():
        def names(template: str) -> set[str]:
            return {field for _, field, _, _ in Formatter().parse(template) if field}
        assert names(english) == names(swedish), code
        assert english != swedish, code


def test_an_error_without_a_kind_stays_english_in_every_language() -> None:
    from iop_rules.errors import IopError
    plain = IopError("worker died", "a.yaml", 0, 0)
    assert plain.line_in("sv") == str(plain) == "a.yaml:0:0: worker died"
    coded = IopError.coded("file_not_found", "a.yaml", what="a YAML file")
    assert str(coded) == "a.yaml:0:0: no such file, expected a YAML file"
    assert coded.relocated("b.yaml").line_in("sv") == "b.yaml:0:0: filen finns inte; förväntade en YAML-fil"
