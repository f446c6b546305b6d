timeline --epoch 0
