timeline --epoch 251
