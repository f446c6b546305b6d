timeline --epoch 266 --poc-start 4089970
