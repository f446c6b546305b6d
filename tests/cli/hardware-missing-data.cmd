hardware --gpus 8xH100 --data no-such-dir --format json
