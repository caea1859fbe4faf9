"""Policy data files: legal time limits (deadlines.yaml). Data, not code."""
