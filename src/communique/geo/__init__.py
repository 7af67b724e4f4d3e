"""geo: places named in the text, resolved offline against a gazetteer."""
