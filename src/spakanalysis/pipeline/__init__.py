"""Pipeline layer: notebook execution (papermill), HTML/PDF export (nbconvert, WeasyPrint), runner, batch, manifest.

papermill, nbconvert, nbclient and WeasyPrint are imported only here.
"""
