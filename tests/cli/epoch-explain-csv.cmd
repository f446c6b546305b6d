epoch small.case.json --explain alice --format csv
