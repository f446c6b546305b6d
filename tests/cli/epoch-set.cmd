epoch ../../data/mainnet-e266.case.json --set params.delegation_params.w_threshold=0.2 --format table
