"""Plain frozen dataclasses that services hand to the UI, reports and io.

They hold values, not sessions: a widget can keep one as long as it likes.
"""
