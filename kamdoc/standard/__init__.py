"""The standard: its closed lists, the typed model of a plan, the programme settings' model, the JSON Schema and the reference."""
