epoch snap-height --format table
