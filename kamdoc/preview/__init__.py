"""The live preview: a local web server that shows each plan's deck as HTML slides and follows every save."""
