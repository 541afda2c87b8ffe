"""Loading: YAML with the position of every value, files inside the work tree, plan discovery, git revisions, settings."""
