"""cli: the `communique` command on Typer and Rich, one module per group of commands."""
