"""The HTML run report: facts read from the published warehouse (``facts``), Vega-Lite charts of them
(``charts``), and one self-contained page that holds both with the scripts that draw them (``page``)."""
