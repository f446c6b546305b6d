diff ../../data/mainnet-e266.case.json --case-b ../../data/mainnet-e266.case.json --format table
