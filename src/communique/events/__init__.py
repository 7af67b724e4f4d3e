"""events: the sentence's verbs and event nouns matched against the patterns, with their
governors, clause rules, modality and dates, expanded into coded events."""
