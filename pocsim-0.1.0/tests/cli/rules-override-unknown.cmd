epoch small.case.json --rules v9 --format json
