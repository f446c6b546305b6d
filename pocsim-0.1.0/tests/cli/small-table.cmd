epoch small.case.json --format table
