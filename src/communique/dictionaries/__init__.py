"""Dictionaries: the data files (ontology, actors, agents, people, verb and noun patterns,
event rules, coreference words) and the loaders that validate them, plus PETRARCH formats."""
from pathlib import Path

DATA = Path(__file__).parent / "data"
