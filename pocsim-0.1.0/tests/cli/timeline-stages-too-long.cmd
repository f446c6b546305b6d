timeline --epoch 266 timeline-stages-too-long.json
