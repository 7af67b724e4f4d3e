"""scoring: the coder measured against gold files (evaluate) and PETRARCH validation
records (validate)."""
