preelig small.case.json --format json
