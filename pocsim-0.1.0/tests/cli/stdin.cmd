epoch - --format json < small.case.json
