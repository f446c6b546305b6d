epoch snap-unknown-model
