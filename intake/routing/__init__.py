"""Routing: every case to the responsible bureau, by explainable keyword rules."""
