epoch wrong-type.case.json --format json
