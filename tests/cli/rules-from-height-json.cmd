epoch rules-from-height.case.json --format json
