case snap-small --epoch 12 -o /nonexistent-dir/c.json
