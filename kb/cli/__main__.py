"""`python -m kb.cli` = the `jixiao` command."""
from kb.cli import main

main()
