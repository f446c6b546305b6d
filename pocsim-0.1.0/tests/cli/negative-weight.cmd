epoch negative-weight.case.json --format json
