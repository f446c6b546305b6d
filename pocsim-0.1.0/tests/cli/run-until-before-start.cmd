run ../../scenarios/kimi-bootstrap-success.json --until 250
