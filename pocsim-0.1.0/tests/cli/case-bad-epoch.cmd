case snap-small --epoch x
