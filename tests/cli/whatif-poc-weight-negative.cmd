whatif ../../data/mainnet-e266.case.json --host gonka1hwvel7n3zuk6wruefuzc356l9myske9stckwnz --poc-weight -5
