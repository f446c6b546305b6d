run run-until-too-far.scenario.json
