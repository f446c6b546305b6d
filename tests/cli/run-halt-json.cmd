run run-halt.scenario.json --format json
