run run-halt.scenario.json --dump-case 32
