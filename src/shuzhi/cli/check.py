"""``shuzhi check`` — replaced by the checker issue."""
