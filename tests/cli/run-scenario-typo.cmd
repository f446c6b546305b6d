run run-scenario-typo.scenario.json
