run run-unknown-key.scenario.json
