epoch ../../data/mainnet-e266.case.json --set w_threshold
