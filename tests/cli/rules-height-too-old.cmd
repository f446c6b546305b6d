epoch rules-height-too-old.case.json --format json
