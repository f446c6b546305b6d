epoch small.case.json --format csv
