timeline snap-late
