"""Errors a user can cause. Their ``str()`` is one Chinese line naming the file and the fault;
the CLI prints it and exits 2, the app shows it. Everything else is a bug."""


class InputError(Exception):
    """Bad input: an unreadable, oversized, malformed or invalid file or text."""
