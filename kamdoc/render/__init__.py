"""Renderers: pure output from the outline (PowerPoint now; PDF next)."""
