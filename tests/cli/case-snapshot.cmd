case snap-small
