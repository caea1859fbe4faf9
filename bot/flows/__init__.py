"""The dialogue's flows: one module per thing a person can do, one function per step."""
