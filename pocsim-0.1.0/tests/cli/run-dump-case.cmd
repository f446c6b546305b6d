run ../../scenarios/minimax-bootstrap-276-280.json --dump-case 278
