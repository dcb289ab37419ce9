"""Ingest: the run's first steps, raw files → the run's articles.

``sources`` names and lists the input; ``discover`` → ``parse`` → ``normalise`` hand each other files in
the run's scratch folder (``flows/run/scratch.py``).  They run in a child process of the flow
(``flows/run/child_process.py``): reading a large corpus leaves a heap high-water mark and fragmentation
behind that the flow process would otherwise carry through the whole analysis.  So these modules import
only what these steps need.
"""
