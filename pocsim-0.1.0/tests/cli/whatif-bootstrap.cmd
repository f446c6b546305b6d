whatif ../../docs/examples/bootstrap.csv --host erin --model m2 --format csv
