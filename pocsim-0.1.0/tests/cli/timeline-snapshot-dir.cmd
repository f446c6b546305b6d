timeline --epoch 360 timeline-snapshot-dir
