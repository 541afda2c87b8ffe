"""Files and processes: rendering plans, building a repository, watching, revisions to compare."""
