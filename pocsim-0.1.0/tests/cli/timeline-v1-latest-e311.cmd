timeline --epoch 311 v1-epochs-latest-e265.json --format json
