whatif ../../data/mainnet-e266.case.json --host gonka10mmdjau4dnj8krs7sh7t7635ttnmq9u3vqgz09 --explain --format json
