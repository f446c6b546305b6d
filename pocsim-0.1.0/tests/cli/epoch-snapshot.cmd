epoch snap-small --format json
