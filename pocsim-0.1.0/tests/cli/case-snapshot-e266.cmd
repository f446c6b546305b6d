case ../snapshots/e266-cli
