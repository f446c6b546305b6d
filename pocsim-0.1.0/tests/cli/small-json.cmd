epoch small.case.json --format json
