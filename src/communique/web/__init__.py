"""The dashboard: static HTML/CSS/JS written here, Vega-Lite charts whose specs are made on
the server (specs.py) and whose JavaScript comes from the installed vl-convert-python."""
