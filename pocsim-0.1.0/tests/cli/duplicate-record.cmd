epoch duplicate-record.case.json --format json
