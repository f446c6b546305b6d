case snap-bad-weight
