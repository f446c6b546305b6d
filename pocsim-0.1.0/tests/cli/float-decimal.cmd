epoch float-decimal.case.json --format json
