epoch ../../data/mainnet-e266.case.json --format csv
