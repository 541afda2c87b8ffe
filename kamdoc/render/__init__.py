"""Renderers: pure output drawn from the outline's Deck (PowerPoint, PDF), and the system libraries each needs."""
