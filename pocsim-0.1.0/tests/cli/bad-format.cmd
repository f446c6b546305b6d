epoch small.case.json --format xml
