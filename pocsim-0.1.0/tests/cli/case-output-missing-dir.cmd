case snap-small -o /nonexistent-dir/c.json
