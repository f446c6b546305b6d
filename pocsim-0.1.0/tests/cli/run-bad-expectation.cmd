run run-bad-expectation.json
