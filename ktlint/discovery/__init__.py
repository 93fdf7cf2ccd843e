"""Finding the files to lint."""
