timeline --epoch 266 mainnet-params.json
