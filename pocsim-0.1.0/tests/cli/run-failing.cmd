run run-failing.scenario.json --format csv
