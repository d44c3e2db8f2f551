"""iop-rules: check Swedish IOP agreements against dated, declarative rulesets.

    from iop_rules import check, load_agreement, load_rulesets
    run = check(["agreements/"])
    for agreement in run.agreements:
        for r in agreement.results:
            print(agreement.id, r.rule, r.verdict, r.message["sv"])
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import IopError
from .loader import LoadedAgreement, load_agreement
from .results import AgreementReport, Result
from .rulesets import RulesetLibrary, load_rulesets
from .runner import RunReport, check

__all__ = ["check", "load_agreement", "load_rulesets", "IopError", "LoadedAgreement", "AgreementReport",
           "Result", "RulesetLibrary", "RunReport", "__version__"]
