run run-start-case-typo.scenario.json
