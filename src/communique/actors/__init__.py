"""actors: dictionary phrases aligned to the parse and resolved into coded mentions
(countries, agents, people, organisations, compounds, coreference, shared surnames)."""
