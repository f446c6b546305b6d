whatif ../../data/mainnet-e266.case.json --host gonka1nobody --format table
