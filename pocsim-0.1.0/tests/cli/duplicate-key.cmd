epoch duplicate-key.case.json --format json
