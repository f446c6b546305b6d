epoch unknown-model.case.json --format json
