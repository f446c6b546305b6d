timeline --epoch 266 timeline-bad-params.json
