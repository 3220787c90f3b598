"""One module per rule; see ``shuzhi.checker.registry`` for the interface."""
