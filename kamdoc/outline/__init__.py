"""The deck as positioned slides, renderer-neutral: measuring, fitting, words and numbers, one builder per deck."""
