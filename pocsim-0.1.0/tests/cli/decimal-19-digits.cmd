epoch decimal-19-digits.case.json --format json
