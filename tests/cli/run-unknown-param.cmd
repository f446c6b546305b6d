run run-unknown-param.scenario.json
