preelig preelig-e359.case.json --format csv
