"""nlp: the spaCy pipeline, the faster token rules that replace its last two components,
and the pre-pass that leaves out sentences that cannot give an event."""
