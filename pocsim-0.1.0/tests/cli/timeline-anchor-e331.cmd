timeline --epoch 331 --poc-start 873251 --at-epoch 56
