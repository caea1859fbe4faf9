"""The Telegram adapter (python-telegram-bot v22): updates in, the engine's replies out.

Nothing here decides anything about a conversation; it translates between Telegram and
``bot.engine``. Chat and user ids live only in memory for the turn being handled: the
database sees a keyed hash (the conversation), a pseudonym (the case) and a sealed address
(the notifier), and the log sees neither.
"""
