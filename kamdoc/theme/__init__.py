"""Themes: colours, fonts and sizes from a search path of folders, checked; company PowerPoint templates, made safe."""
