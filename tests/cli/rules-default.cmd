epoch rules-default.case.json --format table
