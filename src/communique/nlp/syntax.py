"""Word and dependency-label sets shared by the stages that read the parse."""

TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "day", "night", "morning", "afternoon", "evening", "week",
    "weekend", "month", "year", "today", "tonight", "time", "occasion", "anniversary", "eve",
    "hour", "minute", "date", "dawn", "midnight", "noon", "era", "decade", "century"}

# Dependency labels, by what the stages use them for.
# Modifiers inside a noun phrase that may name its actor ("the Russian foreign minister").
PHRASE_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "flat", "quantmod", "npadvmod"}
# Labels a token climbs through to the head noun of its phrase (word-sequence patterns).
HEAD_CLIMB = {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "punct"}
# Clauses that hang off a noun phrase or a verb and hold actors of their own.
SUBORDINATE_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}
# Links from a clause up to the clause that governs it.
GOVERNED_CLAUSES = ("ccomp", "xcomp", "conj", "advcl")
