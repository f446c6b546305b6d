timeline --epoch 266 --format csv
