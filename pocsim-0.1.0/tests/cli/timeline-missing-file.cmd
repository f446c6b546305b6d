timeline --epoch 266 no-such-file.json
