epoch sum-overflow.case.json --format json
