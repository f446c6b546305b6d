epoch ../../data/mainnet-e266.case.json --set params.delegation_params.w_treshold=0.2
