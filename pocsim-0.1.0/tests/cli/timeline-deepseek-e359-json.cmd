timeline --epoch 359 --format json
