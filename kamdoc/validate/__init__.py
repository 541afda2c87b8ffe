"""Validation: the schema's types and the standard's rules, images checked by content, findings and their formats."""
