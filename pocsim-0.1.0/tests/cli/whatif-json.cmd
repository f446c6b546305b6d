whatif ../../data/mainnet-e266.case.json --host gonka1hwvel7n3zuk6wruefuzc356l9myske9stckwnz --model moonshotai/Kimi-K2.6 --candidates 1 --format json
