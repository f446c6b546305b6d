run ../../scenarios/kimi-bootstrap-success.json --rules v0.2.14 --format csv
