diff ../../data/mainnet-e266.case.json --set-b params.delegation_params.w_threshold=0.2
