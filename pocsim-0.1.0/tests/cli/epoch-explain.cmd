epoch ../../data/mainnet-e266.case.json --explain gonka1hwvel7n3zuk6wruefuzc356l9myske9stckwnz
