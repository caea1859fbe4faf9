"""The web channel: public forms, the staff desk and the Open311 API (Flask)."""
