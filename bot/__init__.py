"""The conversation: a platform-free dialogue engine and its Telegram and console adapters."""
