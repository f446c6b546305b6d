whatif ../../docs/examples/epoch403.csv --host dave --gpus 0xH100
