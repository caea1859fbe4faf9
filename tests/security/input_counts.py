"""How many inputs each bad-input and attack suite tried, printed at the end of the run."""

from collections import Counter

TRIED: Counter[str] = Counter()
