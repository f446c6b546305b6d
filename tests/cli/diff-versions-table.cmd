diff ../../data/mainnet-e266.case.json --rules v0.2.13 --rules v0.2.14 --format table --changed-only
