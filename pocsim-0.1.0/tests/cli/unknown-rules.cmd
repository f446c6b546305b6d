epoch unknown-rules.case.json --format json
