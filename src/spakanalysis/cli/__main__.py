"""``python -m spakanalysis.cli``: the same as the ``spakanalysis`` console script."""

from spakanalysis.cli.app import main

main()
