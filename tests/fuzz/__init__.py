"""The fuzzing harness (issue 14): hypothesis over agreement files, mutations and command lines, run as a user does.

Short in the normal suite (under a minute); long by one documented command:

    IOP_FUZZ_EXAMPLES=500 nice -n 19 .venv/bin/python -m pytest tests/fuzz -p no:cacheprovider

Every CLI run is a subprocess bounded in wall time, CPU time and address space (harness.run_bounded),
so a new hang or blow-up fails a test, with the falsifying input printed by hypothesis.
"""
