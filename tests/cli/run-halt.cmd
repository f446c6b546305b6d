run run-halt.scenario.json --format csv
