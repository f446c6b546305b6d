case small.case.json
