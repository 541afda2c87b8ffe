"""What each command does, behind the thin Click layer in cli.py."""
