"""Word and dependency-label sets shared by the stages that read the parse."""

TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "day", "night", "morning", "afternoon", "evening", "week",
    "weekend", "month", "year", "today", "tonight", "time", "occasion", "anniversary", "eve",
    "hour", "minute", "date", "dawn", "midnight", "noon", "era", "decade", "century"}
