diff ../../data/mainnet-e266.case.json --set-b params.delegation_params.cap_factor=0.5 --changed-only
