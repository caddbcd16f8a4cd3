"""Machinery every helper shares: messages in English and Turkish (``i18n``), input
validation with errors that say what was expected (``validation``), ``show_source``.

The lowest layer: it imports nothing else of the course.
"""
