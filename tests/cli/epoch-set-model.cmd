epoch ../../data/mainnet-e266.case.json --set 'params.poc_params.models[moonshotai/Kimi-K2.6].weight_scale_factor=0.5' --format csv
