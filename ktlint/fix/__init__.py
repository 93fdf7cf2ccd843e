"""Applying fixes: text edits on the decoded source, written back atomically."""
