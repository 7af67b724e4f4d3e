import pytest


@pytest.fixture(scope="session")
def coder():
    from communique.coder.core import Coder
    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """code(text, date) -> list of (source, target, cameo) triples."""
    def run(text, date="2017-07-04"):
        return [(e.source.actor.code, e.target.actor.code if e.target else None, e.cameo)
                for e in coder.code_text(text, date=date)]
    return run
