preelig ../../data/mainnet-e266.case.json
