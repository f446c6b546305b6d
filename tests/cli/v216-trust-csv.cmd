epoch v216-trust.case.json --format csv
