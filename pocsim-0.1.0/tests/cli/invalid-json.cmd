epoch invalid-json.case.json --format json
