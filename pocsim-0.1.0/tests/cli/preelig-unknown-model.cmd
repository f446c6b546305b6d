preelig preelig-e359.case.json --model no/such-model
