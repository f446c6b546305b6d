whatif ../../data/mainnet-e266.case.json --host gonka1hwvel7n3zuk6wruefuzc356l9myske9stckwnz --poc-weight 9223372036854775807 --format csv
