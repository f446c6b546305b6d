preelig invalid-json.case.json
