run ../../data/mainnet-e266.case.json
