timeline preelig-e359.case.json --format json
