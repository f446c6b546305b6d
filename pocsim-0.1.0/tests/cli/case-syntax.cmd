case snap-syntax
