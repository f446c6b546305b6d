timeline --epoch 56
